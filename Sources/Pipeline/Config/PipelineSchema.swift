/// The schema of pipeline.yaml, version 1. Every key, its default and its meaning.
/// (The same descriptions appear as comments in the repository's pipeline.yaml.)
enum PipelineSchema {
    static let dublinCoreElements = ["title", "creator", "subject", "description", "publisher", "contributor", "date",
                                     "type", "format", "identifier", "source", "language", "relation", "coverage", "rights"]

    static let root: ConfigSchema = .object([
        .required("version", .integer(description: "Version of this file's format. Must be 1.", minimum: 1, maximum: 1)),
        .required("institution", .object([
            .required("name", .string(description: "Name of the institution that keeps the archive (Dublin Core publisher, PREMIS agent).")),
            .optional("code", .string(description: "Short code of the institution, used as its PREMIS agent identifier.", default: "SCEH",
                                      pattern: "^[A-Za-z0-9_-]{2,20}$")),
            .optional("url", .string(description: "Web address of the institution.", default: "")),
            .optional("contact_email", .string(description: "Address for questions about the archive, shown on the site.", default: "")),
        ], description: "The institution that keeps the archive.")),
        .required("paths", .object([
            .optional("inbox", .string(description: "Archivists' drop folder: <fonds-slug>/<batch>/...", default: "inbox")),
            .optional("archive", .string(description: "OCFL 1.1 storage root: the archive itself. Never edit by hand.", default: "archive")),
            .optional("staging", .string(description: "Work folder on the same file system as the archive (objects are built here, then renamed into place).", default: "staging")),
            .optional("quarantine", .string(description: "Rejected files, each with a .reason.txt, by batch.", default: "quarantine")),
            .optional("processed", .string(description: "Where inbox files go after ingest when ingest.after_ingest is \"move\".", default: "processed")),
            .optional("derivatives", .string(description: "Access images and thumbnails (regenerable).", default: "derivatives")),
            .optional("catalog", .string(description: "SQLite catalog with the full-text index (regenerable from the archive).", default: "catalog.sqlite")),
            .optional("reports", .string(description: "JSON and HTML reports of batches and audits.", default: "reports")),
            .optional("site", .string(description: "The published static site.", default: "site")),
            .optional("schemas", .string(description: "Folder of the official XML schemas (METS, PREMIS, MIX, DC, OAI-DC, xlink) with bundle.xsd; empty: XML is checked for well-formedness and our own rules only.", default: "")),
        ], description: "Folders and files, relative to this file.")),
        .required("fonds", .array(of: .object([
            .required("code", .string(description: "Short code, e.g. BSH; usually the prefix of item identifiers.", pattern: "^[A-Z][A-Z0-9]{1,9}$")),
            .required("slug", .string(description: "Folder name in the inbox and address on the site.", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")),
            .required("title", .string(description: "Name of the fonds as the public sees it.")),
            .required("description", .string(description: "A paragraph about the fonds for its page on the site.")),
            .required("required_fields", .stringList(description: "Dublin Core elements every item of this fonds must have in metadata.csv (title at least).",
                                                     allowed: dublinCoreElements)),
            .optional("default_type", .string(description: "DCMI type for items whose row gives none.", default: "Text",
                                              allowed: ["Collection", "Dataset", "Event", "Image", "InteractiveResource", "MovingImage",
                                                        "PhysicalObject", "Service", "Software", "Sound", "StillImage", "Text"])),
            .optional("rights", .string(description: "Rights statement for items whose row gives none.", default: "")),
        ], description: "One fonds (documentary collection)."), description: "The fonds of the archive. An inbox folder not listed here is reported, never guessed.", minItems: 1)),
        .optional("ingest", .object([
            .optional("settle_seconds", .integer(description: "A batch is ready when nothing in it changed for this many seconds (or it holds the ready marker).", default: 300, minimum: 0)),
            .optional("ready_marker", .string(description: "File name that marks a batch as ready at once.", default: "LISTO", pattern: "^[^/]+$")),
            .optional("digest", .string(description: "Fixity algorithm for the OCFL inventories and METS.", default: "sha512", allowed: ["sha512", "sha256"])),
            .optional("max_pixels", .integer(description: "Largest width × height accepted for one page; larger headers are refused before decoding.", default: 300_000_000, minimum: 1)),
            .optional("max_file_bytes", .integer(description: "Largest file accepted, in bytes.", default: 4_294_967_296, minimum: 1)),
            .optional("min_free_bytes", .integer(description: "Free space to keep on the archive's disk after a batch; a batch that would go below is not started.", default: 1_073_741_824, minimum: 0)),
            .optional("after_ingest", .string(description: "What happens to inbox files once safely archived.", default: "delete", allowed: ["delete", "move", "keep"])),
            .optional("workers", .integer(description: "Pages decoded in parallel; 0 = one per processor core.", default: 0, minimum: 0, maximum: 64)),
            .optional("strict_decoding", .boolean(description: "Quarantine images whose decoder reports missing or corrupt data (truncation, bad checksums), not only those that fail outright.", default: true)),
        ], description: "How batches are taken from the inbox.")),
        .optional("derivatives", .object([
            .optional("access_long_edge", .integer(description: "Long edge of access images, in pixels.", default: 2000, minimum: 200, maximum: 10000)),
            .optional("access_quality", .integer(description: "JPEG quality of access images.", default: 85, minimum: 30, maximum: 100)),
            .optional("thumbnail_long_edge", .integer(description: "Long edge of thumbnails (made from the access image).", default: 400, minimum: 50, maximum: 2000)),
            .optional("thumbnail_quality", .integer(description: "JPEG quality of thumbnails.", default: 80, minimum: 30, maximum: 100)),
            .optional("progressive", .boolean(description: "Write access images as progressive JPEG.", default: true)),
        ], description: "Access copies and thumbnails for the site.")),
        .optional("text", .object([
            .optional("ocr", .string(description: "Run OCR on pages without a transcription: auto (when Tesseract is installed), always, never.", default: "auto", allowed: ["auto", "always", "never"])),
            .optional("tesseract", .string(description: "The Tesseract command.", default: "tesseract")),
            .optional("languages", .string(description: "Tesseract languages, e.g. spa or spa+eng.", default: "spa", pattern: "^[a-z_]+(\\+[a-z_]+)*$")),
            .optional("page_segmentation_mode", .integer(description: "Tesseract page segmentation mode (3 = automatic).", default: 3, minimum: 0, maximum: 13)),
            .optional("timeout_seconds", .integer(description: "Time limit for the OCR of one page.", default: 180, minimum: 5)),
            .optional("ocr_min_word_confidence", .integer(description: "OCR words read with less confidence (percent) are kept in the archive but neither indexed nor shown; 0 keeps every word.", default: 60, minimum: 0, maximum: 100)),
        ], description: "Full text: transcriptions, ALTO/hOCR and OCR.")),
        .optional("site", .object([
            .optional("title", .string(description: "Name of the site.", default: "Memoria de Hidalgo")),
            .optional("tagline", .string(description: "One line under the title.", default: "Archivo digital de la Secretaría de Cultura del Estado de Hidalgo")),
            .optional("base_url", .string(description: "Public address of the site (for the sitemap, canonical links and IIIF); empty: relative links only.", default: "")),
            .optional("items_per_page", .integer(description: "Items per page on fonds and browse pages.", default: 24, minimum: 6, maximum: 200)),
            .optional("about", .string(description: "Text of the \"Acerca de\" page (paragraphs separated by a blank line).", default: "")),
        ], description: "The public site.")),
        .optional("stats", .object([
            .optional("log", .string(description: "The web server's access log of the site (combined format), e.g. /var/log/nginx/access.log; its rotations beside it (access.log.1, access.log.2.gz) are read too. Empty: give it on the command line.", default: "")),
            .optional("output", .string(description: "Folder of the statistics report (HTML, CSV, JSON); empty: estadisticas/ inside paths.reports.", default: "")),
            .optional("state", .string(description: "File where closed days' figures and read positions are kept between runs; empty: estado-de-lectura.json in the output folder.", default: "")),
            .optional("site_prefix", .string(description: "Path under which the web server serves the site, e.g. /memoria/; empty: the path of site.base_url, or /.", default: "", pattern: "^(/.*)?$")),
            .optional("hosts", .stringList(description: "Host names of the site, to tell its own pages from other sites in referrers; the host of site.base_url is added.", default: [])),
        ], description: "Visitor statistics from the web server's logs (memoria estadisticas).")),
    ], description: "Configuration of a Memoria deployment.")
}
