import Foundation

/// The classification chart of the Margarita Michelena fonds the chart and publish tests deposit:
/// a fonds, two sections, a series and a file, as an archivist's `cuadro.csv`.
enum ChartFixture {
    static let margaritaMichelena = """
        codigo;nivel;padre;titulo;fechas;volumen;productor;alcance
        MX-MMI;fondo;;Margarita Michelena;1920-1990;12 cajas;Margarita Michelena;Papeles personales
        MX-MMI-01;seccion;MX-MMI;Correspondencia;;;;
        MX-MMI-01-01;serie;MX-MMI-01;Cartas recibidas;1950-1960;2 cajas;;Cartas de escritores
        MX-MMI-01-01-E1;expediente;MX-MMI-01-01;Cartas de Efrén Hernández;1954;1 expediente;;
        MX-MMI-02;seccion;MX-MMI;Obra literaria;;;;

        """

    /// Writes `text` as `name` in `folder`, creating the folder.
    static func write(_ text: String, _ name: String, in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
