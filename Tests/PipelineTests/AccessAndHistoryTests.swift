import Catalog
import Foundation
import Metadata
@testable import Pipeline
import Preservation
import Testing
import TestSupport

/// Access decisions and the archive's own history (issue 13), through the `memoria` binary on a copy
/// of the sample inbox: withdraw, restrict, embargo, restore; verify and reindex seeing the whole
/// archive; every event surviving the loss of the catalog.
@Suite struct AccessAndHistoryTests {
    static let day1 = "2027-03-01T15:00:00Z"

    func archived(_ label: String) throws -> TestDeployment {
        let deployment = try TestDeployment(label: label)
        let ingest = try deployment.memoria(["ingest", "--now", "--quiet"], environment: ["MEMORIA_FIXED_TIME": Self.day1])
        #expect(ingest.status == 1, "the sample's two broken files are quarantined: \(ingest.stderr)")
        return deployment
    }

    func site(_ deployment: TestDeployment) -> URL { deployment.root.appendingPathComponent("site") }

    func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Everywhere the public site could still show an item: its page folder, lists, sitemap, open data,
    /// search fragments (the shards hold only document numbers; the fragments name the items).
    func traces(of id: String, in site: URL) throws -> [String] {
        var found: [String] = []
        for file in TestDeployment.listFiles(site) where !file.hasPrefix("items/\(id)/") && !file.hasPrefix("assets/") {
            guard file.hasSuffix(".html") || file.hasSuffix(".js") || file.hasSuffix(".xml") || file.hasSuffix(".csv") || file.hasSuffix(".json") else { continue }
            if try text(site.appendingPathComponent(file)).contains(id) { found.append(file) }
        }
        return found
    }

