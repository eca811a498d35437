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
}
