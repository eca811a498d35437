import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// Notices: a batch with quarantined files is told by mail (through the system's sendmail interface:
/// a fake one on PATH) and by a JSON webhook (a receiver on 127.0.0.1), both texts kept as goldens; a
/// webhook that fails is retried with a doubling wait and never lost; the daily digest sends one mail.
@Suite(.serialized) struct NoticeTests {
    static let fixedTime = ["MEMORIA_FIXED_TIME": "2026-12-02T16:30:00Z", "TZ": "America/Mexico_City"]

    func noticesYAML(webhook: String?, digest: Bool = false) -> String {
        var yaml = "\nnotices:\n  mail_to: [archivo@cultura.example.org, direccion@cultura.example.org]\n  mail_from: memoria@cultura.example.org\n"
        if let webhook { yaml += "  webhook_url: \(webhook)\n" }
        if digest { yaml += "  daily_digest: true\n  digest_hour: 8\n" }
        return yaml
    }

    @Test func aBatchWithQuarantinedFilesSendsAMailAndAWebhookThatAreTheGoldens() throws {
        let receiver = try WebhookReceiver(failures: 0)
        defer { receiver.stop() }
        let deployment = try TestDeployment(label: "aviso-lote", extraYAML: noticesYAML(webhook: receiver.url))
        let sendmail = try FakeSendmail(in: deployment.root)
        let result = try deployment.memoria(["ingest", "--now", "--batch", "margarita-michelena/2024-04-cartas", "--quiet"],
                                            environment: Self.fixedTime.merging(sendmail.environment) { a, _ in a })
        #expect(result.status == 1, "two files of the batch go to quarantine: \(result.stderr)")
        let mail = try #require(sendmail.mail, "sendmail was not called: \(result.stderr)")
        #expect(sendmail.arguments == "-t -i\n")
        if let mismatch = Golden.mismatch(mail, golden: Golden.directory().appendingPathComponent("aviso-lote.eml")) { Issue.record("\(mismatch)") }
        let headers = mail.components(separatedBy: "\n\n")[0]
        #expect(headers.utf8.allSatisfy { $0 < 0x80 }, "headers are plain ASCII (accents go as encoded words)")
        let body = try #require(receiver.bodies.first, "the webhook received nothing: \(result.stderr)")
        #expect(receiver.bodies.count == 1)
        #expect(receiver.firstContentType == "application/json; charset=utf-8")
        if let mismatch = Golden.mismatch(body, golden: Golden.directory().appendingPathComponent("aviso-lote.json")) { Issue.record("\(mismatch)") }
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        #expect(json?["kind"] as? String == "batch-needs-attention")
        #expect((json?["counts"] as? [String: Any])?["filesQuarantined"] as? Int == 2)
        // Both notices are kept as sent; nothing is pending.
        let spool = deployment.root.appendingPathComponent("reports/avisos")
        #expect(TestDeployment.listFiles(spool.appendingPathComponent("pendientes")).isEmpty)
        #expect(TestDeployment.listFiles(spool.appendingPathComponent("enviados")).count == 2)
    }

    /// After a batch: a replica found different by verify, a replica that cannot be brought up to date
    /// (its disk not mounted) and a publish that fails are each told by mail and webhook, goldens all.
    @Test func aReplicaFoundDifferentAFailedReplicationAndAFailedPublishAreToldByMailAndWebhook() throws {
        let deployment = try TestDeployment(label: "aviso-operacion", extraYAML: "\nreplicas:\n  - name: disco-2\n    path: replica\n")
        try FileManager.default.createDirectory(at: deployment.root.appendingPathComponent("replica"), withIntermediateDirectories: true)
        let ingest = try deployment.memoria(["ingest", "--now", "--batch", "guillermo-villasana/2024-06-dibujos", "--quiet"], environment: Self.fixedTime)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try deployment.memoria(["replicar", "--quiet"]).status == 0)
        // One byte changed in a master of the replica.
        let object = deployment.root.appendingPathComponent("replica/GVI-0002")
        let master = try #require(TestDeployment.listFiles(object).first { $0.contains("/content/objects/") })
        let handle = try FileHandle(forUpdating: object.appendingPathComponent(master))
        try handle.seek(toOffset: 200)
        let byte = try handle.read(upToCount: 1) ?? Data([0])
        try handle.seek(toOffset: 200)
        try handle.write(contentsOf: Data([byte[0] ^ 0x01]))
        try handle.close()

