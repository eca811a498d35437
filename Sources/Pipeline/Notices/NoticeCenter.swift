import Foundation
import Preservation
import Support

/// What a round of delivery did, in Spanish lines for the log or the terminal.
public struct NoticeDelivery: Sendable {
    public var sent: [String] = []
    public var problems: [String] = []
}

/// The notices of an installation: composes them from batch reports and audits, queues them in the
/// spool for each channel of pipeline.yaml (mail, webhook, or the daily digest instead of one mail
/// each), and delivers what is due. Called after a batch or an audit, never in the middle of one.
public struct NoticeCenter {
    let context: StageContext

    public init(context: StageContext) { self.context = context }

    var settings: PipelineConfig.Notices { context.config.notices }
    var spool: NoticeSpool { NoticeSpool(folder: context.config.url(\.reports).appendingPathComponent("avisos")) }

    /// Queues the notices of these batches; returns a Spanish problem when the spool cannot be written.
    public func queue(batches: [BatchReport]) -> [String] {
        let composer = NoticeComposer(context: context)
        return queue(batches.compactMap(composer.batch))
    }

    public func queue(audit: VerifyRunner.Summary) -> [String] {
        queue([NoticeComposer(context: context).audit(audit)].compactMap { $0 })
    }

    func queue(_ notices: [Notice]) -> [String] {
        guard settings.isConfigured else { return [] }
        var problems: [String] = []
        let now = context.clock()
        for notice in notices {
            var channels: [NoticeSpool.Channel] = []
            if !settings.mailTo.isEmpty { channels.append(settings.dailyDigest ? .digest : .mail) }
            if !settings.webhookUrl.isEmpty { channels.append(.webhook) }
            for channel in channels {
                do {
                    try spool.add(.init(notice: notice, channel: channel, attempts: 0, nextAttempt: context.timestamp(now)), now: now, timeZone: context.timeZone)
                } catch {
                    problems.append("el aviso «\(notice.subject)» no se pudo guardar en \(context.displayPath(spool.pending.path)) (\(SystemErrorText.describe(error).spanish)); revise el disco de los informes")
                }
            }
        }
        return problems
    }

    /// Sends every pending notice whose time has come, and the daily digest when its hour is past.
    public func deliverDue() async -> NoticeDelivery {
        var result = NoticeDelivery()
        let now = context.clock()
        let entries: [(file: URL, entry: NoticeSpool.Entry)]
        do {
            entries = try spool.entries()
        } catch {
            result.problems.append("los avisos pendientes de \(context.displayPath(spool.pending.path)) no se pudieron leer (\(SystemErrorText.describe(error).spanish))")
            return result
        }
        for (file, entry) in entries where entry.channel != .digest {
            guard let due = Timestamp.parse(entry.nextAttempt), due <= now else { continue }
            let failure: (spanish: String, detail: String)?
            switch entry.channel {
            case .mail: failure = SendmailDelivery(command: settings.sendmail).send(mail(subject: entry.notice.subject, body: entry.notice.text, kind: entry.notice.kind.rawValue))
            case .webhook:
                if let url = URL(string: settings.webhookUrl) { failure = await WebhookDelivery(url: url).send(entry.notice) } else {
                    failure = ("notices.webhook_url no es una dirección válida", settings.webhookUrl)
                }
            case .digest: continue
            }
            record(file, entry, failure: failure, now: now, into: &result)
        }
        await deliverDigest(entries.filter { $0.entry.channel == .digest }, now: now, into: &result)
        return result
    }

    private func record(_ file: URL, _ entry: NoticeSpool.Entry, failure: (spanish: String, detail: String)?, now: Date, into result: inout NoticeDelivery) {
        let channel = entry.channel == .webhook ? "webhook" : "correo"
        do {
            guard let failure else {
                try spool.markSent(file, month: String(entry.notice.time.prefix(7)))
                result.sent.append("aviso enviado por \(channel): \(entry.notice.subject)")
                return
            }
            var next = entry
            next.attempts += 1
            next.lastProblem = failure.spanish
            next.lastDetail = failure.detail
            if next.attempts >= settings.attempts {
                try spool.markFailed(file, next)
                result.problems.append("el aviso «\(entry.notice.subject)» no se pudo enviar por \(channel) tras \(SpanishText.count(next.attempts, "intento", "intentos")) (\(failure.spanish)); quedó en \(context.displayPath(spool.failed.path))")
            } else {
                let wait = Double(settings.retrySeconds) * pow(2, Double(next.attempts - 1))
                next.nextAttempt = context.timestamp(now.addingTimeInterval(wait))
                try spool.update(file, next)
                result.problems.append("el aviso «\(entry.notice.subject)» no se pudo enviar por \(channel) (\(failure.spanish)); se reintenta en \(SpanishText.duration(wait))")
            }
        } catch {
            result.problems.append("el estado del aviso \(context.displayPath(file.path)) no se pudo guardar (\(SystemErrorText.describe(error).spanish))")
        }
    }

    /// One mail a day with every notice of the digest, once the local hour reaches notices.digest_hour.
    private func deliverDigest(_ entries: [(file: URL, entry: NoticeSpool.Entry)], now: Date, into result: inout NoticeDelivery) async {
        guard !entries.isEmpty else { return }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.timeZone
        let today = context.today
        let lastDay = (try? String(contentsOf: spool.digestDay, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard calendar.component(.hour, from: now) >= settings.digestHour, lastDay != today else { return }
        let notices = entries.map(\.entry.notice)
        let subject = "Memoria: resumen del \(Timestamp.dayInWords(now, timeZone: context.timeZone)) (\(SpanishText.count(notices.count, "aviso", "avisos")))"
        let body = notices.enumerated().map { "\($0.offset + 1). \($0.element.subject)\n\n\($0.element.text)" }.joined(separator: "\n\n\n")
        if let failure = SendmailDelivery(command: settings.sendmail).send(mail(subject: subject, body: body, kind: "daily-digest")) {
            result.problems.append("el resumen diario no se pudo enviar (\(failure.spanish)); se reintenta en la siguiente vuelta")
            return
        }
        for (file, entry) in entries {
            do { try spool.markSent(file, month: String(entry.notice.time.prefix(7))) } catch {
                result.problems.append("el aviso \(context.displayPath(file.path)) se envió en el resumen pero no se pudo mover a enviados/ (\(SystemErrorText.describe(error).spanish))")
            }
        }
        do { try FileSystemText.write(today + "\n", to: spool.digestDay) } catch {
            result.problems.append("la fecha del último resumen no se pudo guardar (\(SystemErrorText.describe(error).spanish))")
        }
        result.sent.append("resumen diario enviado por correo: \(SpanishText.count(notices.count, "aviso", "avisos"))")
    }

    func mail(subject: String, body: String, kind: String) -> String {
        let signature = "-- \n\(StageContext.softwareName) \(StageContext.softwareVersion) · \(context.config.institution.name)"
        return MailMessage(from: settings.mailFrom, to: settings.mailTo, subject: subject, body: body + "\n\n" + signature,
                           date: context.clock(), timeZone: context.timeZone, kind: kind).text
    }
}

enum FileSystemText {
    static func write(_ text: String, to url: URL) throws {
        try FileSystem.replaceAtomically(url, with: Data(text.utf8))
    }
}
