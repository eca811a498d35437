import Foundation

/// Gives each distinct byte string (a user agent, a path, a host) a small number, without making a
/// Swift String per log line: the bytes are kept once in one arena and looked up by hash in an
/// open-addressing table. Lives in memory for one run only.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count }

    /// The number of `bytes`, adding them when new. `isNew` tells the caller to compute per-string facts.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        let hash = ByteHash.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(arena.count)
        lengths.append(Int32(bytes.count))
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        slots[slot] = id
        if starts.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The string of `id` (decoded as UTF-8, invalid bytes replaced).
    func string(_ id: Int32) -> String {
        let start = starts[Int(id)]
        return String(decoding: arena[start..<start + Int(lengths[Int(id)])], as: UTF8.self)
    }

    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard Int(lengths[id]) == bytes.count else { return false }
        let start = starts[id]
        return arena.withUnsafeBytes { stored in
            bytes.count == 0 || memcmp(stored.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for id in 0..<starts.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
