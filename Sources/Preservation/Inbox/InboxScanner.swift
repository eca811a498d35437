import Foundation

/// Reads the inbox as DESIGN.md describes it: inbox/<fonds-slug>/<batch>/ with item sub-folders and
/// loose one-page files, metadata.csv, text sidecars and a ready marker. It never follows a symbolic
/// link, never uses a name that is not valid UTF-8 or holds control characters or "..", and compares
/// names NFC-normalised. It only reads: moving and deleting are the runner's.
public struct InboxScanner {
    public let inbox: URL
    public let fondsSlugs: Set<String>
    public let readyMarker: String
    public let settleSeconds: Int
    /// A file changed less than this many seconds ago may still be being copied: its batch waits, with
    /// or without the ready marker.
    public let copyQuietSeconds: Int
    public let now: Date

    public init(inbox: URL, fondsSlugs: Set<String>, readyMarker: String, settleSeconds: Int, copyQuietSeconds: Int = 0, now: Date = Date()) {
        self.inbox = inbox
        self.fondsSlugs = fondsSlugs
        self.readyMarker = readyMarker
        self.settleSeconds = settleSeconds
        self.copyQuietSeconds = copyQuietSeconds
        self.now = now
    }

    static let junkNames: Set<String> = [".ds_store", "thumbs.db", "desktop.ini", ".localized", "icon\r"]

    /// System files (Finder, Explorer, Office lock files) that are never part of a deposit, and
    /// Memoria's own notes (a quarantine's `<file>.reason.txt`, copied back with its files): they are
    /// never read as content.
    public static func isJunk(_ name: String) -> Bool {
        let lower = name.lowercased()
        return junkNames.contains(lower) || name.hasPrefix("._") || name.hasPrefix("~$") || isMemoriaNote(lower)
    }

