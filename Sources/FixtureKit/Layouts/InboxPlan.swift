/// The plan of a generated inbox: batches of items, each with its pages, sidecars and metadata row.
public struct InboxPlan: Sendable {
    public enum PageFormat: Sendable {
        case tiffRGB(TIFFWriter.Encoding, tiled: Bool = false)
        case tiffGray(TIFFWriter.Encoding)
        case tiffGray16(TIFFWriter.Encoding)
        case tiffBitonalG4
        case tiffMultiPage(pages: Int)
        case jpeg(quality: Int, gray: Bool = false, exifOrientation: Int? = nil)
        case png(gray: Bool)

        var fileExtension: String {
            switch self {
            case .jpeg: return "jpg"
            case .png: return "png"
            default: return "tif"
            }
        }
    }

    public enum Sidecar: Sendable { case plainUTF8, plainWindows1252, alto, hocr }

    public enum CSVStyle: Sendable {
        /// UTF-8 with a byte-order mark and commas (LibreOffice, Google Sheets, Excel "CSV UTF-8").
        case utf8BOMComma
        /// Windows-1252 with semicolons and CRLF: what Excel on Windows in a Spanish locale saves as "CSV".
        case windows1252Semicolon
    }

    public struct Page: Sendable {
        public var name: String               // file name without extension
        public var kind: PageDesigner.Kind
        public var format: PageFormat
        public var width: Int, height: Int
        public var title: String
        public var body: String
        public var sidecar: Sidecar?
        /// Text written into a plain sidecar instead of the drawn text (for the escaping fixture).
        public var sidecarOverride: String?

        public init(name: String, kind: PageDesigner.Kind, format: PageFormat, width: Int, height: Int, title: String, body: String,
                    sidecar: Sidecar?, sidecarOverride: String? = nil) {
            self.name = name
            self.kind = kind
            self.format = format
            self.width = width
            self.height = height
            self.title = title
            self.body = body
            self.sidecar = sidecar
            self.sidecarOverride = sidecarOverride
        }
    }

    public struct Item: Sendable {
        public var id: String
        /// True: a folder with pages; false: one loose file named after the id.
        public var folder: Bool
        public var pages: [Page]
        /// metadata.csv columns for this item (values with "|" hold several values).
        public var row: [(String, String)]

        public init(id: String, folder: Bool, pages: [Page], row: [(String, String)]) {
            self.id = id
            self.folder = folder
            self.pages = pages
            self.row = row
        }
    }

    /// Deliberately bad files: what goes wrong on real inboxes.
    public enum BadFile: Sendable {
        case truncatedTIFF(name: String)
        case jpegNamedTIF(name: String)
        case empty(name: String)
        /// One of the damage fixtures of issue 17 (zero-length plane, short strip), under another name.
        case damagedFixture(QuirkFixture, name: String)

        /// The file name the bad file is written under.
        public var name: String {
            switch self {
            case .truncatedTIFF(let name), .jpegNamedTIF(let name), .empty(let name), .damagedFixture(_, let name): return name
            }
        }
    }

    public struct Batch: Sendable {
        public var fonds: String
        public var name: String
        public var csv: CSVStyle
        public var items: [Item]
        public var badFiles: [(BadFile, [(String, String)])]
        public var readyMarker: Bool
        /// cuadro.csv rows (the fonds' classification chart), in the batch's CSV style.
        public var chart: [[(String, String)]]? = nil

        public init(fonds: String, name: String, csv: CSVStyle, items: [Item], badFiles: [(BadFile, [(String, String)])], readyMarker: Bool) {
            self.fonds = fonds
            self.name = name
            self.csv = csv
            self.items = items
            self.badFiles = badFiles
            self.readyMarker = readyMarker
        }
    }

    public var batches: [Batch]

    public init(batches: [Batch]) { self.batches = batches }
}