    @Test func aWithdrawnItemLeavesTheSiteShowsANoticeAndStaysWithdrawnAfterTheCatalogIsLost() throws {
        let deployment = try archived("access-withdraw")
        #expect(try deployment.memoria(["publish", "--quiet"]).status == 0)
        #expect(try !traces(of: "MBL-0001", in: site(deployment)).isEmpty, "published before the decision")

        let withdraw = try deployment.memoria(["retirar", "MBL-0001", "--motivo", "reclamo de derechos", "--ocultar-titulo", "--agent", "Ana Pérez"])
        #expect(withdraw.status == 0, "\(withdraw.stderr)")
        #expect(withdraw.stdout.contains("MBL-0001: retirado en la versión v2"), "\(withdraw.stdout)")
        let again = try deployment.memoria(["retirar", "MBL-0001", "--motivo", "reclamo de derechos", "--ocultar-titulo"])
        #expect(again.stdout.contains("ya estaba retirado; no se escribió nada"), "\(again.stdout)")

        // In the archive: v2 holds access.json and a policy-assignment event naming the curator.
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let inventory = try storage.inventory(of: "MBL-0001")
        #expect(inventory.head == "v2")
        #expect(inventory.logicalState(of: "v1").filter { $0.key.hasPrefix("objects/") } == inventory.logicalState().filter { $0.key.hasPrefix("objects/") },
                "no master changes")
        let decision = try AccessDecision.decode(Array(try Data(contentsOf: try #require(try storage.file(of: "MBL-0001", logicalPath: AccessDecision.logicalPath)))))
        #expect(decision.state == .withdrawn && decision.hideTitle && decision.agent == "Ana Pérez" && decision.reason == "reclamo de derechos")
        let mets = try text(try #require(try storage.file(of: "MBL-0001", logicalPath: "metadata/mets.xml")))
        #expect(mets.contains("policy assignment") && mets.contains("Ana Pérez"))
        #expect(!mets.contains(StageContext.loginName) || StageContext.loginName == "Ana Pérez", "the machine login is never an agent")

        func checkWithdrawn() throws {
            let page = try text(site(deployment).appendingPathComponent("items/MBL-0001/index.html"))
            #expect(page.contains("Documento retirado") && page.contains("noindex"))
            #expect(!page.contains("Hacienda pulquera"), "the title is hidden on request")
            #expect(!page.contains("reclamo de derechos"), "the reason is never published")
            #expect(try traces(of: "MBL-0001", in: site(deployment)) == [])
            #expect(TestDeployment.listFiles(site(deployment).appendingPathComponent("items/MBL-0001")) == ["index.html"])
        }
        #expect(try deployment.memoria(["publish", "--quiet"]).status == 0)
        try checkWithdrawn()

        // The curator still finds it, marked.
        let search = try deployment.memoria(["search", "pulquera", "--json"])
        let hits = try #require((try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])?["hits"] as? [[String: Any]])
        #expect(hits.first { $0["itemID"] as? String == "MBL-0001" }?["notPublic"] as? String == "retirado", "\(search.stdout)")

        // The archive is the truth: without the catalog, reindex and a full publish keep it withdrawn.
        try FileManager.default.removeItem(at: deployment.root.appendingPathComponent("catalog.sqlite"))
        #expect(try deployment.memoria(["reindex", "--quiet"]).status == 0)
        #expect(try deployment.memoria(["publish", "--full", "--quiet"]).status == 0)
        try checkWithdrawn()

        // Reinstated, it comes back.
        #expect(try deployment.memoria(["restablecer", "MBL-0001"]).status == 0)
        #expect(try deployment.memoria(["publish", "--quiet"]).status == 0)
        #expect(try text(site(deployment).appendingPathComponent("items/MBL-0001/index.html")).contains("Hacienda pulquera"))
        #expect(try traces(of: "MBL-0001", in: site(deployment)).contains("sitemap.xml"))
    }

    @Test func anEmbargoEndsOnItsDayAndARestrictedItemIsNeverPublished() throws {
        let deployment = try archived("access-embargo")
        let clock = ["MEMORIA_FIXED_TIME": Self.day1, "TZ": "America/Mexico_City"]
        #expect(try deployment.memoria(["embargar", "BSH-0001", "--hasta", "2027-03-02"], environment: clock).status == 0)
        #expect(try deployment.memoria(["restringir", "BSH-0002", "--motivo", "datos personales"], environment: clock).status == 0)
        let refused = try deployment.memoria(["embargar", "BSH-0003", "--hasta", "2027-02-30"], environment: clock)
        #expect(refused.status == 64 && refused.stderr.contains("AAAA-MM-DD"), "\(refused.stderr)")

        #expect(try deployment.memoria(["publish", "--quiet"], environment: clock).status == 0)
        for id in ["BSH-0001", "BSH-0002"] {
            #expect(!FileManager.default.fileExists(atPath: site(deployment).appendingPathComponent("items/\(id)").path), "\(id)")
            let found = try traces(of: id, in: site(deployment))
            #expect(found == [], "\(id) in \(found)")
        }
        // Each kind of output the browsing and citing pages added is there, so the check above covers
        // it: the timeline and place pages, the datos/ page, the search's facet metadata, a published
        // item's citation downloads (data: URLs inside its page) and its related documents.
        let published = site(deployment)
        for file in ["explorar/fechas/index.html", "explorar/fechas/1950/index.html", "explorar/lugares/index.html", "datos/index.html",
                     "sitemap.xml"] {
            #expect(FileManager.default.fileExists(atPath: published.appendingPathComponent(file).path), "\(file)")
        }
        #expect(TestDeployment.listFiles(published).contains { $0.hasPrefix("buscar/indice/meta") && $0.hasSuffix(".js") })
        let itemPage = try text(published.appendingPathComponent("items/BSH-0003/index.html"))
        #expect(itemPage.contains("Documentos relacionados"))
        for name in ["cita.ris", "cita.bib", "cita.json"] { #expect(itemPage.contains("\" download=\"\(name)\">"), "\(name)") }
        // The day after, the embargo is over: the first publish shows it, with no other command.
        let nextDay = ["MEMORIA_FIXED_TIME": "2027-03-02T15:00:00Z", "TZ": "America/Mexico_City"]
        #expect(try deployment.memoria(["publish", "--quiet"], environment: nextDay).status == 0)
        #expect(FileManager.default.fileExists(atPath: site(deployment).appendingPathComponent("items/BSH-0001/index.html").path))
        let shown = try traces(of: "BSH-0001", in: site(deployment))
        // Back in the sitemap, on its year's page of the timeline and among a sibling's related documents.
        #expect(shown.contains("sitemap.xml") && shown.contains("explorar/fechas/1950/1954/index.html")
                && shown.contains("items/BSH-0003/index.html"), "\(shown)")
        let restricted = try traces(of: "BSH-0002", in: site(deployment))
        #expect(restricted == [], "restricted stays off the site: \(restricted)")
        #expect(!FileManager.default.fileExists(atPath: site(deployment).appendingPathComponent("items/BSH-0002").path))

        let status = try deployment.memoria(["status"], environment: nextDay)
        #expect(status.stdout.contains("1 ítem restringido") && status.stdout.contains("1 ítem en embargo"), "\(status.stdout)")
    }

    @Test func verifyAndReindexSeeAnObjectThatLeftTheArchiveAndEveryEventComesBackFromTheArchive() throws {
        let deployment = try archived("access-census")
        #expect(try deployment.memoria(["verify", "--quiet"]).status == 0)
        #expect(try deployment.memoria(["retirar", "MBL-0001", "--motivo", "prueba"]).status == 0)
        #expect(try deployment.memoria(["verify", "--item", "MBL-0001", "--quiet"]).status == 0)
        let catalogURL = deployment.root.appendingPathComponent("catalog.sqlite")
        let before = try CatalogDatabase(path: catalogURL.path).eventLines()
        #expect(before.contains { $0.contains("| fixity check |") } && before.contains { $0.contains("| quarantine |") }
                && before.contains { $0.contains("| policy assignment |") })

        try FileManager.default.removeItem(at: catalogURL)
        #expect(try deployment.memoria(["reindex", "--quiet"]).status == 0)
        let after = try CatalogDatabase(path: catalogURL.path).eventLines()
        #expect(after == before, "only before: \(Set(before).subtracting(after).prefix(3)); only after: \(Set(after).subtracting(before).prefix(3))")

        // The independent validator accepts objects with logs/.
        if let validator = PythonTools.pathOrSkip("ocfl-validate.py") {
            let result = try ProcessRunner.run(validator, [deployment.archive.appendingPathComponent("MBL-0001").path])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: deployment.archive.appendingPathComponent("MBL-0001/logs").path))
        }

        // An object folder moved away: verify names it and exits 1; reindex keeps its record, marked.
        let moved = deployment.root.appendingPathComponent("GVI-0001-fuera")
        try FileManager.default.moveItem(at: deployment.archive.appendingPathComponent("GVI-0001"), to: moved)
        let verify = try deployment.memoria(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("falta el objeto GVI-0001"), "\(verify.stdout)")
        let reindex = try deployment.memoria(["reindex"])
        #expect(reindex.status == 1 && reindex.stdout.contains("FALTA EN EL ARCHIVO GVI-0001"), "\(reindex.stdout)")
        #expect(try deployment.memoria(["status"]).stdout.contains("FALTAN EN EL ARCHIVO"))
        #expect(try CatalogDatabase(path: catalogURL.path).missingItems().map(\.id) == ["GVI-0001"])

        // A version folder gone from inside an object.
        try FileManager.default.moveItem(at: moved, to: deployment.archive.appendingPathComponent("GVI-0001"))
        try FileManager.default.removeItem(at: deployment.archive.appendingPathComponent("MBL-0001/v1"))
        let inside = try deployment.memoria(["verify"])
        #expect(inside.status == 1 && inside.stdout.contains("falta la versión v1 de MBL-0001"), "\(inside.stdout)")
    }

