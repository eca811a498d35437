import CXML2
import Foundation

/// A compiled XML schema (e.g. the official bundle of METS + PREMIS + MIX + DC), shared read-only
/// between threads; every validation gets its own contexts. Errors are collected with their lines
/// instead of being printed by libxml2. The network is never used (XML_PARSE_NONET).
public final class XMLSchemaValidator: @unchecked Sendable {
    public let path: String
    private let schema: xmlSchemaPtr

    public init(schemaAt url: URL) throws {
        LibXML.initialize()
        path = url.path
        let collector = ProblemCollector()
        guard let context = xmlSchemaNewParserCtxt(url.path) else {
            throw MetadataXMLError.schemaUnusable(path: url.path, problems: [XMLProblem(line: 0, message: "cannot read the schema file")])
        }
        defer { xmlSchemaFreeParserCtxt(context) }
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            xmlSchemaSetParserStructuredErrors(context, collectProblem, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaParse(context)
        }
        guard let compiled else {
            throw MetadataXMLError.schemaUnusable(path: url.path, problems: collector.problems.isEmpty
                ? [XMLProblem(line: 0, message: "the schema does not compile")] : collector.problems)
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates a document; returns its problems (empty when valid). `name` labels messages.
    public func validate(_ xml: String, name: String = "document") -> [XMLProblem] {
        let parsed = XMLParsing.parse(xml)
        guard let document = parsed.document else { return parsed.problems }
        defer { xmlFreeDoc(document) }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return [XMLProblem(line: 0, message: "out of memory")] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ProblemCollector()
        let result = withExtendedLifetime(collector) { () -> Int32 in
            xmlSchemaSetValidStructuredErrors(context, collectProblem, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaValidateDoc(context, document)
        }
        if result != 0 && collector.problems.isEmpty {
            return [XMLProblem(line: 0, message: "not valid (libxml2 gave no details)")]
        }
        return collector.problems
    }
}

/// Collects libxml2 structured errors; used through an unretained pointer during one synchronous call.
final class ProblemCollector {
    var problems: [XMLProblem] = []
}

/// Swift inference picks the right pointer type for the libxml2 version at hand (2.9: xmlErrorPtr;
/// 2.12+: const xmlError *).
let collectProblem: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(userData).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown error"
    collector.problems.append(XMLProblem(line: Int(error.pointee.line), message: message))
}

/// Parsing of untrusted XML: no network, no entity substitution, no DTD loading.
enum XMLParsing {
    // NOERROR/NOWARNING: libxml2 must never write to the terminal; the first error is read back from the context.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    static func parse(_ xml: String) -> (document: xmlDocPtr?, problems: [XMLProblem]) {
        parse(bytes: Array(xml.utf8))
    }

    static func parse(bytes: [UInt8]) -> (document: xmlDocPtr?, problems: [XMLProblem]) {
        LibXML.initialize()
        guard let context = xmlNewParserCtxt() else { return (nil, [XMLProblem(line: 0, message: "out of memory")]) }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) {
                xmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        if document == nil || context.pointee.wellFormed == 0 {
            var problems: [XMLProblem] = []
            if let error = xmlCtxtGetLastError(context) {
                let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "not well-formed"
                problems.append(XMLProblem(line: Int(error.pointee.line), message: message))
            } else {
                problems.append(XMLProblem(line: 0, message: "not well-formed XML"))
            }
            if let document { xmlFreeDoc(document) }
            return (nil, problems)
        }
        return (document, [])
    }
}
