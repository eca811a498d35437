import Foundation

/// Structural checks that the codec libraries do not make, run before decoding. A master can decode
/// to the right pixels and still carry a defective metadata block or ancillary chunk (a broken EXIF,
/// bytes after the end of a PNG): those are observations, and the master is archived. Damage found
/// here is different: tags that contradict the pixel layout, or a decompression bomb.
public enum StructureCheck {
    /// Reads at most this much of a file for the checks that need the whole stream (PNG).
    static let maxWholeFileBytes = 512 << 20

    public static func findings(fileAt url: URL, format: IdentifiedFormat) -> StructureFindings {
        switch format.kind {
        case .jpeg: return JPEGStructure.findings(prefix(url, 4 << 20))
        case .png:
            // Read through FileHandle: FileManager.contents(atPath:) leaked 4 KiB on every empty file
            // (LeakSanitizer, fuzz-png). An unreadable or oversized file is left to libpng.
            guard let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int,
                  size > 0, size <= maxWholeFileBytes else { return StructureFindings() }
            return PNGChunkWalk.findings(fileAt: url, size: size)
        case .tiff: return TIFFStructure.findings(fileAt: url)
        default: return StructureFindings()
        }
    }

    /// The first `count` bytes of the file (fewer when it is shorter or unreadable: the decoder then
    /// reports the file itself).
    static func prefix(_ url: URL, _ count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }
}

/// What the structure check found: at most one damage (the first), and the quirks.
public struct StructureFindings: Equatable, Sendable {
    public var damage: StructuralDamage?
    public var observations: [DecodeObservation]

    public init(damage: StructuralDamage? = nil, observations: [DecodeObservation] = []) {
        self.damage = damage
        self.observations = observations
    }
}
