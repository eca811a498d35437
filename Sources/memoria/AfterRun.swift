import Foundation
import Pipeline

/// What follows an ingest, an audit, a publish or a replication run by hand or by a timer: its
/// notices are queued and the ones due are sent, and (after an ingest or an audit) the director's
/// dashboard is written again. Problems are warnings: the
/// batch or the audit itself is done and reported.
enum AfterRun {
    static func batches(_ reports: [BatchReport], context: StageContext) async {
        guard !reports.isEmpty else { return }
        let center = NoticeCenter(context: context)
        let problems = center.queue(batches: reports)
        await deliver(center, problems, context: context)
        dashboard(context)
    }

    static func audit(_ summary: VerifyRunner.Summary, context: StageContext) async {
        let center = NoticeCenter(context: context)
        await deliver(center, center.queue(audit: summary), context: context)
        dashboard(context)
    }

    /// A publish run by hand or by a timer failed: its notice is queued and sent (the error is still thrown).
    static func publishFailed(_ message: String, context: StageContext) async {
        let center = NoticeCenter(context: context)
        await deliver(center, center.queue(publishFailure: message), context: context)
    }

    static func replication(_ summary: ReplicateRunner.Summary, context: StageContext) async {
        let center = NoticeCenter(context: context)
        await deliver(center, center.queue(replication: summary), context: context)
    }

    private static func deliver(_ center: NoticeCenter, _ problems: [String], context: StageContext) async {
        let delivery = await center.deliverDue()
        for line in problems + delivery.problems { context.reporter.warning(line) }
        for line in delivery.sent { context.reporter.info(line) }
    }

    private static func dashboard(_ context: StageContext) {
        guard context.config.service.dashboardAfterChanges else { return }
        do {
            _ = try DashboardRunner(context: context).run()
        } catch {
            context.reporter.warning("el informe para la dirección no se pudo escribir: \((error as? PersonFacingError)?.messageForPeople ?? "\(error)")")
        }
    }
}
