/// Writes and reads the OAI-DC form of a record (`dc.xml`): `oai_dc:dc` holding `dc:*` elements,
/// valid against the OAI-PMH oai_dc.xsd.
public enum OAIDublinCore {
    public static let oaiNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/"
    public static let dcNamespace = "http://purl.org/dc/elements/1.1/"
    public static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"
    public static let schemaLocation = "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

    /// dc.xml as a standalone document.
    public static func document(_ record: DublinCoreRecord) -> String {
        let writer = XMLWriter()
        write(record, to: writer, declareSchemaLocation: true)
        return writer.finish()
    }

    /// Writes `oai_dc:dc` into a document being written (also used inside METS).
    public static func write(_ record: DublinCoreRecord, to writer: XMLWriter, declareSchemaLocation: Bool) {
        writer.start("oai_dc:dc")
        writer.attribute("xmlns:oai_dc", oaiNamespace)
        writer.attribute("xmlns:dc", dcNamespace)
        if declareSchemaLocation {
            writer.attribute("xmlns:xsi", xsiNamespace)
            writer.attribute("xsi:schemaLocation", schemaLocation)
        }
        for (element, value) in record.pairs { writer.element("dc:\(element)", value) }
        writer.end()
    }

    /// Reads the `dc:*` children of an `oai_dc:dc` element (or of any container of dc elements).
    public static func read(_ element: XMLElement) -> DublinCoreRecord {
        var record = DublinCoreRecord()
        for child in element.children where child.namespace == dcNamespace && DublinCoreRecord.elements.contains(child.localName) {
            record.append(child.trimmedText, to: child.localName)
        }
        return record
    }

    /// Reads a dc.xml document.
    public static func read(bytes: [UInt8], name: String) throws -> DublinCoreRecord {
        let tree = try XMLTree(bytes: bytes, name: name)
        guard let root = tree.root else { return DublinCoreRecord() }
        return read(root)
    }
}
