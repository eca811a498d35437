/// The sample inbox bundled in Fixtures/sample-inbox: two batches for the Banda Sinfónica and one for
/// each other fonds, in every encoding and arrangement a real inbox shows (see README).
public enum SampleInboxPlan {
    static let rights = "Secretaría de Cultura del Estado de Hidalgo. Uso libre con fines educativos y de investigación, citando la fuente."

    public static func make() -> InboxPlan {
        var plan = batches()
        // Two fonds bring their classification chart (three levels below the fonds) and place their items in it.
        let units = ["BSH-0001": "MX-HGO-SC-BSH-01-01-001", "BSH-0002": "MX-HGO-SC-BSH-01-01", "BSH-0003": "MX-HGO-SC-BSH-02-01",
                     "BSH-0004": "MX-HGO-SC-BSH-02-02", "BSH-0005": "MX-HGO-SC-BSH-01-01",
                     "MMI-0001": "MX-HGO-SC-MMI-01-01-001", "MMI-0002": "MX-HGO-SC-MMI-02-01"]
        for b in plan.batches.indices {
            for i in plan.batches[b].items.indices {
                if let unit = units[plan.batches[b].items[i].id] { plan.batches[b].items[i].row.append(("memoria.unidad", unit)) }
            }
            switch "\(plan.batches[b].fonds)/\(plan.batches[b].name)" {
            case "banda-sinfonica/2024-03-partituras": plan.batches[b].chart = bandChart
            case "margarita-michelena/2024-04-cartas": plan.batches[b].chart = michelenaChart
            default: break
            }
        }
        return plan
    }

    static func unit(_ code: String, _ level: String, _ parent: String, _ title: String, _ dates: String = "", _ extent: String = "",
                     _ creator: String = "", _ history: String = "", _ scope: String = "", _ access: String = "") -> [(String, String)] {
        [("codigo", code), ("nivel", level), ("padre", parent), ("titulo", title), ("fechas", dates), ("volumen", extent),
         ("productor", creator), ("historia", history), ("alcance", scope), ("acceso", access)]
    }

    static let bandChart: [[(String, String)]] = [
        unit("MX-HGO-SC-BSH", "fondo", "", "Banda Sinfónica del Estado de Hidalgo", "1948-1975", "3 cajas", "Banda Sinfónica del Estado de Hidalgo",
             "Agrupación musical del gobierno del estado, fundada en Pachuca.", "Partituras, programas de mano y avisos de conciertos.", "Libre"),
        unit("MX-HGO-SC-BSH-01", "sección", "MX-HGO-SC-BSH", "Música"),
        unit("MX-HGO-SC-BSH-01-01", "serie", "MX-HGO-SC-BSH-01", "Partituras", "1950-1960", "2 cajas"),
        unit("MX-HGO-SC-BSH-01-01-001", "expediente", "MX-HGO-SC-BSH-01-01", "Marchas", "1954", "1 expediente"),
        unit("MX-HGO-SC-BSH-02", "sección", "MX-HGO-SC-BSH", "Difusión"),
        unit("MX-HGO-SC-BSH-02-01", "serie", "MX-HGO-SC-BSH-02", "Programas de mano", "ca. 1950"),
        unit("MX-HGO-SC-BSH-02-02", "serie", "MX-HGO-SC-BSH-02", "Avisos y carteles", "1948-1952"),
    ]

    static let michelenaChart: [[(String, String)]] = [
        unit("MX-HGO-SC-MMI", "fondo", "", "Margarita Michelena", "1950-1960", "1 caja", "Michelena, Margarita",
             "Poeta y periodista hidalguense (Pachuca, 1917 – Ciudad de México, 1998).", "Correspondencia y borradores de poemas.", "Libre"),
        unit("MX-HGO-SC-MMI-01", "sección", "MX-HGO-SC-MMI", "Correspondencia"),
        unit("MX-HGO-SC-MMI-01-01", "serie", "MX-HGO-SC-MMI-01", "Correspondencia 1950-1960", "1950-1960"),
        unit("MX-HGO-SC-MMI-01-01-001", "expediente", "MX-HGO-SC-MMI-01-01", "Cartas sobre la antología", "1954"),
        unit("MX-HGO-SC-MMI-02", "sección", "MX-HGO-SC-MMI", "Obra literaria"),
        unit("MX-HGO-SC-MMI-02-01", "serie", "MX-HGO-SC-MMI-02", "Poesía", "1955-1958"),
    ]

