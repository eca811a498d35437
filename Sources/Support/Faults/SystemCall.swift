import Foundation

/// The few system calls through which every write, rename and fsync of the archive, the derivative
/// store, the tiles and the site, and every read of a master pass, so that a test can make any one of
/// them fail (FaultInjection: MEMORIA_FAULT=ENOSPC@write:3). Each returns what the system call
/// returns and leaves the error in `errno`, as the call would.
public enum SystemCall {
    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0, for operation: FaultInjection.Operation) -> Int32 {
        if let code = FaultInjection.fault(for: operation) { errno = code; return -1 }
        return Foundation.open(path, flags, mode)
    }

    public static func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        if let code = FaultInjection.fault(for: .write) { errno = code; return -1 }
        return Foundation.write(fd, bytes, count)
    }

    public static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        if let code = FaultInjection.fault(for: .read) { errno = code; return -1 }
        return Foundation.read(fd, buffer, count)
    }

    public static func fsync(_ fd: Int32) -> Int32 {
        if let code = FaultInjection.fault(for: .fsync) { errno = code; return -1 }
        return Foundation.fsync(fd)
    }

    /// rename(2) of a path given as raw bytes (a name that may not be valid UTF-8).
    public static func rename(rawPath from: UnsafePointer<CChar>, _ to: String) -> Int32 {
        if let code = FaultInjection.fault(for: .rename) { errno = code; return -1 }
        return Foundation.rename(from, to)
    }

    public static func rename(_ from: String, _ to: String) -> Int32 {
        if let code = FaultInjection.fault(for: .rename) { errno = code; return -1 }
        return Foundation.rename(from, to)
    }

    /// mkdir(2) (counts as a create).
    public static func mkdir(_ path: String, _ mode: mode_t = 0o755) -> Int32 {
        if let code = FaultInjection.fault(for: .create) { errno = code; return -1 }
        return Foundation.mkdir(path, mode)
    }

    /// link(2) (counts as a create).
    public static func link(_ from: String, _ to: String) -> Int32 {
        if let code = FaultInjection.fault(for: .create) { errno = code; return -1 }
        return Foundation.link(from, to)
    }

    /// Swaps two paths in one step (renameat2 with RENAME_EXCHANGE): whoever looks sees one or the
    /// other, never neither. Returns nil when the C library or the file system does not offer it
    /// (the caller then renames twice). Counts as a rename.
    public static func exchange(_ first: String, _ second: String) -> Int32? {
        guard let function = LinuxOnly.renameat2 else { return nil }
        if let code = FaultInjection.fault(for: .rename) { errno = code; return -1 }
        let atCurrentFolder: Int32 = -100   // AT_FDCWD
        let renameExchange: UInt32 = 2      // RENAME_EXCHANGE
        let result = function(atCurrentFolder, first, atCurrentFolder, second, renameExchange)
        if result != 0 && (errno == EINVAL || errno == ENOSYS) { return nil }
        return result
    }

    /// Writes all of `bytes` to `fd` (retrying after EINTR); the errno of the failure, or nil.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// syncfs(2): makes everything written on the file system of `fd` durable (counts as an fsync).
    /// Returns nil when the C library does not offer it (the caller then fsyncs file by file).
    public static func syncfs(_ fd: Int32) -> Int32? {
        guard let function = LinuxOnly.syncfs else { return nil }
        if let code = FaultInjection.fault(for: .fsync) { errno = code; return -1 }
        return function(fd)
    }

    /// copy_file_range(2) of up to `count` bytes between two descriptors (counts as a write); nil
    /// when the C library does not offer it.
    public static func copyFileRange(_ from: Int32, _ to: Int32, _ count: Int) -> Int? {
        guard let function = LinuxOnly.copyFileRange else { return nil }
        if let code = FaultInjection.fault(for: .write) { errno = code; return -1 }
        return function(from, nil, to, nil, count, 0)
    }
}

/// GNU extensions of the C library that the Swift module of Glibc does not declare, looked up once by name.
private enum LinuxOnly {
    typealias SyncFS = @convention(c) (Int32) -> Int32
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int

    static let syncfs: SyncFS? = symbol("syncfs").map { unsafeBitCast($0, to: SyncFS.self) }
    static let renameat2: RenameAt2? = symbol("renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    static let copyFileRange: CopyFileRange? = symbol("copy_file_range").map { unsafeBitCast($0, to: CopyFileRange.self) }

    /// dlsym(RTLD_DEFAULT, name): RTLD_DEFAULT is the null handle in glibc.
    static func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(nil, name) }
}
