import Foundation
import Metadata

/// Runs Tesseract as a separate process per page, with a time limit: a crash or hang of the OCR engine
/// costs that page its text, never the ingest. Produces plain text and ALTO.
struct TesseractRunner: OCREngine {
    let command: String
    let languages: String
    let pageSegmentationMode: Int
    let timeoutSeconds: Int
    let version: String


    /// Looks for Tesseract and the configured languages; nil with a reason when it cannot run.
    static func probe(command: String, languages: String) -> (version: String?, problem: String?) {
        guard let versionOutput = try? runCaptured(command, ["--version"], timeout: 20), versionOutput.status == 0 || !versionOutput.output.isEmpty else {
            return (nil, "no se encontró Tesseract («\(command)»); instale tesseract-ocr y tesseract-ocr-spa, o ponga text.ocr: never")
        }
        let first = versionOutput.output.split(separator: "\n").first.map(String.init) ?? "tesseract"
        let version = first.split(separator: " ").dropFirst().first.map(String.init) ?? "unknown"
        if let list = try? runCaptured(command, ["--list-langs"], timeout: 20) {
            let available = Set(list.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            let missing = languages.split(separator: "+").map(String.init).filter { !available.contains($0) }
            if !missing.isEmpty {
                return (version, "faltan los idiomas de Tesseract \(missing.joined(separator: ", ")) (instale tesseract-ocr-\(missing[0]))")
            }
        }
        return (version, nil)
    }

    var agent: PremisAgent {
        PremisAgent(identifier: "tesseract-\(version)", name: "Tesseract OCR", kind: .software, version: version)
    }

    var runDescription: String { "OCR con Tesseract \(version) (idiomas \(languages), psm \(pageSegmentationMode))" }
    var summary: String { "Tesseract \(version) (\(languages))" }

    /// OCR of one image file: (plain text, ALTO bytes).
    func recognize(_ image: URL) throws(OCRFailure) -> OCRResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("memoria-ocr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw OCRFailure(message: "no se pudo crear una carpeta temporal para Tesseract", detail: "\(error)")
        }
        let base = folder.appendingPathComponent("page")
        let result: (status: Int32, output: String, timedOut: Bool)
        do {
            result = try Self.runCaptured(command, [image.path, base.path, "-l", languages, "--psm", String(pageSegmentationMode), "txt", "alto"],
                                          timeout: timeoutSeconds)
        } catch {
            throw OCRFailure(message: "no se pudo iniciar Tesseract", detail: "\(error)")
        }
        if result.timedOut {
            throw OCRFailure(message: "Tesseract tardó más de \(timeoutSeconds) s y se detuvo (text.timeout_seconds)", detail: "timeout after \(timeoutSeconds) s")
        }
        guard result.status == 0,
              let text = try? String(contentsOf: base.appendingPathExtension("txt"), encoding: .utf8),
              let alto = FileManager.default.contents(atPath: base.appendingPathExtension("xml").path) else {
            throw OCRFailure(message: "Tesseract terminó con un error (código \(result.status))", detail: String(result.output.suffix(300)))
        }
        let cleaned = text.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\u{0C}", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return OCRResult(text: cleaned, alto: [UInt8](alto))
    }

    /// Runs a command with a time limit; stdout and stderr together.
    static func runCaptured(_ command: String, _ arguments: [String], timeout: Int) throws -> (status: Int32, output: String, timedOut: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collected = OutputCollector()
        let reader = Thread { collected.set(pipe.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let deadline = Date().addingTimeInterval(Double(timeout))
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                // Foundation starts the child as the leader of its own process group; stopping the
                // group also stops what it started (a wrapper script's children). Foundation counts
                // the process as running until every holder of its exit socket has gone.
                let pid = process.processIdentifier
                let target = getpgid(pid) == pid ? -pid : pid
                kill(target, SIGTERM)
                usleep(500_000)
                kill(target, SIGKILL)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        var waited = 0
        while !collected.done && waited < 200 { usleep(10_000); waited += 1 }
        return (process.terminationStatus, String(decoding: collected.value, as: UTF8.self), timedOut)
    }
}

final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var finished = false
    func set(_ d: Data) { lock.lock(); data = d; finished = true; lock.unlock() }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