    static func batches() -> InboxPlan {
        typealias P = InboxPlan.Page
        let letters = SpanishText.letters, notices = SpanishText.notices, descriptions = SpanishText.descriptions
        return InboxPlan(batches: [
            .init(fonds: "banda-sinfonica", name: "2024-03-partituras", csv: .utf8BOMComma, items: [
                .init(id: "BSH-0001", folder: true, pages: [
                    P(name: "0001", kind: .score, format: .tiffRGB(.lzw), width: 600, height: 790,
                      title: "Marcha «Pachuca» — Partitura general", body: "", sidecar: .plainUTF8,
                      sidecarOverride: "Marcha «Pachuca». Partitura general para banda sinfónica. Arreglo del maestro director, año de 1954."),
                    P(name: "0002", kind: .score, format: .tiffRGB(.lzw), width: 600, height: 790,
                      title: "Marcha «Pachuca» — Clarinetes", body: "", sidecar: nil),
                    P(name: "0003", kind: .score, format: .tiffRGB(.uncompressed), width: 380, height: 500,
                      title: "Marcha «Pachuca» — Trompetas", body: "", sidecar: nil),
                ], row: [("identifier", "BSH-0001"), ("dc.title", "Marcha «Pachuca»: partitura general y particellas"),
                         ("dc.creator", "Banda Sinfónica del Estado de Hidalgo"), ("dc.date", "1954"),
                         ("dc.type", "Text"), ("dc.subject", "Marchas (Música)|Música para banda"),
                         ("dc.description", descriptions[0]), ("dc.rights", rights), ("dc.language", "spa")]),
                .init(id: "BSH-0002", folder: true, pages: [
                    P(name: "Canción de mayo 1", kind: .score, format: .tiffBitonalG4, width: 900, height: 1200,
                      title: "Canción de mayo", body: "", sidecar: nil),
                    P(name: "Canción de mayo 2", kind: .score, format: .tiffBitonalG4, width: 900, height: 1200,
                      title: "Canción de mayo (continuación)", body: "", sidecar: nil),
                    P(name: "Canción de mayo 10", kind: .letter, format: .tiffBitonalG4, width: 900, height: 1200,
                      title: "Notas del arreglista", body: letters[2], sidecar: .plainUTF8),
                ], row: [("identifier", "BSH-0002"), ("dc.title", "Canción de mayo"), ("dc.creator", "Anónimo"),
                         ("dc.date", "195X"), ("dc.type", "Text"), ("dc.subject", "Canciones|Música para banda"),
                         ("dc.description", "Arreglo para banda; la última hoja contiene notas del arreglista."),
                         ("dc.rights", rights)]),
                .init(id: "BSH-0003", folder: false, pages: [
                    P(name: "BSH-0003", kind: .poster, format: .jpeg(quality: 88, exifOrientation: 6), width: 700, height: 950,
                      title: "Programa de concierto", body: notices[0], sidecar: nil),
                ], row: [("identifier", "BSH-0003"), ("dc.title", "Programa del concierto de primavera"),
                         ("dc.creator", "Banda Sinfónica del Estado de Hidalgo"), ("dc.date", "1950~"),
                         ("dc.type", "Text"), ("dc.subject", "Conciertos|Programas de mano"),
                         ("dc.description", "Programa impreso; la fotografía del original se tomó girada y la cámara anotó la orientación."),
                         ("dc.rights", rights)]),
            ], badFiles: [], readyMarker: true),
            .init(fonds: "banda-sinfonica", name: "2024-05-programas", csv: .utf8BOMComma, items: [
                .init(id: "BSH-0004", folder: false, pages: [
                    P(name: "BSH-0004", kind: .letter, format: .png(gray: true), width: 1240, height: 1754,
                      title: "Aviso de concierto", body: notices[0] + " " + letters[2], sidecar: nil),
                ], row: [("identifier", "BSH-0004"), ("dc.title", "Aviso del gran concierto en el jardín"),
                         ("dc.creator", "Secretaría de Educación Pública del Estado"), ("dc.date", "1948/1952"),
                         ("dc.type", "Text"), ("dc.subject", "Conciertos"), ("dc.rights", rights)]),
                .init(id: "BSH-0005", folder: true, pages: [
                    P(name: "1", kind: .score, format: .tiffGray(.uncompressed), width: 480, height: 640,
                      title: "Pasodoble — Saxofones", body: "", sidecar: nil),
                    P(name: "2", kind: .score, format: .tiffGray(.packBits), width: 480, height: 640,
                      title: "Pasodoble — Bajos", body: "", sidecar: nil),
                ], row: [("identifier", "BSH-0005"), ("dc.title", "Pasodoble «Real del Monte»"), ("dc.creator", "Anónimo"),
                         ("dc.date", "1960-05"), ("dc.type", "Text"), ("dc.subject", "Pasodobles"), ("dc.rights", rights)]),
            ], badFiles: [], readyMarker: true),
            .init(fonds: "margarita-michelena", name: "2024-04-cartas", csv: .windows1252Semicolon, items: [
                .init(id: "MMI-0001", folder: true, pages: [
                    P(name: "01", kind: .letter, format: .tiffGray16(.lzw), width: 560, height: 720,
                      title: "Carta a una amiga", body: letters[0], sidecar: .plainWindows1252),
                    P(name: "02", kind: .letter, format: .tiffGray16(.deflate), width: 560, height: 720,
                      title: "(continuación)", body: letters[1], sidecar: .plainUTF8),
                ], row: [("identifier", "MMI-0001"), ("dc.title", "Carta sobre la antología de poemas"),
                         ("dc.creator", "Michelena, Margarita"), ("dc.date", "1954-03-14"), ("dc.type", "Text"),
                         ("dc.subject", "Correspondencia"), ("dc.subject", "Poesía mexicana"),
                         ("dc.description", "Carta en dos hojas; menciona la revista, la imprenta y el año de lluvias."),
                         ("dc.rights", rights)]),
                .init(id: "MMI-0002", folder: false, pages: [
                    P(name: "MMI-0002", kind: .letter, format: .png(gray: false), width: 700, height: 930,
                      title: "Poema inédito", body: letters[1], sidecar: nil),
                ], row: [("identifier", "MMI-0002"), ("dc.title", "¿Poema inédito? Borrador con correcciones"),
                         ("dc.creator", "Michelena, Margarita"), ("dc.date", "1955?"), ("dc.type", "Text"),
                         ("dc.subject", "Poesía mexicana"), ("dc.description", "=HIPERVINCULO(\"http://ejemplo.invalid\";\"ver\")"),
                         ("dc.rights", rights)]),
            ], badFiles: [
                (.truncatedTIFF(name: "MMI-0003.tif"), [("identifier", "MMI-0003"), ("dc.title", "Carta incompleta"),
                                                        ("dc.creator", "Michelena, Margarita"), ("dc.date", "1956")]),
                (.jpegNamedTIF(name: "MMI-0004.tif"), [("identifier", "MMI-0004"), ("dc.title", "Tarjeta postal"),
                                                       ("dc.creator", "Michelena, Margarita"), ("dc.date", "1957")]),
                (.empty(name: "MMI-0005.tif"), [("identifier", "MMI-0005"), ("dc.title", "Hoja vacía"),
                                                ("dc.creator", "Michelena, Margarita"), ("dc.date", "1958")]),
            ], readyMarker: true),
            .init(fonds: "guillermo-villasana", name: "2024-06-dibujos", csv: .utf8BOMComma, items: [
                .init(id: "GVI-0001", folder: true, pages: [
                    P(name: "a", kind: .photograph, format: .jpeg(quality: 90), width: 800, height: 600,
                      title: "Dibujo de la feria", body: "", sidecar: nil),
                    P(name: "b", kind: .photograph, format: .jpeg(quality: 90, gray: true), width: 600, height: 800,
                      title: "Dibujo del kiosco", body: "", sidecar: nil),
                ], row: [("identifier", "GVI-0001"), ("dc.title", "Dibujos de la feria de Pachuca"),
                         ("dc.creator", "Villasana, Guillermo"), ("dc.date", "1962"), ("dc.type", "StillImage"),
                         ("dc.subject", "Dibujos|Ferias"), ("dc.description", descriptions[4]), ("dc.rights", rights)]),
                .init(id: "GVI-0002", folder: false, pages: [
                    P(name: "GVI-0002", kind: .photograph, format: .tiffRGB(.lzw, tiled: true), width: 640, height: 480,
                      title: "Vista de Real del Monte", body: "", sidecar: nil),
                ], row: [("identifier", "GVI-0002"), ("dc.title", "Vista de Real del Monte"),
                         ("dc.creator", "Villasana, Guillermo"), ("dc.date", "1962-07"), ("dc.type", "StillImage"),
                         ("dc.subject", "Paisajes"), ("dc.rights", rights)]),
                .init(id: "GVI-0003", folder: false, pages: [
                    P(name: "GVI-0003", kind: .letter, format: .tiffMultiPage(pages: 2), width: 600, height: 800,
                      title: "Cuaderno de apuntes", body: letters[1], sidecar: nil),
                ], row: [("identifier", "GVI-0003"), ("dc.title", "Cuaderno de apuntes (TIFF de varias páginas)"),
                         ("dc.creator", "Villasana, Guillermo"), ("dc.date", "1963"), ("dc.type", "Text"),
                         ("dc.subject", "Apuntes"), ("dc.rights", rights)]),
            ], badFiles: [], readyMarker: true),
            .init(fonds: "maguey-blanco", name: "2024-07-haciendas", csv: .utf8BOMComma, items: [
                .init(id: "MBL-0001", folder: false, pages: [
                    P(name: "MBL-0001", kind: .photograph, format: .jpeg(quality: 85), width: 900, height: 640,
                      title: "Hacienda pulquera", body: "", sidecar: nil),
                ], row: [("identifier", "MBL-0001"), ("dc.title", "Hacienda pulquera en los llanos de Apan"),
                         ("dc.creator", "Fotógrafo no identificado"), ("dc.date", "1930/1940"), ("dc.type", "StillImage"),
                         ("dc.subject", "Haciendas|Pulque|Maguey"), ("dc.description", descriptions[3]),
                         ("dcterms.spatial", "Apan, Hidalgo"), ("dc.rights", rights)]),
                .init(id: "MBL-0002", folder: true, pages: [
                    P(name: "0001", kind: .letter, format: .png(gray: true), width: 850, height: 1100,
                      title: "Aviso de la feria", body: notices[1], sidecar: .alto),
                    P(name: "0002", kind: .letter, format: .png(gray: true), width: 850, height: 1100,
                      title: "Cuentas del tinacal", body: SpanishText.descriptions[3] + " " + notices[1], sidecar: .hocr),
                ], row: [("identifier", "MBL-0002"), ("dc.title", "Aviso de la feria del maguey y cuentas del tinacal"),
                         ("dc.creator", "Asociación de Productores de Pulque"), ("dc.date", "1938-10"), ("dc.type", "Text"),
                         ("dc.subject", "Pulque|Ferias"), ("dc.rights", rights)]),
            ], badFiles: [], readyMarker: true),
            .init(fonds: "jose-hernandez-delgadillo", name: "2024-08-carteles", csv: .utf8BOMComma, items: [
                .init(id: "JHD-0001", folder: true, pages: [
                    P(name: "frente", kind: .poster, format: .tiffRGB(.lzw), width: 560, height: 780,
                      title: "Exposición de grabados", body: notices[2], sidecar: .plainUTF8),
                    P(name: "reverso", kind: .photograph, format: .tiffRGB(.deflate), width: 560, height: 780,
                      title: "Boceto", body: "", sidecar: nil),
                ], row: [("identifier", "JHD-0001"), ("dc.title", "Cartel de la exposición de grabados"),
                         ("dc.creator", "Hernández Delgadillo, José"), ("dc.date", "1972"), ("dc.type", "StillImage"),
                         ("dc.subject", "Carteles|Grabados"), ("dc.description", descriptions[2]), ("dc.rights", rights)]),
                .init(id: "JHD-0002", folder: false, pages: [
                    P(name: "JHD-0002", kind: .letter, format: .png(gray: true), width: 700, height: 900,
                      title: "Hoja de prueba", body: descriptions[4], sidecar: .plainUTF8,
                      sidecarOverride: "Transcripción con <script>alert('xss')</script> y </textarea><img src=x onerror=alert(1)> y javascript:alert(1) como texto literal."),
                ], row: [("identifier", "JHD-0002"), ("dc.title", "<script>alert(\"xss\")</script> Boceto \"onmouseover=alert(1) x=\""),
                         ("dc.creator", "Hernández Delgadillo, José"), ("dc.date", "1975"), ("dc.type", "StillImage"),
                         ("dc.subject", "Pruebas de seguridad"),
                         ("dc.description", "Enlace javascript:alert(document.cookie) y </textarea> y & < > \" ' para comprobar el escape."),
                         ("dc.source", "javascript:alert(1)"), ("dc.rights", rights)]),
            ], badFiles: [], readyMarker: true),
        ])
    }
}
