import Foundation
import Support

/// Writes a BagIt 1.0 bag (RFC 8493): data/ with the payload, manifest-sha512.txt, bagit.txt,
/// bag-info.txt and tagmanifest-sha512.txt. Payload files are copied and their digests checked against
/// the expected ones as they are copied.
public struct BagExporter {
    public struct PayloadFile: Sendable {
        public var path: String        // relative, under data/
        public var source: URL
        public var digest: String      // expected SHA-512
        public init(path: String, source: URL, digest: String) {
            self.path = path
            self.source = source
            self.digest = digest
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case destinationNotEmpty(String)
        case mismatch(path: String)
        public var description: String {
            switch self {
            case .destinationNotEmpty(let path): return "\(path) ya existe y no está vacía; elija una carpeta nueva para la bolsa"
            case .mismatch(let path): return "\(path) no coincide con su huella archivada; ejecute `memoria verify` sobre el ítem"
            }
        }
    }

    public init() {}

    /// `info` holds bag-info.txt's labels and values, in order.
    /// The bag is built in a folder beside `bag` and renamed into place only when complete, so a
    /// failed export (a damaged master, a full disk) leaves nothing half-written behind.
    public func write(to bag: URL, payload: [PayloadFile], info: [(String, String)]) throws {
        let files = FileManager.default
        if files.fileExists(atPath: bag.path), !((try? files.contentsOfDirectory(atPath: bag.path)) ?? []).isEmpty {
            throw Failure.destinationNotEmpty(bag.path)
        }
        let partial = bag.deletingLastPathComponent().appendingPathComponent(".\(bag.lastPathComponent).parcial-\(getpid())")
        try? files.removeItem(at: partial)
        do {
            try build(partial, payload: payload, info: info)
            if files.fileExists(atPath: bag.path) { try files.removeItem(at: bag) }   // the empty folder given
            try files.moveItem(at: partial, to: bag)
        } catch {
            try? files.removeItem(at: partial)
            // The working folder is gone: the person is told about the bag's own path.
            guard let person = error as? PersonFacingError else { throw error }
            throw PersonMessage("\(person.whatHappened.replacingOccurrences(of: partial.path, with: bag.path)); la bolsa no se escribió",
                                whatToDo: person.whatToDo, technicalDetail: person.technicalDetail)
        }
    }

    private func build(_ bag: URL, payload: [PayloadFile], info: [(String, String)]) throws {
        let files = FileManager.default
        try files.createDirectory(at: bag.appendingPathComponent("data"), withIntermediateDirectories: true)
        var manifest: [String] = []
        var octets: Int64 = 0
        for file in payload.sorted(by: { $0.path < $1.path }) {
            let target = bag.appendingPathComponent("data").appendingPathComponent(file.path)
            try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let copy = try Digester.copy(file.source, to: target, algorithm: .sha512)
            guard copy.digest == file.digest else { throw Failure.mismatch(path: file.path) }
            octets += copy.bytes
            manifest.append("\(copy.digest)  data/\(Self.encodePath(file.path))")
        }
        try write("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", bag, "bagit.txt")
        try write(manifest.joined(separator: "\n") + "\n", bag, "manifest-sha512.txt")
        var infoLines = info.map { label, value in "\(label): \(Self.oneLine(value))" }
        infoLines.append("Payload-Oxum: \(octets).\(payload.count)")
        try write(infoLines.joined(separator: "\n") + "\n", bag, "bag-info.txt")
        let tags = try ["bagit.txt", "bag-info.txt", "manifest-sha512.txt"].map { name in
            "\(try Digester.digest(fileAt: bag.appendingPathComponent(name), algorithm: .sha512))  \(name)"
        }
        try write(tags.joined(separator: "\n") + "\n", bag, "tagmanifest-sha512.txt")
    }

    private func write(_ text: String, _ bag: URL, _ name: String) throws {
        try FileSystem.writeDurably(Data(text.utf8), to: bag.appendingPathComponent(name))
    }

    /// RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded.
    static func encodePath(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    /// bag-info values on one line (line breaks become spaces).
    static func oneLine(_ value: String) -> String {
        value.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