    /// A note Memoria wrote itself (`0003.tif.reason.txt`, `0003.tif.reason (2).txt`).
    public static func isMemoriaNote(_ lowercasedName: String) -> Bool {
        lowercasedName.hasSuffix(".reason.txt") || (lowercasedName.contains(".reason") && lowercasedName.hasSuffix(".txt")
            && lowercasedName.range(of: #"\.reason( \(\d+\))?\.txt$"#, options: .regularExpression) != nil)
    }

    /// Why a name cannot be used as a path, or nil when it is fine.
    static func nameProblem(_ entry: DirectoryEntry) -> String? {
        guard let name = entry.name else {
            return "El nombre no es texto UTF-8 válido (bytes: \(entry.rawName.map { String(format: "%02X", $0) }.joined(separator: " "))). Cámbiele el nombre en el equipo de origen y vuelva a copiarlo."
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            return "El nombre contiene caracteres de control invisibles. Cámbiele el nombre (solo letras, números, espacios, guiones) y vuelva a copiarlo."
        }
        if name.contains("..") {
            return "El nombre contiene \"..\", que podría usarse para salir de la carpeta. Cámbiele el nombre y vuelva a copiarlo."
        }
        if name.hasPrefix(".") {
            return "Es un archivo oculto (su nombre empieza con punto). Si forma parte del depósito, quítele el punto inicial."
        }
        return nil
    }

    public func scan() throws -> InboxScan {
        guard FileManager.default.fileExists(atPath: inbox.path) else { throw InboxError.missingInbox(path: inbox.path) }
        var batches: [InboxBatch] = []
        var undeclared: [UndeclaredEntry] = []
        for entry in try DirectoryEntry.list(inbox).sorted(by: { $0.rawName.lexicographicallyPrecedes($1.rawName) }) {
            let display = entry.name ?? String(decoding: entry.rawName, as: UTF8.self)
            if let name = entry.normalizedName, Self.isJunk(name) { continue }
            guard entry.kind == .directory, let slug = entry.normalizedName, fondsSlugs.contains(slug) else {
                let message = entry.kind == .directory
                    ? "La carpeta «\(display)» no corresponde a ningún fondo declarado en pipeline.yaml (fondos: \(fondsSlugs.sorted().joined(separator: ", "))). No se tocó."
                    : "«\(display)» está suelto en la bandeja; los archivos van dentro de <fondo>/<lote>/. No se tocó."
                undeclared.append(UndeclaredEntry(path: inbox.appendingPathComponent(display).path, message: message))
                continue
            }
            let fondsFolder = inbox.appendingPathComponent(entry.name!)
            for batchEntry in try DirectoryEntry.list(fondsFolder).sorted(by: { $0.rawName.lexicographicallyPrecedes($1.rawName) }) {
                let batchDisplay = batchEntry.name ?? String(decoding: batchEntry.rawName, as: UTF8.self)
                if let name = batchEntry.normalizedName, Self.isJunk(name) { continue }
                guard batchEntry.kind == .directory, Self.nameProblem(batchEntry) == nil, let batchName = batchEntry.name else {
                    undeclared.append(UndeclaredEntry(path: fondsFolder.appendingPathComponent(batchDisplay).path,
                        message: batchEntry.kind == .directory
                            ? "El nombre de la carpeta de lote «\(batchDisplay)» no se puede usar: \(Self.nameProblem(batchEntry) ?? ""). No se tocó."
                            : "«\(batchDisplay)» está suelto en la carpeta del fondo; los archivos van dentro de una carpeta de lote. No se tocó."))
                    continue
                }
                batches.append(try scanBatch(fondsSlug: slug, folder: fondsFolder.appendingPathComponent(batchName),
                                             name: batchName.precomposedStringWithCanonicalMapping))
            }
        }
        return InboxScan(batches: batches, undeclared: undeclared)
    }

    func scanBatch(fondsSlug: String, folder: URL, name: String) throws -> InboxBatch {
        var batch = InboxBatch(fondsSlug: fondsSlug, name: name, folder: folder, readiness: .changing(secondsAgo: 0),
                               metadataFile: nil, markerFile: nil, items: [], rejected: [], ignored: [])
        var newest = Date.distantPast
        var newestFile: (name: String, modified: Date)?
        func saw(_ entry: DirectoryEntry, in folder: String?) {
            newest = max(newest, entry.modified)
            guard entry.kind == .file, newestFile.map({ entry.modified > $0.modified }) ?? true else { return }
            let name = entry.name ?? String(decoding: entry.rawName, as: UTF8.self)
            newestFile = (folder.map { "\($0)/\(name)" } ?? name, entry.modified)
        }
        var looseFiles: [InboxFile] = []
        var looseSidecars: [InboxSidecar] = []
        var folders: [(String, URL)] = []

        func reject(_ raw: [UInt8], _ reason: RejectedEntry.Reason, _ message: String, item: String? = nil) {
            batch.rejected.append(RejectedEntry(rawPath: raw, displayPath: String(decoding: raw, as: UTF8.self),
                                                reason: reason, message: message, itemID: item))
        }
        let batchRaw = Array(folder.path.utf8)

        for entry in try DirectoryEntry.list(folder) {
            saw(entry, in: nil)
            let raw = batchRaw + [0x2F] + entry.rawName
            if let problem = Self.nameProblem(entry) {
                if let name = entry.normalizedName, Self.isJunk(name) {
                    batch.ignored.append(folder.appendingPathComponent(entry.name!))
                } else {
                    reject(raw, .invalidName, problem)
                }
                continue
            }
            let original = entry.name!, nfc = entry.normalizedName!
            let url = folder.appendingPathComponent(original)
            switch entry.kind {
            case .symlink:
                reject(raw, .symbolicLink, "Es un enlace simbólico (acceso directo), no un archivo. Memoria nunca sigue enlaces: copie el archivo real en su lugar.")
            case .other:
                reject(raw, .specialFile, "No es un archivo ni una carpeta normal (dispositivo, tubería o socket). Retírelo de la bandeja.")
            case .directory:
                folders.append((nfc, url))
            case .file:
                if Self.isJunk(nfc) { batch.ignored.append(url); continue }
                let lower = nfc.lowercased()
                if lower == "metadata.csv" { batch.metadataFile = url; continue }
                if lower == "cuadro.csv" { batch.chartFile = url; continue }
                if lower == readyMarker.lowercased() || lower == readyMarker.lowercased() + ".txt" { batch.markerFile = url; continue }
                if let sidecar = Self.sidecar(url: url, original: original, name: nfc) { looseSidecars.append(sidecar); continue }
                looseFiles.append(InboxFile(url: url, originalName: original, name: nfc, size: entry.size, modified: entry.modified))
            }
        }

        // Items from sub-folders.
        for (nfc, url) in folders.sorted(by: { NaturalOrder.areInIncreasingOrder($0.0, $1.0) }) {
            var files: [InboxFile] = []
            var sidecars: [InboxSidecar] = []
            let folderRaw = batchRaw + [0x2F] + Array(url.lastPathComponent.utf8)
            for entry in try DirectoryEntry.list(url) {
                saw(entry, in: nfc)
                let raw = folderRaw + [0x2F] + entry.rawName
                if let problem = Self.nameProblem(entry) {
                    if let name = entry.normalizedName, Self.isJunk(name) { batch.ignored.append(url.appendingPathComponent(entry.name!)) }
                    else { reject(raw, .invalidName, problem, item: nfc) }
                    continue
                }
                let original = entry.name!, name = entry.normalizedName!
                let fileURL = url.appendingPathComponent(original)
                switch entry.kind {
                case .symlink:
                    reject(raw, .symbolicLink, "Es un enlace simbólico (acceso directo), no un archivo. Memoria nunca sigue enlaces: copie el archivo real en su lugar.", item: nfc)
                case .directory:
                    reject(raw, .nestedFolder, "Es una subcarpeta dentro del ítem «\(nfc)». Un ítem es una carpeta de páginas sin subcarpetas: saque esas páginas a su propio ítem o a la carpeta del ítem.", item: nfc)
                case .other:
                    reject(raw, .specialFile, "No es un archivo normal. Retírelo de la bandeja.", item: nfc)
                case .file:
                    if Self.isJunk(name) { batch.ignored.append(fileURL); continue }
                    if let sidecar = Self.sidecar(url: fileURL, original: original, name: name) { sidecars.append(sidecar); continue }
                    files.append(InboxFile(url: fileURL, originalName: original, name: name, size: entry.size, modified: entry.modified))
                }
            }
            files.sort { NaturalOrder.areInIncreasingOrder($0.name, $1.name) }
            batch.items.append(InboxItem(id: nfc, folder: url, files: files, sidecars: sidecars))
        }

        // Loose files: one-page items, with the sidecars that share their stem.
        for file in looseFiles.sorted(by: { NaturalOrder.areInIncreasingOrder($0.name, $1.name) }) {
            let mine = looseSidecars.filter { $0.pageStem == file.stem }
            batch.items.append(InboxItem(id: file.stem, folder: nil, files: [file], sidecars: mine))
        }
        let usedStems = Set(looseFiles.map(\.stem))
        for sidecar in looseSidecars where !usedStems.contains(sidecar.pageStem) {
            reject(Array(sidecar.url.path.utf8), .orphanSidecar,
                   "Es una transcripción («\(sidecar.name)») sin imagen con el mismo nombre en el lote. Póngala junto a su imagen con el mismo nombre base.")
        }

        checkItems(&batch)
        let quiet = Int(max(0, now.timeIntervalSince(newest)))
        if copyQuietSeconds > 0, let file = newestFile, now.timeIntervalSince(file.modified) < Double(copyQuietSeconds) {
            // A file that just changed may be half copied, marker or not: never taken.
            batch.readiness = .copying(file: file.name, secondsAgo: Int(max(0, now.timeIntervalSince(file.modified))))
        } else if batch.markerFile != nil {
            batch.readiness = .marked(marker: readyMarker)
        } else {
            batch.readiness = quiet >= settleSeconds ? .settled(seconds: quiet) : .changing(secondsAgo: quiet)
        }
        return batch
    }

    /// Identifiers must be usable as object ids and unique (also ignoring case: some disks do);
    /// sidecars must match a page; items must hold at least one file.
    private func checkItems(_ batch: inout InboxBatch) {
        var kept: [InboxItem] = []
        var byLowercased: [String: [Int]] = [:]
        for (index, item) in batch.items.enumerated() { byLowercased[item.id.lowercased(), default: []].append(index) }
        for item in batch.items {
            let allFiles = item.files.map(\.url) + item.sidecars.map(\.url)
            func rejectAll(_ reason: RejectedEntry.Reason, _ message: String) {
                for url in allFiles {
                    batch.rejected.append(RejectedEntry(rawPath: Array(url.path.utf8), displayPath: url.path, reason: reason,
                                                        message: message, itemID: item.id))
                }
                if let folder = item.folder, allFiles.isEmpty {
                    batch.rejected.append(RejectedEntry(rawPath: Array(folder.path.utf8), displayPath: folder.path, reason: .emptyItem,
                                                        message: message, itemID: item.id))
                }
            }
            if !OCFLStorageRoot.isValidIdentifier(item.id) {
                let tooLong = item.id.count > 100 && OCFLStorageRoot.isValidIdentifier(String(item.id.prefix(100)))
                rejectAll(.invalidIdentifier, tooLong
                    ? "«\(item.id.prefix(40))…» tiene \(item.id.count) caracteres; un identificador de ítem tiene como máximo 100. Renombre la carpeta o el archivo con un identificador corto (por ejemplo BSH-0001)."
                    : "«\(item.id)» no sirve como identificador de ítem: use solo letras sin acentos, números, punto, guion y guion bajo (por ejemplo BSH-0001), sin espacios ni «..», y que empiece con letra o número. Renombre la carpeta o el archivo, o póngalo dentro de una carpeta con un identificador válido.")
                continue
            }
            if byLowercased[item.id.lowercased()]!.count > 1 {
                rejectAll(.duplicateIdentifier, "El identificador «\(item.id)» aparece más de una vez en este lote (como carpeta y archivo, o con otra extensión o mayúsculas). Cada ítem necesita un identificador único.")
                continue
            }
            if item.files.isEmpty {
                rejectAll(.emptyItem, "La carpeta del ítem «\(item.id)» no contiene imágenes. Añada las páginas o retire la carpeta.")
                continue
            }
            // Windows and macOS disks cannot hold both "page.tif" and "Page.tif": such an item could not be
            // restored or exported there, and two scans of one page name are almost always a mistake.
            let names = (item.files.map(\.name) + item.sidecars.map(\.name)).map { $0.lowercased() }
            if let clash = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                let pair = (item.files.map(\.name) + item.sidecars.map(\.name)).filter { $0.lowercased() == clash }
                rejectAll(.duplicateIdentifier, "En el ítem «\(item.id)» hay archivos cuyos nombres solo difieren en mayúsculas y minúsculas (\(pair.joined(separator: ", "))); Windows y macOS no pueden guardar ambos. Renombre uno y vuelva a depositar el ítem.")
                continue
            }
            var item = item
            let stems = Set(item.files.map(\.stem))
            for sidecar in item.sidecars where !stems.contains(sidecar.pageStem) {
                batch.rejected.append(RejectedEntry(rawPath: Array(sidecar.url.path.utf8), displayPath: sidecar.url.path, reason: .orphanSidecar,
                    message: "La transcripción «\(sidecar.name)» no tiene una imagen con el mismo nombre base en el ítem «\(item.id)». Renómbrela como su página (por ejemplo 0001.tif y 0001.txt).",
                    itemID: item.id))
            }
            item.sidecars.removeAll { !stems.contains($0.pageStem) }
            kept.append(item)
        }
        batch.items = kept
    }

    public static func sidecar(url: URL, original: String, name: String) -> InboxSidecar? {
        let lower = name.lowercased()
        let rules: [(String, InboxSidecar.Kind)] = [(".alto.xml", .alto), (".hocr.html", .hocr), (".hocr", .hocr), (".txt", .transcription), (".xml", .alto)]
        for (suffix, kind) in rules where lower.hasSuffix(suffix) && lower.count > suffix.count {
            let stem = String(name.dropLast(suffix.count))
            return InboxSidecar(url: url, originalName: original, name: name, kind: kind, pageStem: stem)
        }
        return nil
    }
}
