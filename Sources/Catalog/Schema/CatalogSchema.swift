import GRDB

/// The catalog's schema, as numbered migrations. Never edit a migration that has shipped: add one.
enum CatalogSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            try db.execute(sql: """
                CREATE TABLE fonds (
                    code TEXT PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE batches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fonds_slug TEXT NOT NULL,
                    name TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'aborted')),
                    agent TEXT NOT NULL DEFAULT '',
                    report_path TEXT
                );
                CREATE TABLE items (
                    id TEXT PRIMARY KEY,
                    fonds_code TEXT NOT NULL REFERENCES fonds(code),
                    head_version INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    title TEXT NOT NULL,
                    sort_title TEXT NOT NULL,
                    creators TEXT NOT NULL DEFAULT '[]',
                    subjects TEXT NOT NULL DEFAULT '[]',
                    date_text TEXT NOT NULL DEFAULT '',
                    date_start INTEGER,
                    date_end INTEGER,
                    dc_type TEXT NOT NULL DEFAULT '',
                    description TEXT NOT NULL DEFAULT '',
                    dublin_core TEXT NOT NULL,
                    page_count INTEGER NOT NULL,
                    batch_id INTEGER REFERENCES batches(id),
                    status TEXT NOT NULL DEFAULT 'archived' CHECK (status IN ('archived', 'withdrawn'))
                );
                CREATE INDEX items_by_fonds ON items(fonds_code, sort_title);
                CREATE INDEX items_by_date ON items(date_start);
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                    logical_path TEXT NOT NULL,
                    content_path TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('master', 'text', 'metadata')),
                    digest_algorithm TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    format_name TEXT NOT NULL DEFAULT '',
                    pronom_id TEXT,
                    mime_type TEXT NOT NULL DEFAULT '',
                    original_name TEXT NOT NULL DEFAULT '',
                    UNIQUE (item_id, logical_path)
                );
                CREATE INDEX files_by_digest ON files(digest);
                CREATE TABLE pages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                    sequence INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    master_path TEXT NOT NULL,
                    index_in_file INTEGER NOT NULL DEFAULT 0,
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    text_source TEXT,
                    text_path TEXT,
                    UNIQUE (item_id, sequence)
                );
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    identifier TEXT NOT NULL UNIQUE,
                    item_id TEXT NOT NULL,
                    object_path TEXT,
                    type TEXT NOT NULL,
                    date_time TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'warning')),
                    detail TEXT NOT NULL DEFAULT '',
                    outcome_detail TEXT NOT NULL DEFAULT '',
                    agents TEXT NOT NULL DEFAULT '[]'
                );
                CREATE INDEX events_by_item ON events(item_id, date_time);
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    batch_id INTEGER REFERENCES batches(id),
                    item_id TEXT,
                    original_path TEXT NOT NULL,
                    quarantine_path TEXT NOT NULL,
                    reason_code TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    digest TEXT,
                    at TEXT NOT NULL
                );
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
            // Full text: one row per page (rowid = pages.id) with the item's descriptive fields, so a query
            // can match "michelena carta" across creator and body. The memoria tokenizer folds case and
            // accents but keeps ñ; prefix indexes of 2 and 3 characters keep "mich*" fast.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE search_fts USING fts5(
                    title, creator, subject, description, fonds, date, body,
                    tokenize = 'memoria', prefix = '2 3', detail = full
                );
                INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 2.0, 1.0, 1.0, 1.0)');
                """)
        }
        // v2: prefix index of 3 characters only. The 2-character index cost a sixth of the time of
        // indexing a page and served only two-letter prefix queries, which match most of the archive
        // anyway (they still work, by scanning terms). FTS5 cannot drop an index: the table is rebuilt.
        migrator.registerMigration("v2-search-prefix-3") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE search_fts_new USING fts5(
                    title, creator, subject, description, fonds, date, body,
                    tokenize = 'memoria', prefix = '3', detail = full
                );
                INSERT INTO search_fts_new (search_fts_new, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 2.0, 1.0, 1.0, 1.0)');
                INSERT INTO search_fts_new (rowid, title, creator, subject, description, fonds, date, body)
                    SELECT rowid, title, creator, subject, description, fonds, date, body FROM search_fts;
                DROP TABLE search_fts;
                ALTER TABLE search_fts_new RENAME TO search_fts;
                """)
        }
        // v3: a held batch is its own state (it was stored as "aborted"), and a quarantined file can be
        // resolved: its item archived later, or the file returned to the inbox by `memoria reintentar`.
        migrator.registerMigration("v3-held-batches-resolved-quarantine") { db in
            try db.execute(sql: """
                CREATE TABLE batches_new (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fonds_slug TEXT NOT NULL,
                    name TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'held', 'aborted')),
                    agent TEXT NOT NULL DEFAULT '',
                    report_path TEXT
                );
                INSERT INTO batches_new SELECT id, fonds_slug, name, started_at, finished_at, status, agent, report_path FROM batches;
                DROP TABLE batches;
                ALTER TABLE batches_new RENAME TO batches;
                ALTER TABLE quarantine ADD COLUMN resolved_at TEXT;
                ALTER TABLE quarantine ADD COLUMN resolution TEXT;
                CREATE INDEX quarantine_by_item ON quarantine(item_id);
                """)
        }
        // v4: access decisions (kept in the archive as metadata/access.json; indexed here for the site and
        // search), and items missing from the archive kept as such instead of dropped.
        migrator.registerMigration("v4-access") { db in
            try db.execute(sql: """
                ALTER TABLE items ADD COLUMN access TEXT NOT NULL DEFAULT 'publico';
                ALTER TABLE items ADD COLUMN access_until TEXT;
                ALTER TABLE items ADD COLUMN access_reason TEXT;
                ALTER TABLE items ADD COLUMN access_hide_title INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE items ADD COLUMN access_at TEXT;
                ALTER TABLE items ADD COLUMN access_json TEXT;
                ALTER TABLE items ADD COLUMN missing_since TEXT;
                """)
        }
        // v5: the fonds' classification charts (kept in the archive as <CODE>.cuadro objects) and the
        // unit each item belongs to (its METS logical structMap).
        migrator.registerMigration("v5-cuadro") { db in
            try db.execute(sql: """
                CREATE TABLE charts (
                    fonds_code TEXT PRIMARY KEY,
                    version INTEGER NOT NULL,
                    updated_at TEXT NOT NULL,
                    chart_json TEXT NOT NULL
                );
                CREATE TABLE units (
                    fonds_code TEXT NOT NULL REFERENCES charts(fonds_code) ON DELETE CASCADE,
                    code TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    parent_code TEXT,
                    level TEXT NOT NULL,
                    title TEXT NOT NULL,
                    date TEXT,
                    PRIMARY KEY (fonds_code, code)
                );
                CREATE TABLE item_units (
                    item_id TEXT PRIMARY KEY,
                    fonds_code TEXT NOT NULL,
                    unit_code TEXT NOT NULL
                );
                CREATE INDEX item_units_by_unit ON item_units(fonds_code, unit_code);
                """)
        }
        // v5 (search for Spanish speakers): the tokenizer now adds each word's Snowball Spanish stem, so
        // every page is tokenized again; a new last column holds the item's identifier ("BSH-0001" is
        // searchable as written), weighted like the title; a vocabulary view of the index feeds the
        // "¿Quiso decir …?" suggestions.
        migrator.registerMigration("v5-busqueda") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE search_fts_new USING fts5(
                    title, creator, subject, description, fonds, date, body, identifier,
                    tokenize = 'memoria', prefix = '3', detail = full
                );
                INSERT INTO search_fts_new (search_fts_new, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 2.0, 1.0, 1.0, 1.0, 10.0)');
                INSERT INTO search_fts_new (rowid, title, creator, subject, description, fonds, date, body, identifier)
                    SELECT f.rowid, f.title, f.creator, f.subject, f.description, f.fonds, f.date, f.body, COALESCE(p.item_id, '')
                    FROM search_fts f LEFT JOIN pages p ON p.id = f.rowid;
                DROP TABLE search_fts;
                ALTER TABLE search_fts_new RENAME TO search_fts;
                CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab(search_fts, row);
                """)
        }
        // v6: the index holds folded words only; which words share a stem goes to a table of its own
        // (search_forms, see SearchForms), filled by the tokenizer as it indexes. Every page is
        // tokenized again, without the stem terms of v5 (bench/README.md, "Branch formas").
        migrator.registerMigration("v6-formas") { db in
            try db.execute(sql: """
                CREATE TABLE search_forms (
                    stem TEXT NOT NULL,
                    word TEXT NOT NULL,
                    PRIMARY KEY (stem, word)
                ) WITHOUT ROWID;
                CREATE VIRTUAL TABLE search_fts_new USING fts5(
                    title, creator, subject, description, fonds, date, body, identifier,
                    tokenize = 'memoria', prefix = '3', detail = full
                );
                INSERT INTO search_fts_new (search_fts_new, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 2.0, 1.0, 1.0, 1.0, 10.0)');
                """)
            // In groups of pages, so that the tokenizer's memory of the words it met stays bounded.
            let last = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM search_fts") ?? 0
            var from: Int64 = 0
            while from <= last {
                try SearchForms.reset(db)
                try db.execute(sql: """
                    INSERT INTO search_fts_new (rowid, title, creator, subject, description, fonds, date, body, identifier)
                        SELECT rowid, title, creator, subject, description, fonds, date, body, identifier FROM search_fts
                        WHERE rowid >= ? AND rowid < ?
                    """, arguments: [from, from + 10_000])
                try SearchForms.store(db)
                from += 10_000
            }
            try db.execute(sql: """
                DROP TABLE search_fts;
                ALTER TABLE search_fts_new RENAME TO search_fts;
                INSERT INTO search_fts (search_fts) VALUES ('optimize');
                """)
        }
        // v7 (a start proportional to what changed): the stat of each object's root inventory.json
        // when the catalog last read it, so that an ingest re-reads only inventories replaced since.
        migrator.registerMigration("v7-inventory-stamps") { db in
            try db.execute(sql: """
                CREATE TABLE inventory_stamps (
                    object_id TEXT PRIMARY KEY,
                    inode INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    changed_ns INTEGER NOT NULL,
                    modified_ns INTEGER NOT NULL,
                    head_version INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        // v8: a counter of the changes to what the public site is made of (fonds, items, files, pages,
        // the classification charts and the items' places in them), kept by triggers, and a token
        // drawn when the catalog is created: a publish compares both with what it last published
        // (CatalogDatabase.siteInputStamp) and, when nothing changed, reads nothing else. A later
        // migration that rebuilds one of these tables must create its three triggers again.
        migrator.registerMigration("v8-cambios-del-sitio") { db in
            try db.execute(sql: """
                CREATE TABLE site_changes (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    token TEXT NOT NULL,
                    counter INTEGER NOT NULL
                );
                INSERT INTO site_changes (id, token, counter) VALUES (1, lower(hex(randomblob(8))), 0);
                """)
            for table in CatalogSchema.siteTables {
                for operation in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER site_changes_\(table)_\(operation.lowercased()) AFTER \(operation) ON \(table)
                        BEGIN UPDATE site_changes SET counter = counter + 1 WHERE id = 1; END
                        """)
                }
            }
        }
        // v9: the items' descriptive fields (title, creator, subject, description) in an index of their
        // own, one row per page (rowid the page's) and no page text, so that the pages whose
        // description matches are found and ranked by reading title words only, not the positions of
        // every page's text (bench/README.md, "Branch buscar4"). Written wherever search_fts is.
        migrator.registerMigration("v9-descripciones") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE search_description_fts USING fts5(
                    title, creator, subject, description,
                    tokenize = 'memoria', prefix = '3', detail = full
                );
                """)
            try SearchForms.reset(db)
            try db.execute(sql: """
                INSERT INTO search_description_fts (rowid, title, creator, subject, description)
                    SELECT rowid, title, creator, subject, description FROM search_fts;
                INSERT INTO search_description_fts (search_description_fts) VALUES ('optimize');
                """)
            try SearchForms.store(db)
        }
        // v10: what `memoria status`, a start's look at the archive, verify and the dashboard it
        // rewrites count or list, answered from small indexes instead of a pass over every item's row
        // (at 100,000 items the items table is ~100 MB, and status read it four times): counts by
        // state, fonds and access; the items the archive lost; every item's head version; growth by
        // fonds and month with each item's bytes; the bytes of every file; the masters by format.
        migrator.registerMigration("v10-recuentos") { db in
            try db.execute(sql: """
                CREATE INDEX items_by_status ON items(status, fonds_code, access);
                CREATE INDEX items_missing ON items(id) WHERE missing_since IS NOT NULL;
                CREATE INDEX items_heads ON items(id, head_version);
                CREATE INDEX items_growth ON items(status, fonds_code, created_at, page_count, id);
                CREATE INDEX files_item_sizes ON files(item_id, size);
                CREATE INDEX files_formats ON files(role, format_name, pronom_id, mime_type, size);
                """)
        }
        // v11: the index of the descriptive fields reads its text from search_fts (external content,
        // the same title, creator, subject and description columns of the same rowid) instead of
        // keeping a copy, and keeps no row sizes of its own (columnsize = 0: memoria_bm25_described
        // takes the page's sizes from search_fts_docsize). What it finds and scores is unchanged;
        // what a rebuild writes for it is its index only (bench/README.md, "Branch indice2"). Its
        // rows are deleted before search_fts's (FTS5 reads the old text there to delete them). (FTS5's
        // 'rebuild' fails on a table whose content is another FTS5 table: the rows are inserted.)
        migrator.registerMigration("v11-descripciones-externas") { db in
            try db.execute(sql: """
                DROP TABLE search_description_fts;
                CREATE VIRTUAL TABLE search_description_fts USING fts5(
                    title, creator, subject, description,
                    tokenize = 'memoria', prefix = '3', detail = full,
                    content = 'search_fts', columnsize = 0
                );
                """)
            try SearchForms.reset(db)
            try db.execute(sql: """
                INSERT INTO search_description_fts (rowid, title, creator, subject, description)
                    SELECT rowid, title, creator, subject, description FROM search_fts;
                INSERT INTO search_description_fts (search_description_fts) VALUES ('optimize');
                """)
            try SearchForms.store(db)
        }
        return migrator
    }

    /// The tables the public site is made of (see "v8-cambios-del-sitio").
    static let siteTables = ["fonds", "items", "files", "pages", "charts", "units", "item_units"]
}
