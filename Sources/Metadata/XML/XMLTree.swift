import CXML2
import Foundation

/// A parsed XML (or HTML) document for reading: elements by namespace and local name, attributes,
/// text. The tree owns the libxml2 document; nodes are valid while the tree is alive.
public final class XMLTree {
    let document: xmlDocPtr

    /// Parses XML; throws `MetadataXMLError.notWellFormed` with the line of the first error.
    public init(bytes: [UInt8], name: String) throws {
        let parsed = XMLParsing.parse(bytes: bytes)
        guard let document = parsed.document else { throw MetadataXMLError.notWellFormed(document: name, problems: parsed.problems) }
        self.document = document
    }

    /// Parses HTML leniently (hOCR files are often not well-formed XHTML).
    public init(html bytes: [UInt8], name: String) throws {
        LibXML.initialize()
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else {
            throw MetadataXMLError.notWellFormed(document: name, problems: [XMLProblem(line: 0, message: "not readable as HTML", spanish: "no se puede leer como HTML")])
        }
        self.document = document
    }

    deinit { xmlFreeDoc(document) }

    public var root: XMLElement? {
        xmlDocGetRootElement(document).map { XMLElement(node: $0, tree: self) }
    }
}

/// An element of an `XMLTree`.
public struct XMLElement {
    let node: xmlNodePtr
    let tree: XMLTree

    public var localName: String { node.pointee.name.map { String(cString: $0) } ?? "" }
    public var namespace: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }
    public var line: Int { Int(xmlGetLineNo(node)) }

    /// Element children, in order.
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: current, tree: tree)) }
            child = current.pointee.next
        }
        return result
    }

    public func children(_ name: String, namespace: String? = nil) -> [XMLElement] {
        children.filter { $0.localName == name && (namespace == nil || $0.namespace == namespace) }
    }

    public func child(_ name: String, namespace: String? = nil) -> XMLElement? {
        children.first { $0.localName == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// Every descendant element with this local name (and namespace, if given), in document order.
    public func descendants(_ name: String, namespace: String? = nil) -> [XMLElement] {
        var result: [XMLElement] = []
        func walk(_ element: XMLElement) {
            for child in element.children {
                if child.localName == name && (namespace == nil || child.namespace == namespace) { result.append(child) }
                walk(child)
            }
        }
        walk(self)
        return result
    }

    /// An attribute without namespace, or in `namespace`.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        let value: UnsafeMutablePointer<xmlChar>?
        if let namespace {
            value = xmlGetNsProp(node, Array(name.utf8) + [0], Array(namespace.utf8) + [0])
        } else {
            value = xmlGetNoNsProp(node, Array(name.utf8) + [0])
        }
        guard let value else { return nil }
        defer { memoria_xml_free(value) }
        return String(cString: value)
    }

    /// All text inside the element.
    public var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { memoria_xml_free(content) }
        return String(cString: content)
    }

    /// Text with surrounding whitespace removed.
    public var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}
