import CShims

/// One distinct warning a codec library emitted, verbatim, as the C shim classified it.
struct LibraryNote: Equatable, Sendable {
    enum Kind: Equatable, Sendable { case other, iccProfile, pngTransparency, pngExtraData, tiffDirectoryLoop }

    let library: String
    let text: String
    /// The warning means pixel data is missing or corrupt (fails the file in strict mode).
    let isDamage: Bool
    let kind: Kind

    /// The quirk this warning names, or nil for an ordinary warning (kept only in the technical record).
    func observation(page: Int?) -> DecodeObservation? {
        let detail = "\(library): \(text)"
        if isDamage { return DecodeObservation(.damageTolerated, page: page, detail: detail) }
        switch kind {
        case .other: return nil
        case .iccProfile: return DecodeObservation(.iccProfileUnusable, page: page, detail: detail)
        case .pngTransparency: return DecodeObservation(.pngTransparencyIgnored, page: page, detail: detail)
        case .pngExtraData: return DecodeObservation(.pngImageDataPadded, page: page, detail: detail)
        case .tiffDirectoryLoop: return DecodeObservation(.tiffDirectoryLoop, page: nil, detail: detail)
        }
    }
}

/// Turns the C shim's status struct into Swift values and typed errors.
/// This file and the three decoder files are the only places that touch the shim's C types.
extension shim_status {
    static func fresh() -> shim_status {
        var status = shim_status()
        shim_status_reset(&status)
        return status
    }

    var messageText: String { Self.text(of: message) }

    private static func text<T>(of tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// The distinct warnings kept in this status, from the `from`-th on.
    func notes(library: String, from start: Int = 0) -> [LibraryNote] {
        let count = min(Int(note_count), Int(SHIM_MAX_NOTES))
        guard start < count else { return [] }
        return withUnsafeBytes(of: notes) { raw in
            let all = raw.assumingMemoryBound(to: shim_note.self)
            return (start..<count).map { index in
                let note = all[index]
                let kind: LibraryNote.Kind
                switch Int32(note.kind) {
                case Int32(SHIM_NOTE_ICC_PROFILE): kind = .iccProfile
                case Int32(SHIM_NOTE_PNG_TRANSPARENCY): kind = .pngTransparency
                case Int32(SHIM_NOTE_PNG_EXTRA_DATA): kind = .pngExtraData
                case Int32(SHIM_NOTE_TIFF_LOOP): kind = .tiffDirectoryLoop
                default: kind = .other
                }
                return LibraryNote(library: library, text: Self.text(of: note.text), isDamage: note.damage != 0, kind: kind)
            }
        }
    }

    /// The error this status stands for, or nil when the call succeeded and no damage was reported.
    func error(path: String, library: String, strict: Bool) -> ImagingError? {
        switch Int32(code) {
        case Int32(SHIM_OK):
            if strict && damage_warnings > 0 {
                return .damaged(path: path, library: library, message: messageText, warnings: Int(warnings))
            }
            return nil
        case Int32(SHIM_IO): return .unreadable(path: path, reason: messageText)
        case Int32(SHIM_UNSUPPORTED): return .unsupported(path: path, reason: UnsupportedReason.fromLibrary(library, messageText))
        default: return .corrupt(path: path, library: library, message: messageText)
        }
    }
}
