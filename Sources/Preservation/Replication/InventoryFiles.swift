import Foundation

/// An inventory as it lies on disk: its bytes, its digest sidecar's name and bytes, and the decoded
/// inventory, read once and checked against each other (the same check `OCFLStorageRoot` makes).
struct InventoryFiles: Sendable {
    var data: Data
    var sidecarName: String
    var sidecar: Data
    var inventory: OCFLInventory

    static func read(in folder: URL) throws -> InventoryFiles {
        let url = folder.appendingPathComponent("inventory.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OCFLError.invalidInventory(path: url.path, reason: "missing")
        }
        let inventory = try OCFLInventory.decode(data, path: url.path)
        let algorithm = inventory.algorithm ?? .sha512
        let sidecarName = "inventory.json.\(algorithm.rawValue)"
        guard let sidecar = FileManager.default.contents(atPath: folder.appendingPathComponent(sidecarName).path) else {
            throw OCFLError.invalidInventory(path: folder.appendingPathComponent(sidecarName).path, reason: "digest sidecar missing")
        }
        guard sidecarDigest(sidecar) == Digester.digest([UInt8](data), algorithm: algorithm) else {
            throw OCFLError.inventoryDigestMismatch(path: url.path)
        }
        return InventoryFiles(data: data, sidecarName: sidecarName, sidecar: sidecar, inventory: inventory)
    }

    /// The digest written in a sidecar ("<hex> inventory.json"), lower-cased.
    static func sidecarDigest(_ sidecar: Data) -> String? {
        String(decoding: sidecar, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.map { $0.lowercased() }
    }
}
