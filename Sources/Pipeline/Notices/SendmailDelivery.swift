import Foundation
import Support

/// Hands a mail to the machine's mail system through the sendmail interface (`sendmail -t -i`: the
/// recipients come from the To: header); msmtp-mta or postfix provide it on Debian. Memoria speaks
/// no SMTP itself.
struct SendmailDelivery {
    /// notices.sendmail: a path, or a name looked up on PATH and in /usr/sbin and /usr/lib.
    let command: String

    func resolved() -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/lib"]
        return folders.map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Nil when the mail system took the message; otherwise why not, in Spanish (and the technical text).
    func send(_ message: String) -> (spanish: String, detail: String)? {
        guard let executable = resolved() else {
            return ("no se encontró la orden «\(command)» (notices.sendmail); instale msmtp-mta o postfix, o ponga su ruta", "sendmail not found: \(command)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-t", "-i"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return ("no se pudo ejecutar «\(command)»: \(SystemErrorText.describe(error).spanish)", "\(error)")
        }
        let errorText = LockedText()
        let reader = Thread { errorText.set(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)) }
        reader.start()
        input.fileHandleForWriting.write(Data(message.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        while !errorText.done { usleep(1000) }
        guard process.terminationStatus == 0 else {
            return ("el sistema de correo («\(command)») no aceptó el mensaje (código \(process.terminationStatus)); revise su configuración (/etc/msmtprc o postfix)",
                    errorText.value.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return nil
    }
}

final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    private var finished = false
    func set(_ value: String) { lock.lock(); text = value; finished = true; lock.unlock() }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
    var value: String { lock.lock(); defer { lock.unlock() }; return text }
}
