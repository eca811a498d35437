/// One unit of description of a classification chart (one row of cuadro.csv): its reference code, level,
/// parent and the ISAD(G) elements archivists fill most. Kept in the archive as JSON (`cuadro.json`).
public struct ArchivalUnit: Sendable, Codable, Equatable {
    /// ISAD(G) 3.1.1, e.g. `MX-HGO-SC-MMI-02-03`; unique in the fonds.
    public var code: String
    /// ISAD(G) 3.1.4.
    public var level: ArchivalLevel
    /// The code of the unit above; nil only for the fonds.
    public var parentCode: String?
    /// ISAD(G) 3.1.2.
    public var title: String
    /// ISAD(G) 3.1.3 in EDTF (normalised from the Spanish forms archivists write), and as written.
    public var date: String?
    public var dateWritten: String?
    /// ISAD(G) 3.1.5: volumen y soporte («3 cajas, 120 expedientes»).
    public var extent: String?
    /// ISAD(G) 3.2.1 productor; 3.2.2 historia institucional / reseña biográfica.
    public var creator: String?
    public var history: String?
    /// ISAD(G) 3.3.1 alcance y contenido.
    public var scopeContent: String?
    /// ISAD(G) 3.4.1 condiciones de acceso; 3.4.2 condiciones de reproducción; 3.4.3 lengua.
    public var accessConditions: String?
    public var reproductionConditions: String?
    public var language: String?
    /// ISAD(G) 3.6.1 notas.
    public var notes: String?
    /// The line of cuadro.csv it came from (for messages about this deposit; not compared).
    public var line: Int

    public init(code: String, level: ArchivalLevel, parentCode: String?, title: String, line: Int) {
        self.code = code
        self.level = level
        self.parentCode = parentCode
        self.title = title
        self.line = line
    }

    /// The descriptive fields, by column name, in the chart's column order (for diffs and pages).
    public var fields: [(column: String, value: String?)] {
        [("nivel", level.rawValue), ("padre", parentCode), ("titulo", title), ("fechas", date), ("volumen", extent),
         ("productor", creator), ("historia", history), ("alcance", scopeContent), ("acceso", accessConditions),
         ("reproduccion", reproductionConditions), ("lengua", language), ("notas", notes)]
    }

    /// Same description (the line it was written on does not count).
    public func sameDescription(as other: ArchivalUnit) -> Bool {
        var a = self, b = other
        a.line = 0; b.line = 0
        a.dateWritten = nil; b.dateWritten = nil
        return a == b
    }
}
