/// Spanish text for fixtures and benchmark corpora, written for this project: letters, programmes,
/// notices and descriptions in the register of a state archive, with the accents, ñ, ¿ and ¡ that
/// the search index must handle. The sentence builder combines our own word lists.
public enum SpanishText {
    public static let letters = [
        "Pachuca, a 14 de marzo de 1954. Querida amiga: recibí su carta y los poemas que me envió desde la capital. ¿Cuándo podremos vernos para hablar con calma de la revista? Aquí el año empezó con lluvias y el señor director de la banda prepara el concierto de la primavera.",
        "Le escribo con prisa porque mañana sale el correo. La imprenta pide que corrijamos las pruebas antes del lunes; yo revisé la ortografía de los versos y marqué en rojo las dudas. ¡Qué alegría saber que la antología saldrá este otoño!",
        "Estimado maestro: por acuerdo del comité le comunico que el programa de la función del día dieciséis incluirá la marcha, el pasodoble y la obertura que usted arregló para instrumentos de viento. Le ruego confirmar el número de músicos.",
    ]

    public static let notices = [
        "Gran concierto en el jardín de la Constitución. La Banda Sinfónica del Estado interpretará obras de compositores hidalguenses. Entrada libre. Se suplica puntualidad.",
        "Aviso a los productores de pulque de los llanos de Apan: la feria del maguey se celebrará del primero al cinco de octubre, con concurso de tinacales y exposición de herramientas.",
        "Exposición de grabados y dibujos en la Casa de la Cultura. Carteles, bocetos para murales y estampas de la vida en el campo. Abierta de martes a domingo.",
    ]

    public static let descriptions = [
        "Partitura manuscrita a tinta sobre papel pautado, con anotaciones a lápiz del director y sellos del archivo de la banda.",
        "Carta mecanografiada con firma autógrafa y correcciones a mano; el papel muestra manchas de humedad en el margen inferior.",
        "Cartel impreso en dos tintas para una exposición; el borde izquierdo tiene una rasgadura restaurada con papel japonés.",
        "Fotografía de una hacienda pulquera con los tinacales al fondo y trabajadores junto a las pencas de maguey.",
        "Boceto a lápiz para un mural, con cuadrícula de ampliación y notas sobre el color.",
    ]

    private static let subjects = ["el archivo", "la banda", "el maestro", "la poeta", "el comité", "la imprenta",
                                   "el pintor", "la hacienda", "el músico", "la señora directora", "el niño", "la compañía"]
    private static let verbs = ["conserva", "recibió", "envía", "prepara", "describe", "corrige", "interpreta",
                                "dibuja", "organiza", "recuerda", "guardó", "anunció"]
    private static let objects = ["las partituras del concierto", "una carta para el año próximo", "los poemas inéditos",
                                  "el cartel de la exposición", "las cuentas del tinacal", "la canción de mayo",
                                  "un boceto del mural", "las fotografías de la feria", "la marcha de Pachuca",
                                  "el programa de la función", "los versos corregidos", "la historia del maguey",
                                  "el álbum de la familia", "las estampas del campo", "el año de la inauguración"]
    private static let places = ["en Pachuca", "en Real del Monte", "en Tulancingo", "en los llanos de Apan",
                                 "en la capital", "junto al kiosco", "en la biblioteca", "en el teatro Bartolomé de Medina",
                                 "en Actopan", "en Huasca", "en la escuela de música", "en Ixmiquilpan"]
    private static let times = ["durante la primavera", "al caer la tarde", "cada domingo", "en diciembre",
                                "después de la función", "antes del amanecer", "en el otoño de aquel año", "por la mañana"]
    private static let openers = ["", "", "", "¿Quién diría que ", "¡Por fin ", "Según el inventario, ", "Como se acordó, "]

    /// One sentence built from the word lists.
    public static func sentence(_ random: inout SeededRandom) -> String {
        let opener = random.pick(openers)
        var body = "\(random.pick(subjects)) \(random.pick(verbs)) \(random.pick(objects)) \(random.pick(places)) \(random.pick(times))"
        if opener.isEmpty { body = body.prefix(1).uppercased() + body.dropFirst() }
        let closing = opener.hasPrefix("¿") ? "?" : (opener.hasPrefix("¡") ? "!" : ".")
        return opener + body + closing
    }

    /// A paragraph of roughly `characters` characters.
    public static func paragraph(_ random: inout SeededRandom, characters: Int) -> String {
        var text = ""
        while text.count < characters {
            text += (text.isEmpty ? "" : " ") + sentence(&random)
        }
        return text
    }

    /// Words of `text` wrapped into lines no wider than `width` pixels.
    public static func wrap(_ text: String, width: Int, font: FontRasterizer) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if font.width(of: candidate) > width && !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
