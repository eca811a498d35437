/// What changed between two versions of a classification chart, in words for the batch report:
/// units added and removed, and each changed field with its value before → after.
public enum ChartDiff {
    public static func lines(from old: ClassificationChart?, to new: ClassificationChart) -> [String] {
        guard let old else {
            return ["cuadro de clasificación nuevo: \(new.units.count == 1 ? "1 unidad" : "\(new.units.count) unidades")"]
        }
        var lines: [String] = []
        for unit in new.units {
            guard let before = old.unit(unit.code) else {
                lines.append("se añade \(unit.level.rawValue) «\(unit.code)» «\(unit.title)»")
                continue
            }
            guard !unit.sameDescription(as: before) else { continue }
            for (field, after) in unit.fields {
                let previous = before.fields.first { $0.column == field }?.value
                if previous != after {
                    lines.append("«\(unit.code)» \(field): «\(previous ?? "")» → «\(after ?? "")»")
                }
            }
        }
        for unit in old.units where new.unit(unit.code) == nil {
            lines.append("se retira \(unit.level.rawValue) «\(unit.code)» «\(unit.title)» (sigue en las versiones anteriores del cuadro)")
        }
        if lines.isEmpty && old.units.map(\.code) != new.units.map(\.code) { lines.append("las unidades cambian de orden") }
        return lines
    }
}
