import Foundation
import Support

/// The few system calls through which every durable write and every master read passes, so that a
/// test can make any one of them fail (Support/FaultInjection: MEMORIA_FAULT=ENOSPC@write:3). Each
/// returns what the system call returns and leaves the error in `errno`, as the call would.
enum SystemCall {
    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0, for operation: FaultInjection.Operation) -> Int32 {
        if let code = FaultInjection.fault(for: operation) { errno = code; return -1 }
        return Foundation.open(path, flags, mode)
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        if let code = FaultInjection.fault(for: .write) { errno = code; return -1 }
        return Foundation.write(fd, bytes, count)
    }

    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        if let code = FaultInjection.fault(for: .read) { errno = code; return -1 }
        return Foundation.read(fd, buffer, count)
    }

    static func fsync(_ fd: Int32) -> Int32 {
        if let code = FaultInjection.fault(for: .fsync) { errno = code; return -1 }
        return Foundation.fsync(fd)
    }

    /// rename(2) of a path given as raw bytes (a name that may not be valid UTF-8).
    static func rename(rawPath from: UnsafePointer<CChar>, _ to: String) -> Int32 {
        if let code = FaultInjection.fault(for: .rename) { errno = code; return -1 }
        return Foundation.rename(from, to)
    }

    static func rename(_ from: String, _ to: String) -> Int32 {
        if let code = FaultInjection.fault(for: .rename) { errno = code; return -1 }
        return Foundation.rename(from, to)
    }

    /// syncfs(2): makes everything written on the file system of `fd` durable (counts as an fsync).
    /// Returns nil when the C library does not offer it (the caller then fsyncs file by file).
    static func syncfs(_ fd: Int32) -> Int32? {
        guard let function = LinuxOnly.syncfs else { return nil }
        if let code = FaultInjection.fault(for: .fsync) { errno = code; return -1 }
        return function(fd)
    }

    /// copy_file_range(2) of up to `count` bytes between two descriptors (counts as a write); nil
    /// when the C library does not offer it.
    static func copyFileRange(_ from: Int32, _ to: Int32, _ count: Int) -> Int? {
        guard let function = LinuxOnly.copyFileRange else { return nil }
        if let code = FaultInjection.fault(for: .write) { errno = code; return -1 }
        return function(from, nil, to, nil, count, 0)
    }
}

/// GNU extensions of the C library that the Swift module of Glibc does not declare, looked up once by name.
private enum LinuxOnly {
    typealias SyncFS = @convention(c) (Int32) -> Int32
    typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int

    static let syncfs: SyncFS? = symbol("syncfs").map { unsafeBitCast($0, to: SyncFS.self) }
    static let copyFileRange: CopyFileRange? = symbol("copy_file_range").map { unsafeBitCast($0, to: CopyFileRange.self) }

    /// dlsym(RTLD_DEFAULT, name): RTLD_DEFAULT is the null handle in glibc.
    static func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(nil, name) }
}
