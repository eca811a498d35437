/// What became of one item of a batch. The raw value is the stable code of the JSON report and the
/// catalog; `label` is what a person reads.
public enum ItemOutcome: String, Sendable, Codable, CaseIterable {
    /// A new object in the archive (v1).
    case archived
    /// A new version of an object already archived.
    case newVersion = "new-version"
    /// Already archived with the same content and description: nothing written.
    case unchanged
    /// Its files are in quarantine (one of them cannot be archived).
    case quarantined
    /// Its files were left in the inbox untouched until its row in metadata.csv is corrected.
    case keptInInbox = "kept-in-inbox"
    /// Memoria could not finish it this time; its files are in the inbox for the next run.
    case failed

    public var label: String {
        switch self {
        case .archived: return "archivado"
        case .newVersion: return "nueva versión"
        case .unchanged: return "sin cambios"
        case .quarantined: return "retenido en cuarentena"
        case .keptInInbox: return "sigue en la bandeja"
        case .failed: return "no se pudo archivar esta vez"
        }
    }

    /// True for the outcomes that ask someone to do something.
    public var needsAttention: Bool { self == .quarantined || self == .keptInInbox || self == .failed }
}

/// The state of a batch run, as the catalog, the report and the README name it.
public enum BatchState: String, Sendable, Codable, CaseIterable {
    /// Running (in the catalog only, while the ingest works on it).
    case running
    /// Every item was dealt with (archived, unchanged, quarantined or kept with a reason).
    case done
    /// The batch was left in the inbox untouched: its sheet cannot be read, or there is no room for it.
    case held
    /// The run stopped in the middle (an environment fault, or a killed process closed on the next start).
    case aborted

    public var label: String {
        switch self {
        case .running: return "en curso"
        case .done: return "procesado"
        case .held: return "retenido en la bandeja"
        case .aborted: return "interrumpido"
        }
    }
}
