import Foundation
import Imaging
import Metadata
import Preservation
import Support

/// The pages of an item's next version, decided from what is archived, what the batch brings and
/// what the sheet asks (DepositRequest). Nothing is removed unless the sheet asks for it:
/// - agregar (default): the batch's pages are added, or replace the archived page of the same name
///   (NFC, case-insensitive); every other archived page is kept.
/// - reemplazar-item: the batch's pages are the whole item; archived pages not in it are retired.
/// - memoria.retirar: those pages are retired; memoria.orden: the pages take that order.
/// Each decision becomes a line of the report, in words.
struct VersionPlan {
    var files: [ProcessedFile]
    /// Spanish lines for the report ("se añade 1 página: IMG_0041.TIF").
    var changes: [String]
    var added: [String] = []
    var replaced: [String] = []
    var retired: [String] = []
    var reordered = false

    /// Builds the plan, or a failure that keeps the item in the inbox (a page named that does not exist).
    static func make(itemID: String, prior: PriorObject?, deposited: [ProcessedFile], request: DepositRequest,
                     carry: (String) -> ProcessedFile?) -> Result<VersionPlan, StageFailure> {
        guard let prior else {
            return .success(VersionPlan(files: deposited, changes: []))
        }
        var plan = VersionPlan(files: [], changes: [])
        let archived = orderedMasters(prior)
        func name(_ path: String) -> String { String(path.dropFirst("objects/".count)) }
        var kept: [ProcessedFile] = []
        for path in archived {
            if let replacement = deposited.first(where: { DepositRequest.sameName(name($0.logicalPath), name(path)) }) {
                if replacement.digest != prior.digest(at: path) || replacement.logicalPath != path { plan.replaced.append(name(replacement.logicalPath)) }
                kept.append(replacement)
            } else if request.action != .replaceItem, let carried = carry(path) {
                kept.append(carried)
            } else {
                plan.retired.append(name(path))
            }
        }
        let new = deposited.filter { file in !archived.contains { DepositRequest.sameName(name($0), name(file.logicalPath)) } }
        plan.added = new.map { name($0.logicalPath) }
        // Pages in natural order when the archived ones were; otherwise the new ones go last.
        let wasNatural = archived == archived.sorted(by: { NaturalOrder.areInIncreasingOrder(name($0), name($1)) })
        var files = kept + new
        if wasNatural { files.sort { NaturalOrder.areInIncreasingOrder(name($0.logicalPath), name($1.logicalPath)) } }
        // Pages the sheet retires.
        let unknown = request.retire.filter { wanted in !files.contains { DepositRequest.sameName(name($0.logicalPath), wanted) } }
        if !unknown.isEmpty {
            return .failure(unknownPages(unknown, itemID: itemID, column: "memoria.retirar", line: request.line, files: files))
        }
        for wanted in request.retire {
            files.removeAll { file in
                guard DepositRequest.sameName(name(file.logicalPath), wanted) else { return false }
                plan.retired.append(name(file.logicalPath))
                return true
            }
        }
        if files.isEmpty {
            return .failure(StageFailure(stage: .intake, reason: .invalidInstruction,
                message: "metadata.csv, línea \(request.line): la hoja retiraría todas las páginas de «\(itemID)»; un ítem conserva al menos una. Para quitarlo del sitio use memoria retirar. El ítem espera en la bandeja"))
        }
        if let order = request.order {
            switch reorder(files, by: order, itemID: itemID, line: request.line, name: name) {
            case .success(let ordered): plan.reordered = ordered.map(\.logicalPath) != files.map(\.logicalPath); files = ordered
            case .failure(let failure): return .failure(failure)
            }
        }
        plan.files = files
        plan.changes = plan.describe(itemID: itemID, line: request.line, kept: files.count - plan.added.count - plan.replaced.count)
        return .success(plan)
    }

    /// The archived masters in page order.
    static func orderedMasters(_ prior: PriorObject) -> [String] {
        var seen: [String] = []
        for page in prior.mets.pages where !seen.contains(page.masterPath) { seen.append(page.masterPath) }
        for file in prior.mets.files where file.use == .master && !seen.contains(file.logicalPath) { seen.append(file.logicalPath) }
        return seen
    }

    private static func reorder(_ files: [ProcessedFile], by order: [String], itemID: String, line: Int,
                                name: (String) -> String) -> Result<[ProcessedFile], StageFailure> {
        var ordered: [ProcessedFile] = []
        var unknown: [String] = []
        for wanted in order {
            if let file = files.first(where: { DepositRequest.sameName(name($0.logicalPath), wanted) }) { ordered.append(file) } else { unknown.append(wanted) }
        }
        let left = files.filter { file in !ordered.contains { $0.logicalPath == file.logicalPath } }.map { name($0.logicalPath) }
        guard unknown.isEmpty, left.isEmpty, ordered.count == files.count else {
            var parts: [String] = []
            if !unknown.isEmpty { parts.append("nombra páginas que el ítem no tiene: \(SpanishText.list(unknown.map { "«\($0)»" }))") }
            if !left.isEmpty { parts.append("no nombra \(SpanishText.list(left.map { "«\($0)»" }))") }
            return .failure(StageFailure(stage: .intake, reason: .unknownPage,
                message: "metadata.csv, línea \(line), columna memoria.orden de «\(itemID)»: \(parts.joined(separator: " y ")); la columna debe nombrar cada página una vez. El ítem espera en la bandeja"))
        }
        return .success(ordered)
    }

    private static func unknownPages(_ names: [String], itemID: String, column: String, line: Int, files: [ProcessedFile]) -> StageFailure {
        let existing = files.map { String($0.logicalPath.dropFirst("objects/".count)) }
        return StageFailure(stage: .intake, reason: .unknownPage,
            message: "metadata.csv, línea \(line), columna \(column) de «\(itemID)»: \(SpanishText.list(names.map { "«\($0)»" })) no \(SpanishText.form(names.count, "es una página", "son páginas")) del ítem (sus páginas: \(SpanishText.list(existing.prefix(12).map { "«\($0)»" }))\(existing.count > 12 ? "…" : "")). El ítem espera en la bandeja")
    }

    private func describe(itemID: String, line: Int, kept: Int) -> [String] {
        var lines: [String] = []
        func listed(_ names: [String]) -> String { SpanishText.list(names.prefix(10).map { $0 }) + (names.count > 10 ? "…" : "") }
        if !added.isEmpty { lines.append("se \(SpanishText.form(added.count, "añade", "añaden")) \(SpanishText.count(added.count, "página", "páginas")): \(listed(added))") }
        if !replaced.isEmpty { lines.append("se \(SpanishText.form(replaced.count, "sustituye", "sustituyen")) \(SpanishText.count(replaced.count, "página", "páginas")): \(listed(replaced))") }
        if !retired.isEmpty {
            lines.append("se \(SpanishText.form(retired.count, "retira", "retiran")) \(SpanishText.count(retired.count, "página", "páginas")) de \(itemID) a petición de la hoja, línea \(line): \(listed(retired))")
        }
        if reordered { lines.append("las páginas toman el orden que pide la hoja, línea \(line)") }
        if kept > 0 && (!added.isEmpty || !replaced.isEmpty || !retired.isEmpty) {
            lines.append("se \(SpanishText.form(kept, "conserva", "conservan")) \(SpanishText.count(kept, "página ya archivada", "páginas ya archivadas"))")
        }
        return lines
    }
}
