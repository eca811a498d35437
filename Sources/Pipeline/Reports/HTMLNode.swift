import Support

/// A tiny typed HTML builder for reports: text and attribute values are escaped when rendered, so no
/// value from an inbox (file names, titles, reasons) can become markup.
indirect enum HTMLNode: Sendable {
    case element(String, attributes: [(String, String)], children: [HTMLNode])
    case text(String)
    case raw(String)   // only for constant markup written here (doctype, style)

    static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(name, attributes: attributes, children: children)
    }

    static func el(_ name: String, _ text: String) -> HTMLNode { .element(name, attributes: [], children: [.text(text)]) }

    func render() -> String {
        switch self {
        case .text(let s): return Self.escape(s)
        case .raw(let s): return s
        case .element(let name, let attributes, let children):
            let attrs = attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined()
            if ["meta", "br", "link"].contains(name) { return "<\(name)\(attrs)>" }
            return "<\(name)\(attrs)>" + children.map { $0.render() }.joined() + "</\(name)>"
        }
    }

    static func escape(_ s: String) -> String { MarkupEscaping.escape(s) }

    /// A complete Spanish page with the report stylesheet.
    static func page(title: String, body: [HTMLNode]) -> String {
        "<!DOCTYPE html>\n" + HTMLNode.el("html", [("lang", "es")], [
            .el("head", [], [
                .el("meta", [("charset", "utf-8")]),
                .el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .el("title", title),
                .el("style", [], [.raw(reportStyle)]),
            ]),
            .el("body", [], [.el("main", [], body)]),
        ]).render() + "\n"
    }

    static let reportStyle = """
    body{font-family:system-ui,sans-serif;margin:0;background:#f7f5f0;color:#1f1d1a}main{max-width:70rem;margin:0 auto;padding:1.5rem}
    table{border-collapse:collapse;width:100%;margin:1rem 0;background:#fff}th,td{border:1px solid #d8d3c8;padding:.4rem .6rem;text-align:left;vertical-align:top}
    th{background:#ece7dc}.ok{color:#1d6b2f}.bad{color:#a1261b}.warn{color:#8a5a00}code{font-size:.9em}
    """
}