        let receiver = try WebhookReceiver(failures: 0)
        defer { receiver.stop() }
        var yaml = try String(contentsOf: deployment.configURL, encoding: .utf8) + noticesYAML(webhook: receiver.url)
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let sendmail = try FakeSendmail(in: deployment.root)
        let environment = Self.fixedTime.merging(sendmail.environment) { a, _ in a }
        func expectGoldens(_ name: String, kind: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let mail = try #require(sendmail.mail, "sendmail was not called for \(name)", sourceLocation: sourceLocation)
            if let mismatch = Golden.mismatch(mail, golden: Golden.directory().appendingPathComponent("\(name).eml")) { Issue.record("\(mismatch)", sourceLocation: sourceLocation) }
            let body = try #require(receiver.bodies.last, "the webhook received nothing for \(name)", sourceLocation: sourceLocation)
            if let mismatch = Golden.mismatch(body, golden: Golden.directory().appendingPathComponent("\(name).json")) { Issue.record("\(mismatch)", sourceLocation: sourceLocation) }
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            #expect(json?["kind"] as? String == kind, sourceLocation: sourceLocation)
            try FileManager.default.removeItem(at: sendmail.capture)
        }

        let verify = try deployment.memoria(["verify", "--quiet"], environment: environment)
        #expect(verify.status == 1, "the replica's changed byte needs attention: \(verify.stdout)\(verify.stderr)")
        try expectGoldens("aviso-auditoria-replica", kind: "audit-problem")
        #expect(receiver.bodies.count == 1)

        // A second replica whose disk is not mounted.
        yaml = yaml.replacingOccurrences(of: "\nreplicas:\n  - name: disco-2\n    path: replica\n",
                                         with: "\nreplicas:\n  - name: disco-2\n    path: replica\n  - name: disco-externo\n    path: no-montado\n")
        #expect(yaml.contains("disco-externo"))
        try yaml.write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let replicate = try deployment.memoria(["replicar", "--replica", "disco-externo"], environment: environment)
        #expect(replicate.status == 2, "\(replicate.stdout)\(replicate.stderr)")
        try expectGoldens("aviso-replica", kind: "replication-problem")
        #expect(receiver.bodies.count == 2)

