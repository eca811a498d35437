import Dispatch

/// Work that mostly waits on the disk (fsyncs, reading a copy back from the disk), run on a thread of
/// its own instead of one of Swift's cooperative threads (one per core): while it waits, the files
/// being decoded keep every core. One item at a time, in the order asked.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "memoria.ingreso.escritura", qos: .userInitiated)

    static func run<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
