import Foundation

/// Faults made on purpose, for tests only: with `MEMORIA_FAULT=ENOSPC@write:3` in the environment the
/// third durable write of the process fails as if the disk were full. Kinds: ENOSPC, EIO, EACCES;
/// operations: write, read, rename, fsync, create, and `any` (the n-th of all of them, so that a test
/// can walk every operation of a command with one number); several rules separated by commas. With
/// MEMORIA_FAULT_LOG=<file> each fault made is appended to that file as one line (`EIO@any:7 write`),
/// so a test knows whether its fault was reached. With MEMORIA_FAULT_TRACE=<file> every operation is
/// appended to that file (`12 rename`), so that a test can learn which operations a command makes
/// and walk them. Without these variables (production) every check is one comparison with nil.
public enum FaultInjection {
    public enum Operation: String, Sendable, CaseIterable {
        case write, read, rename, fsync, create, any
    }

    struct Rule: Sendable {
        var errno: Int32
        var operation: Operation
        var occurrence: Int
    }

    private static let rules: [Rule]? = parse(ProcessInfo.processInfo.environment["MEMORIA_FAULT"])
    nonisolated(unsafe) private static var counts: [Operation: Int] = [:]
    private static let lock = NSLock()
    private static let logPath: String? = ProcessInfo.processInfo.environment["MEMORIA_FAULT_LOG"]
    private static let tracePath: String? = ProcessInfo.processInfo.environment["MEMORIA_FAULT_TRACE"]
    private static let watched = rules != nil || tracePath != nil
    private static let names: [Int32: String] = [ENOSPC: "ENOSPC", EIO: "EIO", EACCES: "EACCES"]

    static func parse(_ text: String?) -> [Rule]? {
        guard let text, !text.isEmpty else { return nil }
        let kinds: [String: Int32] = ["ENOSPC": ENOSPC, "EIO": EIO, "EACCES": EACCES]
        let rules = text.split(separator: ",").compactMap { part -> Rule? in
            let halves = part.split(separator: "@")
            guard halves.count == 2, let code = kinds[String(halves[0])] else { return nil }
            let target = halves[1].split(separator: ":")
            guard target.count == 2, let operation = Operation(rawValue: String(target[0])), let n = Int(target[1]), n > 0 else { return nil }
            return Rule(errno: code, operation: operation, occurrence: n)
        }
        return rules.isEmpty ? nil : rules
    }

    /// The errno the current operation must fail with, or nil (always nil without MEMORIA_FAULT).
    public static func fault(for operation: Operation) -> Int32? {
        guard watched else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let n = (counts[operation] ?? 0) + 1
        counts[operation] = n
        let any = (counts[.any] ?? 0) + 1
        counts[.any] = any
        if let tracePath { RawLog.append("\(any) \(operation.rawValue)\n", to: tracePath) }
        guard let rule = rules?.first(where: { ($0.operation == operation && $0.occurrence == n) || ($0.operation == .any && $0.occurrence == any) })
        else { return nil }
        if let logPath { RawLog.append("\(names[rule.errno] ?? String(rule.errno))@\(rule.operation.rawValue):\(rule.occurrence) \(operation.rawValue)\n", to: logPath) }
        return rule.errno
    }

    /// True when MEMORIA_FAULT is set (reports say that faults were injected).
    public static var isActive: Bool { rules != nil }
}
