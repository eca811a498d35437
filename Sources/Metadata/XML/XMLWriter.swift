import CXML2
import Foundation

/// Builds XML with libxml2's text writer: it escapes text and attribute values itself, writes UTF-8
/// and indents. Callers never concatenate markup.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    public init(indent: Bool = true) {
        LibXML.initialize()
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, Self.bytes("  "))
        }
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) + [0] }

    /// Opens `prefix:name` (or `name`).
    public func start(_ name: String) { xmlTextWriterStartElement(writer, Self.bytes(name)) }

    public func end() { xmlTextWriterEndElement(writer) }

    public func attribute(_ name: String, _ value: String) {
        xmlTextWriterWriteAttribute(writer, Self.bytes(name), Self.bytes(Self.cleaned(value)))
    }

    public func attribute(_ name: String, _ value: String?) {
        if let value { attribute(name, value) }
    }

    public func text(_ value: String) { xmlTextWriterWriteString(writer, Self.bytes(Self.cleaned(value))) }

    /// `<name>value</name>`
    public func element(_ name: String, _ value: String, attributes: [(String, String)] = []) {
        start(name)
        for (key, v) in attributes { attribute(key, v) }
        text(value)
        end()
    }

    /// Writes the element only when there is a value.
    public func element(_ name: String, optional value: String?) {
        if let value, !value.isEmpty { element(name, value) }
    }

    public func element(_ name: String, _ body: () -> Void) {
        start(name)
        body()
        end()
    }

    public func finish() -> String {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }

    /// XML 1.0 cannot hold most control characters, even escaped: drop them (tab, newline, carriage
    /// return stay). Metadata from spreadsheets sometimes carries them.
    static func cleaned(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { ($0.value < 0x20 && $0.value != 0x09 && $0.value != 0x0A && $0.value != 0x0D) || $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.filter {
            !(($0.value < 0x20 && $0.value != 0x09 && $0.value != 0x0A && $0.value != 0x0D) || $0.value == 0xFFFE || $0.value == 0xFFFF)
        }))
    }
}

/// One-time libxml2 set-up for a multi-threaded process.
enum LibXML {
    private static let once: Void = {
        xmlInitParser()
    }()

    static func initialize() { _ = once }
}
