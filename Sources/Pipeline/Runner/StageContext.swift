import Support
import Foundation
import Metadata

/// What every stage may know about the run: the configuration, the clock, the software's version and
/// the person running it. Injected, so two runs on the same inbox with a pinned clock
/// (MEMORIA_FIXED_TIME=2026-01-01T00:00:00Z) write byte-identical METS, and tests can pin it.
public struct StageContext: Sendable {
    public static let softwareName = "Memoria"
    public static let softwareVersion = "0.1.0"

    public var config: PipelineConfig
    /// The curator named with --agent, recorded as a PREMIS agent; nil when none was named (the
    /// institution then stands for the person: the machine's login never goes into the archive).
    public var person: String?
    /// Who acts, as the archive records it: the curator named, or the institution.
    public var operatorName: String { person ?? config.institution.name }
    public var clock: @Sendable () -> Date
    /// The time zone people's times are shown in (reports, status): the machine's, unless pinned (tests).
    public var timeZone: TimeZone
    public var reporter: Reporter
    /// Set by a signal (SIGTERM, SIGINT): runners stop after the items in progress. nil: nothing asks.
    public var stop: StopRequest?
    /// True once a stop was asked for.
    public var stopRequested: Bool { stop?.isRequested ?? false }

    public init(config: PipelineConfig, operatorName: String? = nil, clock: (@Sendable () -> Date)? = nil, timeZone: TimeZone = .current,
                reporter: Reporter = .silent) {
        self.config = config
        self.timeZone = timeZone
        person = operatorName.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        if let clock {
            self.clock = clock
        } else if let fixed = ProcessInfo.processInfo.environment["MEMORIA_FIXED_TIME"], let date = Self.parse(fixed) {
            self.clock = { date }
        } else {
            self.clock = { Date() }
        }
        self.reporter = reporter
    }

    /// Who ran this, for internal reports (never for the archive): the curator named, or the login.
    public var reportedOperator: String { person ?? "\(Self.loginName) (usuario del sistema; sin --agent)" }

    /// The login name of the person running Memoria.
    public static var loginName: String {
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// Now (or `date`) as records write it: ISO 8601 in UTC.
    public func timestamp(_ date: Date? = nil) -> String { Timestamp.record(date ?? clock()) }
    /// Today in the local time zone, AAAA-MM-DD (embargoes end on a local day).
    public var today: String { String(Timestamp.localISO(clock(), timeZone: timeZone).prefix(10)) }

    static func parse(_ text: String) -> Date? { Timestamp.parse(text) }

    /// Paths as people read them: relative to the parent of the inbox, archive, quarantine, reports,
    /// derivatives, site and staging folders (`inbox/banda-sinfonica/…`), never the machine's absolute path.
    public var displayPaths: DisplayPath {
        let p = config.paths
        let configFolder = config.sourceFile.isEmpty ? "" : (config.sourceFile as NSString).deletingLastPathComponent
        return DisplayPath(roots: [p.inbox, p.archive, p.quarantine, p.processed, p.derivatives, p.reports, p.site, p.staging],
                           bases: [configFolder, (p.catalog as NSString).deletingLastPathComponent])
    }

    public func displayPath(_ path: String) -> String { displayPaths.show(path) }

    // PREMIS agents of this run.
    public var softwareAgent: PremisAgent {
        PremisAgent(identifier: "\(Self.softwareName.lowercased())-\(Self.softwareVersion)", name: Self.softwareName,
                    kind: .software, version: Self.softwareVersion)
    }
    public var institutionAgent: PremisAgent {
        PremisAgent(identifier: config.institution.code, name: config.institution.name, kind: .organization)
    }
    public var personAgent: PremisAgent? {
        guard let person else { return nil }
        let safe = person.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "-" }
        return PremisAgent(identifier: "person-\(String(safe))", name: person, kind: .person)
    }
    public var agents: [PremisAgent] { [softwareAgent, institutionAgent] + [personAgent].compactMap { $0 } }

    /// The standard agent links of an event Memoria performs: the software executes it, the curator
    /// named (or else the institution) implements it, the institution authorizes it.
    public var eventAgents: [PremisEvent.LinkedAgent] {
        [.init(identifier: softwareAgent.identifier, role: "executing program"),
         .init(identifier: personAgent?.identifier ?? institutionAgent.identifier, role: "implementer"),
         .init(identifier: institutionAgent.identifier, role: "authorizer")]
    }
}
