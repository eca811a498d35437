/// The schema of pipeline.yaml, version 1. Every key, its default and its meaning (in Spanish: the
/// descriptions reach people in configuration errors and in editors through pipeline.schema.json).
enum PipelineSchema {
    static let dublinCoreElements = ["title", "creator", "subject", "description", "publisher", "contributor", "date",
                                     "type", "format", "identifier", "source", "language", "relation", "coverage", "rights"]

    static let root: ConfigSchema = .object([
        .required("version", .integer(description: "Versión del formato de este archivo. Debe ser 1.", minimum: 1, maximum: 1)),
        .required("institution", .object([
            .required("name", .string(description: "Nombre de la institución que custodia el archivo (editor en Dublin Core, agente PREMIS).")),
            .optional("code", .string(description: "Código corto de la institución, identificador de su agente PREMIS.", default: "SCEH",
                                      pattern: "^[A-Za-z0-9_-]{2,20}$")),
            .optional("url", .string(description: "Dirección web de la institución.", default: "")),
            .optional("contact_email", .string(description: "Correo para preguntas sobre el archivo; se muestra en el sitio.", default: "")),
        ], description: "La institución que custodia el archivo.")),
        .required("paths", .object([
            .optional("inbox", .string(description: "Bandeja de entrada de los archivistas: <fondo>/<lote>/…", default: "inbox")),
            .optional("archive", .string(description: "Raíz de almacenamiento OCFL 1.1: el archivo mismo. Nunca se edita a mano.", default: "archive")),
            .optional("staging", .string(description: "Carpeta de trabajo en el mismo disco que el archivo (cada versión se arma aquí y luego se mueve a su lugar).", default: "staging")),
            .optional("quarantine", .string(description: "Archivos rechazados, por lote, cada uno con su .reason.txt.", default: "quarantine")),
            .optional("processed", .string(description: "A dónde van los archivos de la bandeja tras el ingreso cuando ingest.after_ingest es «move».", default: "processed")),
            .optional("derivatives", .string(description: "Copias de consulta y miniaturas (se pueden regenerar).", default: "derivatives")),
            .optional("catalog", .string(description: "Catálogo SQLite con el índice de texto completo (se reconstruye desde el archivo).", default: "catalog.sqlite")),
            .optional("reports", .string(description: "Informes JSON y HTML de lotes y auditorías.", default: "reports")),
            .optional("site", .string(description: "El sitio estático publicado.", default: "site")),
            .optional("schemas", .string(description: "Carpeta de los esquemas XML oficiales (METS, PREMIS, MIX, DC, OAI-DC, xlink) con bundle.xsd; vacía: el XML se comprueba solo en su forma y con las reglas propias de Memoria.", default: "")),
        ], description: "Carpetas y archivos, relativos a este archivo.")),
        .required("fonds", .array(of: .object([
            .required("code", .string(description: "Código corto, por ejemplo BSH; suele ser el prefijo de los identificadores de sus ítems.", pattern: "^[A-Z][A-Z0-9]{1,9}$")),
            .required("slug", .string(description: "Nombre de su carpeta en la bandeja y de su dirección en el sitio.", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")),
            .required("title", .string(description: "Nombre del fondo tal como lo ve el público.")),
            .required("description", .string(description: "Un párrafo sobre el fondo para su página en el sitio.")),
            .required("required_fields", .stringList(description: "Elementos Dublin Core que todo ítem del fondo debe tener en metadata.csv (al menos title).",
                                                     allowed: dublinCoreElements)),
            .optional("default_type", .string(description: "Tipo DCMI de los ítems cuya fila no indica ninguno.", default: "Text",
                                              allowed: ["Collection", "Dataset", "Event", "Image", "InteractiveResource", "MovingImage",
                                                        "PhysicalObject", "Service", "Software", "Sound", "StillImage", "Text"])),
            .optional("rights", .string(description: "Declaración de derechos de los ítems cuya fila no indica ninguna.", default: "")),
            .optional("id_prefix", .string(description: "required: los identificadores de sus ítems deben empezar con el código del fondo y un guion (BSH-0001); optional: cualquier identificador.",
                                           default: "optional", allowed: ["optional", "required"])),
        ], description: "Un fondo documental."), description: "Los fondos del archivo. Una carpeta de la bandeja que no esté aquí se informa, nunca se adivina.", minItems: 1)),
        .optional("ingest", .object([
            .optional("settle_seconds", .integer(description: "Un lote está listo cuando nada en él cambió durante estos segundos (o cuando contiene la marca de listo).", default: 300, minimum: 0)),
            .optional("ready_marker", .string(description: "Nombre del archivo que marca un lote como listo de inmediato.", default: "LISTO", pattern: "^[^/]+$")),
            .optional("copy_quiet_seconds", .integer(description: "Un archivo que cambió hace menos de estos segundos puede estar copiándose: su lote espera, tenga o no la marca de listo (también con --now).", default: 10, minimum: 0)),
            .optional("digest", .string(description: "Algoritmo de huella digital de los inventarios OCFL y del METS.", default: "sha512", allowed: ["sha512", "sha256"])),
            .optional("max_pixels", .integer(description: "Máximo de ancho × alto aceptado para una página; las cabeceras mayores se rechazan antes de decodificar.", default: 300_000_000, minimum: 1)),
            .optional("max_file_bytes", .integer(description: "Tamaño máximo de archivo aceptado, en bytes.", default: 4_294_967_296, minimum: 1)),
            .optional("min_free_bytes", .integer(description: "Espacio libre que debe quedar en el disco del archivo tras un lote; un lote que lo rebasaría no se empieza.", default: 1_073_741_824, minimum: 0)),
            .optional("after_ingest", .string(description: "Qué pasa con los archivos de la bandeja una vez archivados con seguridad.", default: "delete", allowed: ["delete", "move", "keep"])),
            .optional("workers", .integer(description: "Páginas que se decodifican a la vez; 0 = una por núcleo del procesador.", default: 0, minimum: 0, maximum: 64)),
            .optional("strict_decoding", .boolean(description: "Poner en cuarentena las imágenes cuyo decodificador avisa de datos faltantes o corruptos (truncadas, sumas de verificación erróneas), no solo las que fallan del todo.", default: true)),
        ], description: "Cómo se toman los lotes de la bandeja.")),
        .optional("derivatives", .object([
            .optional("access_long_edge", .integer(description: "Lado largo de las copias de consulta, en píxeles.", default: 2000, minimum: 200, maximum: 10000)),
            .optional("access_quality", .integer(description: "Calidad JPEG de las copias de consulta.", default: 85, minimum: 30, maximum: 100)),
            .optional("thumbnail_long_edge", .integer(description: "Lado largo de las miniaturas (hechas a partir de la copia de consulta).", default: 400, minimum: 50, maximum: 2000)),
            .optional("thumbnail_quality", .integer(description: "Calidad JPEG de las miniaturas.", default: 80, minimum: 30, maximum: 100)),
            .optional("progressive", .boolean(description: "Escribir las copias de consulta como JPEG progresivo.", default: true)),
        ], description: "Copias de consulta y miniaturas para el sitio.")),
        .optional("text", .object([
            .optional("ocr", .string(description: "OCR de las páginas sin transcripción: auto (si Tesseract está instalado), always (siempre), never (nunca).", default: "auto", allowed: ["auto", "always", "never"])),
            .optional("tesseract", .string(description: "La orden de Tesseract.", default: "tesseract")),
            .optional("languages", .string(description: "Idiomas de Tesseract, por ejemplo spa o spa+eng.", default: "spa", pattern: "^[a-z_]+(\\+[a-z_]+)*$")),
            .optional("page_segmentation_mode", .integer(description: "Modo de segmentación de página de Tesseract (3 = automático).", default: 3, minimum: 0, maximum: 13)),
            .optional("timeout_seconds", .integer(description: "Tiempo máximo para el OCR de una página, en segundos.", default: 180, minimum: 5)),
            .optional("ocr_min_word_confidence", .integer(description: "Las palabras del OCR leídas con menos confianza (porcentaje) se guardan en el archivo pero no se indexan ni se muestran; 0 conserva todas.", default: 60, minimum: 0, maximum: 100)),
        ], description: "Texto completo: transcripciones, ALTO/hOCR y OCR.")),
        .optional("site", .object([
            .optional("title", .string(description: "Nombre del sitio.", default: "Memoria de Hidalgo")),
            .optional("tagline", .string(description: "Una línea bajo el título.", default: "Archivo digital de la Secretaría de Cultura del Estado de Hidalgo")),
            .optional("base_url", .string(description: "Dirección pública del sitio (para el mapa del sitio, los enlaces canónicos y IIIF); vacía: solo enlaces relativos.", default: "")),
            .optional("items_per_page", .integer(description: "Ítems por página en las páginas de fondos y de exploración.", default: 24, minimum: 6, maximum: 200)),
            .optional("about", .string(description: "Texto de la página «Acerca de» (párrafos separados por una línea en blanco).", default: "")),
        ], description: "El sitio público.")),
        .optional("stats", .object([
            .optional("log", .string(description: "Registro de acceso del servidor web del sitio (formato «combined»), p. ej. /var/log/nginx/access.log; sus rotaciones junto a él (access.log.1, access.log.2.gz) se leen también. Vacío: se da en la línea de órdenes.", default: "")),
            .optional("output", .string(description: "Carpeta del informe de estadísticas (HTML, CSV, JSON); vacía: estadisticas/ dentro de paths.reports.", default: "")),
            .optional("state", .string(description: "Archivo con las cifras de los días cerrados y hasta dónde se leyó cada archivo del registro; vacío: estado-de-lectura.json en la carpeta del informe.", default: "")),
            .optional("site_prefix", .string(description: "Ruta bajo la que el servidor sirve el sitio, p. ej. /memoria/; vacía: la ruta de site.base_url, o /.", default: "", pattern: "^(/.*)?$")),
            .optional("hosts", .stringList(description: "Nombres del sitio, para distinguir sus propias páginas de otros sitios en los enlaces de procedencia; se añade el de site.base_url.", default: [])),
        ], description: "Estadísticas de visitantes a partir del registro del servidor web (memoria estadisticas).")),
    ], description: "Configuración de una instalación de Memoria.")
}
