/// Bar charts as inline SVG (no script, no external file). Each chart has a title and a description
/// for screen readers, and the same figures are in a table right after it. Shared with the director's
/// dashboard (`memoria informe`), which writes its numbers the way the rest of Memoria does.
public enum SVGChart {
    static let colors = ["#1d5a8a", "#b4501f"]   // both reach 4.5:1 against white

    /// Vertical bars, one group per label, one bar per series.
    static func groupedBars(id: String, title: String, description: String, labels: [String], series: [(name: String, values: [Int])]) -> String {
        groupedBars(id: id, title: title, description: description, labels: labels, series: series, number: SpanishText.number)
    }

    /// Horizontal bars, one per row, longest first (as given).
    static func horizontalBars(id: String, title: String, description: String, rows: [(label: String, value: Int)]) -> String {
        horizontalBars(id: id, title: title, description: description, rows: rows, number: SpanishText.number)
    }

    /// Vertical bars, one group per label, one bar per series; `number` writes the axis and the values.
    public static func groupedBars(id: String, title: String, description: String, labels: [String], series: [(name: String, values: [Int])],
                                   number: (Int) -> String) -> String {
        let width = 760, height = 300, left = 64, right = 16, top = 36, bottom = 48
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxValue = max(1, series.flatMap(\.values).max() ?? 1)
        let scale = niceCeiling(maxValue)
        let groupWidth = Double(plotWidth) / Double(max(1, labels.count))
        let barWidth = min(28, groupWidth * 0.8 / Double(max(1, series.count)))
        var svg = "<svg class=\"grafica\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        svg += "<title id=\"\(id)-t\">\(HTMLText.escape(title))</title><desc id=\"\(id)-d\">\(HTMLText.escape(description))</desc>"
        for step in 0...4 {
            let value = scale * step / 4
            let y = top + plotHeight - plotHeight * step / 4
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" class=\"eje\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(number(value))</text>"
        }
        for (g, label) in labels.enumerated() {
            let groupX = Double(left) + groupWidth * Double(g)
            let barsWidth = barWidth * Double(series.count)
            for (s, serie) in series.enumerated() {
                let value = g < serie.values.count ? serie.values[g] : 0
                let h = Double(plotHeight) * Double(value) / Double(scale)
                let x = groupX + (groupWidth - barsWidth) / 2 + barWidth * Double(s)
                svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(Double(top + plotHeight) - h))\" width=\"\(fmt(barWidth - 2))\" height=\"\(fmt(h))\" fill=\"\(colors[s % colors.count])\">"
                svg += "<title>\(HTMLText.escape("\(label): \(number(value)) \(serie.name.lowercased())"))</title></rect>"
            }
            svg += "<text x=\"\(fmt(groupX + groupWidth / 2))\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
        }
        for (s, serie) in series.enumerated() {
            let x = left + s * 160
            svg += "<rect x=\"\(x)\" y=\"10\" width=\"14\" height=\"14\" fill=\"\(colors[s % colors.count])\"/>"
            svg += "<text x=\"\(x + 20)\" y=\"22\">\(HTMLText.escape(serie.name))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, one per row, longest first (as given); `number` writes the values.
    public static func horizontalBars(id: String, title: String, description: String, rows: [(label: String, value: Int)],
                                      number: (Int) -> String) -> String {
        let width = 760, labelWidth = 300, barArea = width - labelWidth - 80, rowHeight = 26, top = 8
        let height = top * 2 + rowHeight * max(1, rows.count)
        let maxValue = max(1, rows.map(\.value).max() ?? 1)
        var svg = "<svg class=\"grafica\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        svg += "<title id=\"\(id)-t\">\(HTMLText.escape(title))</title><desc id=\"\(id)-d\">\(HTMLText.escape(description))</desc>"
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * index
            let w = Double(barArea) * Double(row.value) / Double(maxValue)
            let label = row.label.count > 42 ? String(row.label.prefix(41)) + "…" : row.label
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(HTMLText.escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(fmt(max(1, w)))\" height=\"\(rowHeight - 8)\" fill=\"\(colors[0])\"/>"
            svg += "<text x=\"\(fmt(Double(labelWidth) + max(1, w) + 6))\" y=\"\(y + 17)\">\(number(row.value))</text>"
        }
        return svg + "</svg>"
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `value`.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 5, 10] where factor * magnitude >= value {
            return factor * magnitude
        }
        return value
    }

    static func fmt(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