    @Test func historyListsEachVersionAndRestoreMakesANewVersionEqualToAnEarlierOne() throws {
        let deployment = try archived("access-restore")
        let storage = try OCFLStorageRoot(root: deployment.archive)
        let v1Title = try #require(try ArchiveReader(storage: storage, ocrWordConfidenceFloor: 0).prior("BSH-0002")).mets.dublinCore.title
        // Two corrections by sheet alone: the title, then the title again and a page retired.
        for (index, title) in ["Canción de mayo (corregida)", "Canción de mayo: segunda corrección"].enumerated() {
            let batch = deployment.inbox.appendingPathComponent("banda-sinfonica/correccion-\(index + 1)")
            try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
            try "identifier,dc.title\nBSH-0002,\(title)\n".write(to: batch.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
            let ingest = try deployment.memoria(["ingest", "--now", "--quiet"])
            #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
        }
        #expect(try storage.inventory(of: "BSH-0002").head == "v3")

        let restore = try deployment.memoria(["restaurar", "BSH-0002", "--version", "v1", "--motivo", "las correcciones eran erróneas"])
        #expect(restore.status == 0, "\(restore.stderr)")
        let inventory = try storage.inventory(of: "BSH-0002")
        #expect(inventory.head == "v4")
        var v1 = inventory.logicalState(of: "v1"), v4 = inventory.logicalState()
        v1["metadata/mets.xml"] = nil
        v4["metadata/mets.xml"] = nil
        #expect(v1 == v4, "v4's masters, texts and dc.xml are v1's")
        let head = try #require(try ArchiveReader(storage: storage, ocrWordConfidenceFloor: 0).prior("BSH-0002"))
        #expect(head.mets.dublinCore.title == v1Title)
        #expect(head.mets.events.contains { $0.type == .recovery && $0.detail.contains("v1") && $0.detail.contains("erróneas") })
        #expect(head.mets.events.filter { $0.type == .metadataModification }.count == 2, "the corrections stay on record")

        let history = try deployment.memoria(["historia", "BSH-0002"])
        #expect(history.status == 0)
        for expected in ["v1 ·", "v2 ·", "v3 ·", "v4 ·", "corrección de la descripción", "restauración de una versión"] {
            #expect(history.stdout.contains(expected), "\(expected): \(history.stdout)")
        }
        // Any version exports as a bag.
        let bag = deployment.root.appendingPathComponent("bolsa-v2")
        #expect(try deployment.memoria(["export", "BSH-0002", "--version", "v2", "--bagit", bag.path]).status == 0)
        #expect(try text(bag.appendingPathComponent("data/metadata/dc.xml")).contains("Canción de mayo (corregida)"))
        let unknown = try deployment.memoria(["restaurar", "BSH-0002", "--version", "v9"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no tiene la versión"), "\(unknown.stderr)")

        if let shared = try TestPaths.sharedOrSkip() {
            let schema = try XMLSchemaValidator(schemaAt: shared.appendingPathComponent("standards/xsd/bundle.xsd"))
            let mets = try text(try #require(try storage.file(of: "BSH-0002", logicalPath: "metadata/mets.xml")))
            #expect(schema.validate(mets, name: "BSH-0002/mets.xml") == [])
            #expect(METSProfileChecker.check(mets, name: "BSH-0002/mets.xml") == [])
        }
    }

    @Test func theSheetAndTheFondsDefaultDecideAccessAtDepositAndARedepositKeepsIt() throws {
        let deployment = try TestDeployment(label: "access-sheet", inboxFixture: nil)
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "slug: guillermo-villasana", with: "slug: guillermo-villasana\n    access: restringido")
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent("guillermo-villasana"),
                                         to: deployment.inbox.appendingPathComponent("guillermo-villasana"))
        let maguey = deployment.inbox.appendingPathComponent("maguey-blanco")
        try FileManager.default.copyItem(at: TestPaths.sampleInbox.appendingPathComponent("maguey-blanco"), to: maguey)
        // MBL-0001's row asks for an embargo; a bad cell holds its item with the line and column named.
        let batch = try #require(try FileManager.default.contentsOfDirectory(atPath: maguey.path).first { !$0.hasPrefix(".") })
        let sheet = maguey.appendingPathComponent("\(batch)/metadata.csv")
        var lines = try String(contentsOf: sheet, encoding: .utf8).components(separatedBy: "\n")
        let separator: Character = lines[0].contains(";") ? ";" : ","
        lines[0] += "\(separator)memoria.acceso\(separator)memoria.embargo_hasta\(separator)memoria.acceso_motivo"
        for index in lines.indices.dropFirst() where !lines[index].isEmpty {
            if lines[index].hasPrefix("MBL-0001") { lines[index] += "\(separator)embargo\(separator)2099-01-01\(separator)convenio con la familia" }
            else { lines[index] += "\(separator)\(separator)\(separator)" }
        }
        try lines.joined(separator: "\n").write(to: sheet, atomically: true, encoding: .utf8)
        let ingest = try deployment.memoria(["ingest", "--now", "--json"])
        #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
        #expect(ingest.stdout.contains("acceso: público → en embargo hasta 2099-01-01 (motivo: convenio con la familia)"), "\(ingest.stdout)")

        let storage = try OCFLStorageRoot(root: deployment.archive)
        func access(_ id: String) throws -> AccessDecision? {
            guard let url = try storage.file(of: id, logicalPath: AccessDecision.logicalPath) else { return nil }
            return try AccessDecision.decode(Array(try Data(contentsOf: url)))
        }
        #expect(try access("MBL-0001")?.state == .embargoed && access("MBL-0001")?.until == "2099-01-01")
        #expect(try access("MBL-0002") == nil, "public: no decision written")
        #expect(try access("GVI-0001")?.state == .restricted, "the fonds default")

        // A correction by sheet alone keeps the decision (and says nothing of access).
        let fix = deployment.inbox.appendingPathComponent("maguey-blanco/correccion")
        try FileManager.default.createDirectory(at: fix, withIntermediateDirectories: true)
        try "identifier,dc.title\nMBL-0001,Hacienda pulquera (corregido)\n".write(to: fix.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        #expect(try deployment.memoria(["ingest", "--now", "--quiet"]).status == 0)
        #expect(try storage.inventory(of: "MBL-0001").head == "v2")
        #expect(try access("MBL-0001")?.state == .embargoed)

        let bad = deployment.inbox.appendingPathComponent("maguey-blanco/acceso-malo")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try "identifier,memoria.acceso\nMBL-0002,secreto\n".write(to: bad.appendingPathComponent("metadata.csv"), atomically: true, encoding: .utf8)
        let refused = try deployment.memoria(["ingest", "--now"])
        #expect(refused.status == 1 && (refused.stdout + refused.stderr).contains("columna memoria.acceso") && (refused.stdout + refused.stderr).contains("«secreto»"), "\(refused.stdout)\(refused.stderr)")
    }
}
