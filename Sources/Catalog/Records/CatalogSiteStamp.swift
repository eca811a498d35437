import GRDB

extension CatalogDatabase {
    /// What the public site is made of, as of now, in a few bytes: the catalog's own token (a catalog
    /// created anew has another) and the count of changes the triggers of migration v8 have seen in
    /// fonds, items, files, pages, charts, units and item places. Equal stamps mean none of those
    /// rows changed in between; a publish compares it with the stamp of the site it last wrote.
    public func siteInputStamp() throws -> String {
        try read { db in try Self.siteInputStamp(db) }
    }

    /// The stamp inside a transaction already open.
    static func siteInputStamp(_ db: Database) throws -> String {
        guard let row = try Row.fetchOne(db, sql: "SELECT token, counter FROM site_changes WHERE id = 1") else { return "" }
        let token: String = row["token"]
        let counter: Int64 = row["counter"]
        return "\(token):\(counter)"
    }
}
