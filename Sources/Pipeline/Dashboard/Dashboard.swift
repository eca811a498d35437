import Foundation

/// The director's dashboard as data (`memoria informe --json`, informe.json): the archive's growth,
/// its formats, access, pending quarantine, fixity audits and replicas. Times are local with their
/// offset; sizes in bytes (the page writes them readable).
public struct Dashboard: Codable, Sendable {
    public struct Growth: Codable, Sendable {
        public var fonds: String
        public var fondsTitle: String
        /// AAAA-MM.
        public var month: String
        public var items: Int
        public var pages: Int
        public var bytes: Int64
    }

    public struct Format: Codable, Sendable {
        public var name: String
        public var pronomID: String
        public var mimeType: String
        public var files: Int
        public var bytes: Int64
    }

    public struct Access: Codable, Sendable {
        public var state: String
        public var label: String
        public var items: Int
    }

    public struct Quarantine: Codable, Sendable {
        public var fonds: String
        public var reason: String
        public var code: String
        public var pending: Int
    }

    public struct Audit: Codable, Sendable {
        public var time: String
        public var objectsChecked: Int
        public var objectsWithProblems: Int
    }

    public struct Replica: Codable, Sendable {
        public var name: String
        public var path: String
        /// al-dia, atrasada, sin-iniciar, no-disponible.
        public var state: String
        public var objectsBehind: Int
        public var versionsBehind: Int
        public var logsBehind: Int
        /// Local time of the oldest version the replica lacks.
        public var oldestMissingVersion: String?
    }

    public var institution: String
    public var generated: String
    public var items: Int
    public var pages: Int
    public var bytes: Int64
    public var growth: [Growth]
    public var formats: [Format]
    public var access: [Access]
    public var quarantine: [Quarantine]
    public var audits: [Audit]
    public var replicas: [Replica]
}
