import Foundation

/// One page of a download PDF, as plain values: a JPEG that goes in unchanged, its resolution, and
/// the page's text when there is some (placed invisibly over the image, so it can be searched,
/// selected and copied).
public struct PDFPage: Sendable {
    /// The JPEG file's bytes (baseline or progressive; gray, RGB or CMYK), embedded as they are.
    public var jpeg: [UInt8]
    /// Pixels per inch of the JPEG; the page measures pixels ÷ resolution inches. Without one (or an
    /// implausible one, outside 10...10000) the JPEG's own JFIF density is used, and without that the
    /// page is fitted inside A4.
    public var resolution: (x: Double, y: Double)?
    public var text: PDFPageText?

    public init(jpeg: [UInt8], resolution: (x: Double, y: Double)?, text: PDFPageText? = nil) {
        self.jpeg = jpeg
        self.resolution = resolution
        self.text = text
    }
}

/// The text layer of a page.
public enum PDFPageText: Sendable {
    /// Words with their boxes, in the pixel coordinates (origin top left) of an image of
    /// `imageWidth × imageHeight` pixels: the master's, as ALTO and hOCR give them.
    case words([PDFWord], imageWidth: Int, imageHeight: Int)
    /// Text without positions (a transcription): laid out line by line over the page.
    case plain(String)
}

/// A word and its box.
public struct PDFWord: Sendable, Equatable {
    public var text: String
    public var x: Int, y: Int, width: Int, height: Int

    public init(text: String, x: Int, y: Int, width: Int, height: Int) {
        self.text = text
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Document-wide facts for the PDF's information dictionary. The date is given, not read from the
/// clock, so the same item makes the same file.
public struct PDFDocumentInfo: Sendable {
    public var title: String
    public var author: String?
    public var subject: String?
    /// The program, e.g. "Memoria 1.4".
    public var producer: String
    public var created: Date
    /// BCP 47 language of the text layer ("es-MX").
    public var language: String

    public init(title: String, author: String? = nil, subject: String? = nil, producer: String, created: Date, language: String = "es-MX") {
        self.title = title
        self.author = author
        self.subject = subject
        self.producer = producer
        self.created = created
        self.language = language
    }
}
