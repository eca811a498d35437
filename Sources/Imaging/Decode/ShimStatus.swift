import CShims

/// Turns the C shim's status struct into Swift values and typed errors.
/// This file and the three decoder files are the only places that touch the shim's C types.
extension shim_status {
    static func fresh() -> shim_status {
        var status = shim_status()
        shim_status_reset(&status)
        return status
    }

    var messageText: String { Self.text(of: message) }
    var firstWarningText: String { Self.text(of: first_warning) }
    var lastWarningText: String { Self.text(of: last_warning) }

    private static func text<T>(of tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
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
        case Int32(SHIM_UNSUPPORTED): return .unsupported(path: path, what: messageText)
        case Int32(SHIM_LIMIT): return .corrupt(path: path, library: library, message: messageText)
        default: return .corrupt(path: path, library: library, message: messageText)
        }
    }

    /// Warnings worth keeping in the record (not damage, which fails the file in strict mode).
    var recordedWarnings: [String] {
        guard warnings > 0 else { return [] }
        var result = [firstWarningText]
        if warnings > 1 && lastWarningText != firstWarningText { result.append(lastWarningText) }
        if warnings > 2 { result.append("(\(warnings) warnings in all)") }
        return result
    }
}
