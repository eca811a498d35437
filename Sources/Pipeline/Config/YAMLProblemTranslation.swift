/// libyaml's problem sentences ("mapping values are not allowed in this context") said in Spanish,
/// with the usual cause. The original goes to the technical detail.
enum YAMLProblemTranslation {
    static func spanish(_ problem: String) -> String {
        let text = problem.lowercased()
        if text.contains("tab") { return "hay un tabulador; la sangría se hace con espacios" }
        if text.contains("mapping values are not allowed") {
            return "hay un «:» donde no se esperaba (¿falta el espacio después de los dos puntos, o comillas alrededor de un valor que contiene «:»?)"
        }
        if text.contains("cannot start any token") {
            return "un valor empieza con un carácter no permitido (como «@», «`» o «%»); póngalo entre comillas"
        }
        if text.contains("did not find expected key") || text.contains("did not find expected '-'") || text.contains("block end") {
            return "la sangría no corresponde con la de las líneas anteriores; revise los espacios al principio de la línea"
        }
        if text.contains("could not find expected ':'") { return "falta «:» después de una clave" }
        if text.contains("unexpected end of stream") || text.contains("found unexpected end") {
            return "el archivo termina a mitad de un valor (¿falta cerrar unas comillas?)"
        }
        if text.contains("quoted scalar") { return "unas comillas no se cierran" }
        if text.contains("alias") || text.contains("anchor") { return "usa un alias o ancla de YAML («&» o «*») que no está definido" }
        return "la estructura no se puede leer"
    }
}