        // The site's folder cannot be made (its parent is a file): the publish fails and says so.
        try Data("no es una carpeta\n".utf8).write(to: deployment.root.appendingPathComponent("bloqueado"))
        let config = try String(contentsOf: deployment.configURL, encoding: .utf8)
        try config.replacingOccurrences(of: "\n  site: site\n", with: "\n  site: bloqueado/site\n").write(to: deployment.configURL, atomically: true, encoding: .utf8)
        let publish = try deployment.memoria(["publish", "--quiet"], environment: environment)
        #expect(publish.status != 0, "\(publish.stdout)\(publish.stderr)")
        try expectGoldens("aviso-publicacion", kind: "publish-failed")
        #expect(receiver.bodies.count == 3)
    }

    @Test func aWebhookThatFailsTwiceIsRetriedWithADoublingWaitAndThenDelivered() async throws {
        let receiver = try WebhookReceiver(failures: 2)
        defer { receiver.stop() }
        let deployment = try TestDeployment(label: "aviso-reintento", inboxFixture: nil,
                                            extraYAML: "\nnotices:\n  webhook_url: \(receiver.url)\n  retry_seconds: 60\n  attempts: 5\n")
        let clock = TestClock(Date(timeIntervalSince1970: 1_796_229_000))
        let context = StageContext(config: try ConfigLoader.load(deployment.configURL), clock: { clock.now },
                                   timeZone: TimeZone(identifier: "America/Mexico_City")!)
        let center = NoticeCenter(context: context)
        let notice = Notice(kind: .auditProblem, subject: "Memoria: la auditoría de fijeza encontró 1 problema", text: "Un archivo cambió.",
                            batch: nil, counts: ["problems": 1], report: "reports/auditorias/auditoria-20261202-103000.html",
                            institution: "SCEH", time: "2026-12-02T10:30:00-06:00")
        #expect(center.queue([notice]).isEmpty)

        var round = await center.deliverDue()
        #expect(receiver.bodies.count == 1)
        #expect(round.sent.isEmpty)
        #expect(round.problems.first?.contains("se reintenta en 1 min") == true, "\(round.problems)")
        clock.advance(30)
        round = await center.deliverDue()
        #expect(receiver.bodies.count == 1, "not before its time")
        clock.advance(31)
        round = await center.deliverDue()
        #expect(receiver.bodies.count == 2)
        #expect(round.problems.first?.contains("se reintenta en 2 min") == true, "\(round.problems)")
        clock.advance(100)
        _ = await center.deliverDue()
        #expect(receiver.bodies.count == 2, "the second wait is twice the first")
        clock.advance(21)
        round = await center.deliverDue()
        #expect(receiver.bodies.count == 3)
        #expect(round.sent == ["aviso enviado por webhook: Memoria: la auditoría de fijeza encontró 1 problema"])
        #expect(Set(receiver.bodies).count == 1, "every attempt sends the same JSON")
        let decoded = try JSONDecoder().decode(Notice.self, from: Data(receiver.bodies[2].utf8))
        #expect(decoded == notice)
        let spool = deployment.root.appendingPathComponent("reports/avisos")
        #expect(TestDeployment.listFiles(spool.appendingPathComponent("pendientes")).isEmpty)
        #expect(TestDeployment.listFiles(spool.appendingPathComponent("enviados/2026-12")).count == 1)
    }

    @Test func aNoticeThatNeverGetsThroughIsSetAsideNotLost() async throws {
        let receiver = try WebhookReceiver(failures: 100)
        defer { receiver.stop() }
        let deployment = try TestDeployment(label: "aviso-fallido", inboxFixture: nil,
                                            extraYAML: "\nnotices:\n  webhook_url: \(receiver.url)\n  retry_seconds: 0\n  attempts: 2\n")
        let context = StageContext(config: try ConfigLoader.load(deployment.configURL), clock: { Date(timeIntervalSince1970: 1_796_229_000) })
        let center = NoticeCenter(context: context)
        let notice = Notice(kind: .batchHeld, subject: "Memoria: el lote x/y quedó retenido", text: "Falta metadata.csv.", batch: "x/y",
                            counts: [:], report: nil, institution: "SCEH", time: "2026-12-02T10:30:00-06:00")
        _ = center.queue([notice])
        _ = await center.deliverDue()
        let last = await center.deliverDue()
        #expect(receiver.bodies.count == 2)
        #expect(last.problems.first?.contains("tras 2 intentos") == true, "\(last.problems)")
        let failed = TestDeployment.listFiles(deployment.root.appendingPathComponent("reports/avisos/fallidos"))
        #expect(failed.count == 1)
        let kept = try String(contentsOf: deployment.root.appendingPathComponent("reports/avisos/fallidos").appendingPathComponent(failed[0]), encoding: .utf8)
        #expect(kept.contains("el receptor del webhook respondió 503"))
        #expect(kept.contains("Falta metadata.csv."))
    }

    @Test func theDailyDigestSendsOneMailWithEveryNoticeOnceItsHourHasCome() async throws {
        let deployment = try TestDeployment(label: "aviso-resumen", inboxFixture: nil, extraYAML: noticesYAML(webhook: nil, digest: true))
        let sendmail = try FakeSendmail(in: deployment.root)
        let zone = TimeZone(identifier: "America/Mexico_City")!
        var config = try ConfigLoader.load(deployment.configURL)
        config.notices.sendmail = sendmail.bin.appendingPathComponent("sendmail").path
        // 06:00 local: before digest_hour (8).
        let clock = TestClock(Date(timeIntervalSince1970: 1_796_212_800))
        let center = NoticeCenter(context: StageContext(config: config, clock: { clock.now }, timeZone: zone))
        for n in 1...2 {
            _ = center.queue([Notice(kind: .batchArchived, subject: "Memoria: lote f/l\(n) archivado", text: "Nada que hacer.", batch: "f/l\(n)",
                                     counts: [:], report: nil, institution: "SCEH", time: "2026-12-02T06:00:00-06:00")])
        }
        _ = await center.deliverDue()
        #expect(sendmail.mail == nil, "no mail before the digest hour")
        clock.advance(3 * 3600)
        let round = await center.deliverDue()
        #expect(round.sent == ["resumen diario enviado por correo: 2 avisos"])
        let mail = try #require(sendmail.mail)
        #expect(mail.contains("1. Memoria: lote f/l1 archivado") && mail.contains("2. Memoria: lote f/l2 archivado"))
        #expect(mail.components(separatedBy: "Subject:").count == 2, "one mail")
        clock.advance(600)
        _ = center.queue([Notice(kind: .batchArchived, subject: "Memoria: lote f/l3 archivado", text: "Nada que hacer.", batch: "f/l3",
                                 counts: [:], report: nil, institution: "SCEH", time: "2026-12-02T09:10:00-06:00")])
        _ = await center.deliverDue()
        #expect(sendmail.mail?.contains("f/l3") == false, "the next notice waits for tomorrow's digest")
    }

    @Test func aSubjectWithAccentsOrALineBreakBecomesEncodedWords() {
        let subject = MailMessage.encodedWords("Memoria: el lote banda-sinfonica/2024-03-partituras quedó retenido en la bandeja")
        #expect(subject.hasPrefix("=?UTF-8?B?"))
        #expect(subject.split(separator: "\n").allSatisfy { $0.count <= 76 })
        let decoded = subject.split(separator: "\n").map { word -> String in
            let base64 = word.trimmingCharacters(in: .whitespaces).dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == "Memoria: el lote banda-sinfonica/2024-03-partituras quedó retenido en la bandeja")
        #expect(MailMessage.encodedWords("lote x\nBcc: otro@example.org").hasPrefix("=?UTF-8?B?"), "a line break never reaches the header")
    }

    @Test func aMailAddressThatCouldSplitAHeaderIsAConfigurationError() throws {
        let deployment = try TestDeployment(label: "aviso-config", inboxFixture: nil,
                                            extraYAML: "\nnotices:\n  mail_to: [\"archivo@cultura.example.org\\nBcc: otro@example.org\"]\n")
        let result = try deployment.memoria(["validate-config"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("notices.mail_to[0]"), "\(result.stderr)")
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func advance(_ seconds: Double) { lock.lock(); current += seconds; lock.unlock() }
}
