import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits until something changes in the inbox, a deadline passes, or a stop is requested. On Linux
/// it asks the kernel (inotify) about the inbox, its fonds and batch folders and the items in them;
/// elsewhere, or when inotify is not available (some network file systems, MEMORIA_WATCH=poll), it
/// simply waits until the deadline and the service looks again (polling).
final class InboxChangeWaiter {
    let inbox: URL
    private var descriptor: Int32 = -1
    private var watched: Set<String> = []
    /// How the inbox is watched, in Spanish, for the service's first log line.
    private(set) var mode: String

    init(inbox: URL, allowKernelNotices: Bool = ProcessInfo.processInfo.environment["MEMORIA_WATCH"] != "poll") {
        self.inbox = inbox
        mode = "consultando la bandeja periódicamente"
        #if canImport(Glibc)
        if allowKernelNotices {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if descriptor >= 0 { mode = "avisos del sistema (inotify) y consulta periódica" }
        }
        #endif
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Watches every folder of the inbox up to items (inbox/fonds/batch/item), adding the new ones.
    func refreshWatches() {
        #if canImport(Glibc)
        guard descriptor >= 0 else { return }
        let mask = UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE | IN_MODIFY | IN_DELETE | IN_ATTRIB)
        for folder in folders(under: inbox, depth: 3) where !watched.contains(folder) {
            if inotify_add_watch(descriptor, folder, mask) >= 0 { watched.insert(folder) }
        }
        #endif
    }

    private func folders(under url: URL, depth: Int) -> [String] {
        var result = [url.path]
        guard depth > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return result }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = url.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: child.path, isDirectory: &isFolder), isFolder.boolValue {
                result += folders(under: child, depth: depth - 1)
            }
        }
        return result
    }

    /// Returns when the inbox changed (after a short pause, so a copy in progress is not looked at for
    /// every file it writes), at `deadline`, or soon after a stop is requested.
    func wait(until deadline: Date, stop: StopRequest) {
        refreshWatches()
        while !stop.isRequested && Date() < deadline {
            let slice = min(0.5, max(0.01, deadline.timeIntervalSinceNow))
            if changed(within: slice) {
                pause(2, until: deadline, stop: stop)
                drain()
                return
            }
        }
    }

    private func changed(within seconds: Double) -> Bool {
        #if canImport(Glibc)
        if descriptor >= 0 {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(seconds * 1000))
            return ready > 0
        }
        #endif
        usleep(UInt32(seconds * 1_000_000))
        return false
    }

    private func pause(_ seconds: Double, until deadline: Date, stop: StopRequest) {
        let end = min(deadline, Date().addingTimeInterval(seconds))
        while !stop.isRequested && Date() < end { usleep(100_000) }
    }

    private func drain() {
        #if canImport(Glibc)
        guard descriptor >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 8192)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        // A folder removed and created again needs a new watch.
        watched = watched.filter { FileManager.default.fileExists(atPath: $0) }
        #endif
    }
}
