import Foundation

/// Writes an item's METS 1.12 document following the Memoria METS profile (Schemas/memoria-mets-profile.xml):
/// metsHdr with agents; a dmdSec wrapping OAI-DC; an amdSec with one MIX techMD per page image, a
/// rightsMD and one PREMIS 3 digiprovMD (objects, events, agents); a fileSec with MASTER and FULLTEXT
/// groups (checksums, MIME types, sizes, relative hrefs to OCFL logical paths); a physical structMap
/// with one div per page in order.
public enum METSWriter {
    public static let profile = "urn:memoria-de-hidalgo:mets-profile:1"
    static let metsNS = "http://www.loc.gov/METS/"
    static let xlinkNS = "http://www.w3.org/1999/xlink"
    static let premisNS = "http://www.loc.gov/premis/v3"
    static let mixNS = "http://www.loc.gov/mix/v20"
    static let schemaLocation = "http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd http://www.loc.gov/premis/v3 http://www.loc.gov/standards/premis/v3/premis.xsd http://www.loc.gov/mix/v20 http://www.loc.gov/standards/mix/mix20/mix20.xsd"

    public static func document(_ item: METSItem) -> String {
        let w = XMLWriter()
        let hasRights = !item.dublinCore["rights"].isEmpty
        w.start("mets:mets")
        w.attribute("xmlns:mets", metsNS)
        w.attribute("xmlns:xlink", xlinkNS)
        w.attribute("xmlns:premis", premisNS)
        w.attribute("xmlns:mix", mixNS)
        w.attribute("xmlns:xsi", OAIDublinCore.xsiNamespace)
        w.attribute("xsi:schemaLocation", schemaLocation)
        w.attribute("OBJID", item.objectID)
        w.attribute("LABEL", item.dublinCore.title)
        w.attribute("TYPE", item.type)
        w.attribute("PROFILE", profile)

        w.start("mets:metsHdr")
        w.attribute("CREATEDATE", item.created)
        w.attribute("LASTMODDATE", item.lastModified)
        w.attribute("RECORDSTATUS", item.version)
        agent(w, role: "CUSTODIAN", type: "ORGANIZATION", other: nil, name: item.institution)
        agent(w, role: "CREATOR", type: "OTHER", other: "SOFTWARE", name: item.softwareName)
        agent(w, role: "CREATOR", type: "INDIVIDUAL", other: nil, name: item.operatorName)
        w.element("mets:altRecordID", item.version, attributes: [("TYPE", "OCFL-VERSION")])
        w.element("mets:altRecordID", item.fondsCode, attributes: [("TYPE", "FONDS")])
        w.end()

        w.start("mets:dmdSec")
        w.attribute("ID", "dmd-dc")
        w.start("mets:mdWrap")
        w.attribute("MDTYPE", "DC")
        w.attribute("LABEL", "Dublin Core (OAI-DC)")
        w.start("mets:xmlData")
        OAIDublinCore.write(item.dublinCore, to: w, declareSchemaLocation: false)
        w.end(); w.end(); w.end()

        w.start("mets:amdSec")
        w.attribute("ID", "amd")
        for page in item.pages {
            w.start("mets:techMD")
            w.attribute("ID", StableID.make("mix", "\(page.masterPath)#\(page.indexInFile)"))
            w.start("mets:mdWrap")
            w.attribute("MDTYPE", "NISOIMG")
            w.attribute("MDTYPEVERSION", "2.0")
            w.start("mets:xmlData")
            writeMIX(page.mix, to: w)
            w.end(); w.end(); w.end()
        }
        // Written only when there is a statement: METS does not allow an empty xmlData.
        if hasRights {
            w.start("mets:rightsMD")
            w.attribute("ID", "rights")
            w.start("mets:mdWrap")
            w.attribute("MDTYPE", "DC")
            w.attribute("LABEL", "Derechos")
            w.start("mets:xmlData")
            for statement in item.dublinCore["rights"] {
                w.start("dc:rights")
                w.attribute("xmlns:dc", OAIDublinCore.dcNamespace)
                w.text(statement)
                w.end()
            }
            w.end(); w.end(); w.end()
        }
        w.start("mets:digiprovMD")
        w.attribute("ID", "premis")
        w.start("mets:mdWrap")
        w.attribute("MDTYPE", "PREMIS")
        w.attribute("MDTYPEVERSION", "3.0")
        w.start("mets:xmlData")
        PremisWriter.write(item, to: w)
        w.end(); w.end(); w.end()
        w.end()   // amdSec

        w.start("mets:fileSec")
        for use in [METSItem.File.Use.master, .fulltext] {
            let group = item.files.filter { $0.use == use }
            guard !group.isEmpty else { continue }
            w.start("mets:fileGrp")
            w.attribute("USE", use.rawValue)
            for file in group {
                w.start("mets:file")
                w.attribute("ID", fileID(file.logicalPath))
                w.attribute("MIMETYPE", file.mimeType)
                w.attribute("SIZE", String(file.size))
                w.attribute("CHECKSUM", file.checksum)
                w.attribute("CHECKSUMTYPE", file.checksumType)
                if let role = file.textRole { w.attribute("USE", role.rawValue) }
                let mixIDs = item.pages.filter { $0.masterPath == file.logicalPath }
                    .map { StableID.make("mix", "\($0.masterPath)#\($0.indexInFile)") }
                w.attribute("ADMID", (mixIDs + ["premis"]).joined(separator: " "))
                w.start("mets:FLocat")
                w.attribute("LOCTYPE", "URL")
                w.attribute("xlink:type", "simple")
                w.attribute("xlink:href", hrefEscaped(file.logicalPath))
                w.end()
                w.end()
            }
            w.end()
        }
        w.end()

        w.start("mets:structMap")
        w.attribute("TYPE", "PHYSICAL")
        w.attribute("LABEL", "Páginas")
        w.start("mets:div")
        w.attribute("ID", "item")
        w.attribute("TYPE", item.type)
        w.attribute("LABEL", item.dublinCore.title)
        w.attribute("DMDID", "dmd-dc")
        w.attribute("ADMID", hasRights ? "rights premis" : "premis")
        for page in item.pages {
            w.start("mets:div")
            w.attribute("ID", StableID.make("page", "\(page.masterPath)#\(page.indexInFile)"))
            w.attribute("TYPE", "page")
            w.attribute("ORDER", String(page.sequence))
            w.attribute("ORDERLABEL", String(page.sequence))
            w.attribute("LABEL", page.label)
            w.attribute("ADMID", StableID.make("mix", "\(page.masterPath)#\(page.indexInFile)"))
            w.start("mets:fptr")
            w.attribute("FILEID", fileID(page.masterPath))
            w.end()
            for text in item.files where text.use == .fulltext && text.pageSequence == page.sequence {
                w.start("mets:fptr")
                w.attribute("FILEID", fileID(text.logicalPath))
                w.end()
            }
            w.end()
        }
        w.end()
        w.end()
        if let unit = item.unitCode {
            // The item's place in the fonds' classification chart: the unit's reference code.
            w.start("mets:structMap")
            w.attribute("TYPE", "LOGICAL")
            w.attribute("LABEL", "Cuadro de clasificación")
            w.start("mets:div")
            w.attribute("ID", "unit")
            w.attribute("TYPE", "unidad")
            w.attribute("ORDERLABEL", unit)
            w.attribute("LABEL", "Unidad \(unit)")
            w.start("mets:div")
            w.attribute("ID", "unit-item")
            w.attribute("TYPE", "documento")
            w.attribute("LABEL", item.dublinCore.title)
            w.attribute("DMDID", "dmd-dc")
            w.end()
            w.end()
            w.end()
        }
        w.end()   // mets
        return w.finish()
    }

