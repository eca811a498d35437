import CLibCrypto
import Foundation
import Support

/// Streaming message digests through OpenSSL's libcrypto (hardware-accelerated where the CPU allows).
/// Files are read in 128 KiB chunks into one reused buffer (small enough to stay in the CPU cache
/// between the read and the hash): never whole into memory.
public struct Digester: ~Copyable {
    public let algorithm: DigestAlgorithm
    private let context: OpaquePointer

    public init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, algorithm.evp, nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        if let base = bytes.baseAddress, bytes.count > 0 { EVP_DigestUpdate(context, base, bytes.count) }
    }

    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The digest as lower-case hexadecimal.
    public consuming func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Self.hex(digest.prefix(Int(length)))
    }

    public static let chunkSize = 1 << 17

    /// Lower-case hexadecimal (String(format:) per byte cost a tenth of a verify of small files).
    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Digest of a file, streamed. Throws `FixityError.unreadable` with the path.
    public static func digest(fileAt url: URL, algorithm: DigestAlgorithm) throws -> String {
        let digester = Digester(algorithm)
        try FileReader.forEachChunk(of: url) { digester.update($0) }
        return digester.finalize()
    }

    /// Digest of bytes in memory.
    public static func digest(_ bytes: [UInt8], algorithm: DigestAlgorithm) -> String {
        let digester = Digester(algorithm)
        digester.update(bytes)
        return digester.finalize()
    }

    /// Copies `source` to a new file `destination`, digesting the bytes as they pass (one read of the
    /// source), then fsyncs the copy. Returns the digest and the number of bytes.
    public static func copy(_ source: URL, to destination: URL, algorithm: DigestAlgorithm) throws -> (digest: String, bytes: Int64) {
        let digester = Digester(algorithm)
        let total = try DurableCopy.copy(source, to: destination) { digester.update($0) }
        return (digester.finalize(), total)
    }
}

/// Reads files in large chunks with POSIX calls (retrying on EINTR) into one reused buffer.
public enum FileReader {
    /// Calls `body` with successive chunks of the file. With `dropFromCache`, asks the kernel to forget
    /// the file's cached pages first, so the bytes come from the disk (used to verify copies).
    public static func forEachChunk(of url: URL, dropFromCache: Bool = false,
                                    _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try forEachChunk(atPath: url.path, dropFromCache: dropFromCache, body)
    }

    /// The same for a path already built as a string (an audit reads thousands of small files: a URL
    /// per file cost more than reading it).
    public static func forEachChunk(atPath path: String, dropFromCache: Bool = false,
                                    _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = SystemCall.open(path, O_RDONLY | O_CLOEXEC, for: .read)
        guard fd >= 0 else { throw FixityError.unreadable(path: path, errno: errno) }
        defer { close(fd) }
        if dropFromCache { _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED)) }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Digester.chunkSize, alignment: 4096)
        defer { buffer.deallocate() }
        while true {
            let count = SystemCall.read(fd, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw FixityError.unreadable(path: path, errno: errno)
            }
            if count == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}

/// Errors of fixity work.
public enum FixityError: Error, Equatable, Sendable, PersonFacingError, CustomStringConvertible {
    case unreadable(path: String, errno: Int32)
    case unwritable(path: String, errno: Int32)
    case mismatch(path: String, algorithm: String, expected: String, found: String)

    public var whatHappened: String {
        switch self {
        case .unreadable(let path, let code): return "no se pudo leer «\(path)»: \(SystemErrorText.spanish(errno: code))"
        case .unwritable(let path, let code): return "no se pudo escribir «\(path)»: \(SystemErrorText.spanish(errno: code))"
        case .mismatch(let path, let algorithm, _, _): return "la huella \(algorithm) de «\(path)» no es la esperada"
        }
    }

    public var whatToDo: String {
        switch self {
        case .unreadable(_, let code), .unwritable(_, let code): return SystemErrorText.advice(errno: code)
        case .mismatch: return "Restaure el archivo desde la copia de seguridad o una réplica"
        }
    }

    public var technicalDetail: String? {
        switch self {
        case .unreadable(let path, let code), .unwritable(let path, let code): return "\(path): \(String(cString: strerror(code)))"
        case .mismatch(_, _, let expected, let found): return "expected \(expected), found \(found)"
        }
    }

    public var description: String { messageForPeople }
}
