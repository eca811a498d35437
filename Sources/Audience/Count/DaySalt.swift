/// The secret of one day's count. A visitor is an address and a user agent within one day; the pair
/// is only ever kept as this keyed hash, whose random salt is drawn when the day's count starts, lives
/// in memory, and is dropped when the day is closed. It is never written: the next day, or the next
/// run re-reading a day that was still open, draws a new one, so no two days' keys can be linked.
struct DaySalt {
    private let k0: UInt64
    private let k1: UInt64

    init() {
        var generator = SystemRandomNumberGenerator()
        k0 = generator.next()
        k1 = generator.next()
    }

    /// The visitor key of `address` with the user agent numbered `agent` in this run.
    func key(address: UnsafeRawBufferPointer, agent: Int32) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(k0)
        hasher.combine(k1)
        hasher.combine(agent)
        hasher.combine(bytes: address)
        let value = UInt64(UInt(bitPattern: hasher.finalize()))
        return value == 0 ? 1 : value
    }
}

/// Salted visitor keys → visitor numbers of one day (open addressing; key 0 marks an empty slot).
struct VisitorTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The number of `key`, or `next` after storing it when the key is new.
    mutating func find(_ key: UInt64, orInsert next: Int32) -> (value: Int32, inserted: Bool) {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return (values[slot], false) }
            if stored == 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = next
        count += 1
        if count * 2 > keys.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        for (index, key) in oldKeys.enumerated() where key != 0 {
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[index]
        }
    }
}