    static func fileID(_ logicalPath: String) -> String { StableID.make("file", logicalPath) }

    /// Relative URI reference for a logical path: segments percent-encoded where URIs require it
    /// ("Canción de mayo 1.tif" → "Canci%C3%B3n%20de%20mayo%201.tif").
    public static func hrefEscaped(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;?#[]@!$&'()*+,=")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }

    private static func agent(_ w: XMLWriter, role: String, type: String, other: String?, name: String) {
        w.start("mets:agent")
        w.attribute("ROLE", role)
        w.attribute("TYPE", type)
        w.attribute("OTHERTYPE", other)
        w.element("mets:name", name)
        w.end()
    }

    static func writeMIX(_ mix: MIXRecord, to w: XMLWriter) {
        w.start("mix:mix")
        w.start("mix:BasicDigitalObjectInformation")
        w.element("mix:byteOrder", optional: mix.byteOrder)
        w.element("mix:Compression") { w.element("mix:compressionScheme", mix.compression) }
        w.end()
        w.element("mix:BasicImageInformation") {
            w.element("mix:BasicImageCharacteristics") {
                w.element("mix:imageWidth", String(mix.width))
                w.element("mix:imageHeight", String(mix.height))
                w.element("mix:PhotometricInterpretation") {
                    w.element("mix:colorSpace", mix.colorSpace)
                    if mix.iccProfileName != nil || mix.iccProfileVersion != nil {
                        w.element("mix:ColorProfile") {
                            w.element("mix:IccProfile") {
                                w.element("mix:iccProfileName", optional: mix.iccProfileName)
                                w.element("mix:iccProfileVersion", optional: mix.iccProfileVersion)
                            }
                        }
                    }
                }
            }
        }
        w.element("mix:ImageCaptureMetadata") {
            if let created = mix.dateTimeCreated.flatMap(isoDateTime) {
                w.element("mix:GeneralCaptureInformation") { w.element("mix:dateTimeCreated", created) }
            }
            if mix.scannerManufacturer != nil || mix.scannerModel != nil || mix.software != nil {
                w.element("mix:ScannerCapture") {
                    w.element("mix:scannerManufacturer", optional: mix.scannerManufacturer)
                    if let model = mix.scannerModel {
                        w.element("mix:ScannerModel") { w.element("mix:scannerModelName", model) }
                    }
                    if let software = mix.software {
                        w.element("mix:ScanningSystemSoftware") { w.element("mix:scanningSoftwareName", software) }
                    }
                }
            }
            w.element("mix:orientation", MIXRecord.orientationNames[mix.orientation] ?? "unknown")
        }
        w.element("mix:ImageAssessmentMetadata") {
            if let unit = mix.samplingFrequencyUnit, let x = mix.xSamplingFrequency, let y = mix.ySamplingFrequency {
                w.element("mix:SpatialMetrics") {
                    w.element("mix:samplingFrequencyUnit", unit)
                    rational(w, "mix:xSamplingFrequency", x)
                    rational(w, "mix:ySamplingFrequency", y)
                }
            }
            w.element("mix:ImageColorEncoding") {
                w.element("mix:BitsPerSample") {
                    for bits in mix.bitsPerSample { w.element("mix:bitsPerSampleValue", String(bits)) }
                    w.element("mix:bitsPerSampleUnit", "integer")
                }
                w.element("mix:samplesPerPixel", String(mix.samplesPerPixel))
            }
        }
        w.end()
    }

    private static func rational(_ w: XMLWriter, _ name: String, _ value: Double) {
        // Resolutions are stored as rationals: keep three decimals exactly.
        let denominator = value == value.rounded() ? 1 : 1000
        w.element(name) {
            w.element("mix:numerator", String(Int((value * Double(denominator)).rounded())))
            w.element("mix:denominator", String(denominator))
        }
    }

    /// TIFF/EXIF "YYYY:MM:DD HH:MM:SS" → xsd:dateTime; nil when it is not a real date.
    static func isoDateTime(_ raw: String) -> String? {
        let digits = raw.trimmingCharacters(in: .whitespaces)
        let pattern = "^([0-9]{4})[:-]([0-9]{2})[:-]([0-9]{2})[ T]([0-9]{2}):([0-9]{2}):([0-9]{2})"
        guard let match = digits.range(of: pattern, options: .regularExpression) else { return nil }
        let parts = digits[match].split(whereSeparator: { ":- T".contains($0) }).map { Int($0) ?? -1 }
        let leap = parts[0] % 4 == 0 && (parts[0] % 100 != 0 || parts[0] % 400 == 0)
        let days = parts.count > 1 ? [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][max(0, min(11, parts[1] - 1))] : 31
        guard parts.count == 6, parts[0] > 1800, (1...12).contains(parts[1]), (1...days).contains(parts[2]),
              (0...23).contains(parts[3]), (0...59).contains(parts[4]), (0...59).contains(parts[5]) else { return nil }
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
    }
}
