import ArgumentParser
import Catalog
import FixtureKit
import Foundation
import Imaging
import Metadata
import Pipeline

/// A deployment with N catalogued items and their derivatives, without ingesting anything: what
/// `memoria publish` reads, synthesised quickly and deterministically (bench/publish.sh). Images and
/// METS/DC files are hard links to one rendered page and one record, so 100,000 items fit on disk.
extension Bench {
    struct SynthesizeSite: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "synth-site",
            abstract: "Create (or change one item of) a deployment with N synthetic items for publish benchmarks.")
        @Option(help: "deployment folder (its pipeline.yaml is created from --template)") var dir: String
        @Option var items = 10_000
        @Option(help: "pipeline.yaml to copy") var template = "pipeline.yaml"
        @Option var seed: UInt64 = 2026
        @Flag(help: "change the title of one item (for an incremental publish) instead of creating the deployment")
        var changeOne = false
        @Flag(help: "leave the archive folder empty (synth-archive --catalog then writes real OCFL objects for the items)")
        var noArchiveFiles = false

        static let creators = ["Michelena, Margarita", "Villasana, Guillermo", "Hernández Delgadillo, José",
                               "Banda Sinfónica del Estado de Hidalgo", "Asociación de Productores de Pulque"]
        static let firstNames = ["María", "José", "Juana", "Pedro", "Lucía", "Ramón", "Elena", "Tomás", "Rosa", "Andrés",
                                 "Carmen", "Felipe", "Isabel", "Jesús", "Teresa", "Manuel", "Dolores", "Ignacio", "Sofía", "Agustín"]
        static let lastNames = ["García", "Ortega", "Ramírez", "Núñez", "Téllez", "Castañeda", "Islas", "Zúñiga", "Peña", "Olvera",
                                "Ángeles", "Cruz", "Monroy", "Escamilla", "Hidalgo", "Meneses", "Baños", "Lugo", "Pérez", "Soto"]
        static let subjects = ["Correspondencia", "Poesía mexicana", "Música para banda", "Marchas (Música)", "Pulque", "Haciendas",
                               "Carteles", "Grabado", "Minería", "Ferias", "Teatro", "Fotografía", "Caricatura", "Educación",
                               "Ferrocarriles", "Fiestas patrias", "Periodismo", "Arquitectura", "Agricultura", "Danza"]

        func run() throws {
            let root = URL(fileURLWithPath: dir)
            let configURL = root.appendingPathComponent("pipeline.yaml")
            if !changeOne {
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                if !FileManager.default.fileExists(atPath: configURL.path) {
                    try FileManager.default.copyItem(at: URL(fileURLWithPath: template), to: configURL)
                }
            }
            let config = try ConfigLoader.load(configURL)
            let catalog = try CatalogDatabase(path: config.paths.catalog)
            let fonds = config.fonds
            try catalog.synchronizeFonds(fonds.map { CatalogFonds(code: $0.code, slug: $0.slug, title: $0.title, description: $0.description) })
            if changeOne {
                let id = try catalog.itemIDs().first ?? ""
                guard var item = try catalog.item(id) else { throw ValidationError("no items in \(config.paths.catalog)") }
                item.dublinCore["title"] = [item.dublinCore.title + " (corregido)"]
                item.updatedAt = ISO8601DateFormatter().string(from: Date())
                try catalog.store(item, fondsTitle: fonds.first { $0.code == item.fondsCode }?.title ?? "")
                print("changed \(id)")
                return
            }

            // One rendered page, its access copy and thumbnail, shared by every page of every item.
            let samples = root.appendingPathComponent("muestras")
            try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
            var random = SeededRandom(seed: seed)
            let drawn = PageDesigner(font: try FontRasterizer()).draw(.letter, width: 1240, height: 1754, title: "Carta",
                                                                       body: SpanishText.paragraph(&random, characters: 1500), random: &random)
            let page = PixelImage(width: 1240, height: 1754, layout: .rgb, pixels: drawn.canvas.rgb8())
            let access = samples.appendingPathComponent("access.jpg"), thumb = samples.appendingPathComponent("thumb.jpg")
            try Data(JPEGEncoder.encode(page, quality: 85, progressive: true, dpi: 150)).write(to: access)
            let small = PixelImage(width: 283, height: 400, layout: .rgb, pixels: [UInt8](repeating: 230, count: 283 * 400 * 3))
            try Data(JPEGEncoder.encode(small, quality: 80, progressive: false, dpi: 150)).write(to: thumb)
            let mets = samples.appendingPathComponent("mets.xml"), dcFile = samples.appendingPathComponent("dc.xml")
            try "<mets:mets xmlns:mets=\"http://www.loc.gov/METS/\"/>\n".write(to: mets, atomically: true, encoding: .utf8)
            try "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"/>\n".write(to: dcFile, atomically: true, encoding: .utf8)

            let store = DerivativeStore(root: config.url(\.derivatives))
            let archive = config.url(\.archive)
            let started = Date()
            var pageCount = 0
            try catalog.replaceAllItems { put in
                for n in 1...items {
                    let fondsEntry = fonds[n % fonds.count]
                    let id = String(format: "%@-S%06d", fondsEntry.code, n)
                    var dc = DublinCoreRecord()
                    dc["identifier"] = [id]
                    dc["title"] = [String(SpanishText.sentence(&random).dropLast())]
                    dc["creator"] = [random.unit() < 0.6 ? random.pick(Self.creators)
                                     : "\(random.pick(Self.lastNames)), \(random.pick(Self.firstNames))"]
                    dc["subject"] = [random.pick(Self.subjects), random.pick(Self.subjects)].reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
                    let year = random.int(1890...1995)
                    dc["date"] = [random.unit() < 0.1 ? "\(year / 10)X" : (random.unit() < 0.5 ? "\(year)" : String(format: "%d-%02d", year, random.int(1...12)))]
                    dc["type"] = [random.unit() < 0.8 ? "Text" : "StillImage"]
                    dc["description"] = [SpanishText.sentence(&random)]
                    dc["rights"] = ["Uso libre con fines educativos y de investigación, citando la fuente."]
                    dc["language"] = ["spa"]

                    let folder = store.itemFolder(id)
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    var pages: [CatalogItem.Page] = []
                    var entries: [DerivativeStore.Entry] = []
                    var files: [CatalogItem.File] = []
                    for sequence in 1...random.int(1...3) {
                        let key = String(format: "p%04d", sequence)
                        link(access, store.accessURL(itemID: id, key: key), use: pageCount + pages.count)
                        link(thumb, store.thumbnailURL(itemID: id, key: key), use: pageCount + pages.count)
                        let master = "objects/\(sequence).tif"
                        entries.append(.init(key: key, masterPath: master, indexInFile: 0, masterDigest: "", fingerprint: "", accessWidth: 1240, accessHeight: 1754))
                        pages.append(.init(sequence: sequence, label: "Página \(sequence)", masterPath: master, indexInFile: 0, width: 2480, height: 3508,
                                           textSource: "ocr", textPath: "text/\(sequence).ocr.txt", text: SpanishText.paragraph(&random, characters: 1000)))
                        files.append(.init(logicalPath: master, contentPath: "v1/content/\(master)", role: .master, digestAlgorithm: "sha512",
                                           digest: "", size: 1, formatName: "TIFF", pronomID: "fmt/353", mimeType: "image/tiff", originalName: "\(sequence).tif"))
                    }
                    try store.writeManifest(itemID: id, entries: entries)
                    if !noArchiveFiles {
                        let metadata = archive.appendingPathComponent("\(id)/v1/content/metadata")
                        try FileManager.default.createDirectory(at: metadata, withIntermediateDirectories: true)
                        link(mets, metadata.appendingPathComponent("mets.xml"), use: n)
                        link(dcFile, metadata.appendingPathComponent("dc.xml"), use: n)
                    }
                    for name in ["mets.xml", "dc.xml"] {
                        files.append(.init(logicalPath: "metadata/\(name)", contentPath: "v1/content/metadata/\(name)", role: .metadata,
                                           digestAlgorithm: "sha512", digest: "", size: 1, formatName: "XML", pronomID: nil,
                                           mimeType: "application/xml", originalName: name))
                    }
                    pageCount += pages.count
                    let item = CatalogItem(id: id, fondsCode: fondsEntry.code, headVersion: 1, createdAt: "2026-01-01T00:00:00Z",
                                           updatedAt: String(format: "2026-%02d-%02dT00:00:00Z", 1 + n % 12, 1 + n % 28),
                                           dublinCore: dc, batchID: nil, files: files, pages: pages, events: [])
                    try put(item, fondsEntry.title)
                }
            }
            print(String(format: "{\"items\": %d, \"pages\": %d, \"seconds\": %.1f}", items, pageCount, Date().timeIntervalSince(started)))
        }

        /// Hard-links `source` (or one of its numbered copies) at `destination`. ext4 allows 65,000 links
        /// per file; the site, a full publish's new folder beside it and the `cp -al` for Pagefind add up
        /// to three more links per page, so each sample file takes at most `linksPerSample` pages; past
        /// that a new copy of it is made (otherwise the publish silently copies images instead of linking).
        private func link(_ source: URL, _ destination: URL, use: Int = 0) {
            unlink(destination.path)
            let copy = use / Self.linksPerSample
            var target = source
            if copy > 0 {
                target = source.deletingPathExtension().appendingPathExtension("\(copy).\(source.pathExtension)")
                if !FileManager.default.fileExists(atPath: target.path) { try? FileManager.default.copyItem(at: source, to: target) }
            }
            if Foundation.link(target.path, destination.path) != 0 { try? FileManager.default.copyItem(at: target, to: destination) }
        }

        static let linksPerSample = 15_000
    }
}
