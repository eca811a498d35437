// bench/fts-parts.sh's catalog loader: the statements of the catalog's rebuild (CatalogDatabase.
// replaceAllItems, as `memoria-bench fts-build` runs it on the same TSV), issued from C on a copy of
// an empty catalog made by the catalog's own migrations, so that each part can be left out and timed:
//   catalog_load TEMPLATE DB TSV SKIP  -> prints the load's seconds
// TEMPLATE is an empty catalog (`memoria-bench fts-build` of an empty TSV), copied to DB first.
// SKIP is "-" or letters, each a part left out:
//   d  the four DELETEs per item before its rows (the earlier state of a re-stored item)
//   i  the items row (upsert, ON CONFLICT as the catalog writes it)
//   p  the pages row (and then rowids from 1)
//   t  the change-counter triggers (v8), dropped before the load
//   x  the items', files' and pages' secondary indexes (v1, v10), dropped before the load
//   k  foreign keys off (the catalog opens its connections with them on)
//   s  the descriptive fields' index (search_description_fts, v9)
//   f  the table of forms (search_forms)
//   o  the closing 'optimize' of both full-text tables
//   m  the items and pages rows as multi-row INSERTs of 100 items (instead of one statement each)
//   e  (not a part left out) the descriptive fields' index made external-content (its text read from
//      search_fts) and without its own row sizes (columnsize=0), before the load: what migration v11
//      did, for a TEMPLATE made before it (with a later one, the table is already so)
// Each run is one transaction in WAL mode with temp_store MEMORY, FTS5's 'hashsize' 32 MiB and
// 'automerge' 0 (SearchIndexBulkLoad; environment HASHSIZE and AUTOMERGE to try others), the text inserted after all items (the catalog gathers 24 MB).
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "search_tokenizer.h"

#define GROUP 100

static sqlite3 *db;
static void run(const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, 0, 0, &err) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", sql, err); exit(1); }
}
static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, 0) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db)); exit(1); }
    return st;
}
static void step(sqlite3_stmt *st) {
    if (sqlite3_step(st) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); exit(1); }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}
static int copy(const char *from, const char *to) {
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    if (!a || !b) return 1;
    char buffer[1 << 16]; size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, a)) > 0) fwrite(buffer, 1, n, b);
    fclose(a); fclose(b); return 0;
}

static const char *ITEM_SQL_HEAD =
    "INSERT INTO items (id, fonds_code, head_version, created_at, updated_at, title, sort_title, creators, subjects,"
    " date_text, date_start, date_end, dc_type, description, dublin_core, page_count, batch_id, status,"
    " access, access_until, access_reason, access_hide_title, access_at, access_json, missing_since) VALUES ";
static const char *ITEM_SQL_ROW = "(?, 'BSH', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?, ?, '[]', '[]', '', NULL, NULL, '', '', ?, 1, NULL, 'archived', 'publico', NULL, NULL, 0, NULL, NULL, NULL)";
static const char *ITEM_SQL_TAIL =
    " ON CONFLICT(id) DO UPDATE SET fonds_code = excluded.fonds_code, head_version = excluded.head_version,"
    " updated_at = excluded.updated_at, title = excluded.title, sort_title = excluded.sort_title,"
    " creators = excluded.creators, subjects = excluded.subjects, date_text = excluded.date_text,"
    " date_start = excluded.date_start, date_end = excluded.date_end, dc_type = excluded.dc_type,"
    " description = excluded.description, dublin_core = excluded.dublin_core, page_count = excluded.page_count,"
    " batch_id = COALESCE(excluded.batch_id, items.batch_id), status = 'archived',"
    " access = excluded.access, access_until = excluded.access_until, access_reason = excluded.access_reason,"
    " access_hide_title = excluded.access_hide_title, access_at = excluded.access_at, access_json = excluded.access_json,"
    " missing_since = NULL";
static const char *PAGE_SQL_HEAD =
    "INSERT INTO pages (item_id, sequence, label, master_path, index_in_file, width, height, text_source, text_path) VALUES ";
static const char *PAGE_SQL_ROW = "(?, 1, '1', 'objects/1.tif', 0, 2480, 3508, 'ocr', 'text/1.ocr.txt')";

static sqlite3_stmt *grouped(const char *head, const char *row, const char *tail, int rows) {
    size_t size = strlen(head) + (strlen(row) + 2) * rows + strlen(tail) + 1;
    char *sql = malloc(size); strcpy(sql, head);
    for (int i = 0; i < rows; i++) { if (i) strcat(sql, ", "); strcat(sql, row); }
    strcat(sql, tail);
    sqlite3_stmt *st = prepare(sql); free(sql); return st;
}

typedef struct { char *id, *title, *body, *dc; int title_len, body_len; } Row;

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: catalog_load TEMPLATE DB TSV SKIP\n"); return 64; }
    const char *skip = argv[4];
#define SKIP(c) (strchr(skip, c) != NULL)
    remove(argv[2]);
    char wal[4096]; snprintf(wal, sizeof wal, "%s-wal", argv[2]); remove(wal);
    snprintf(wal, sizeof wal, "%s-shm", argv[2]); remove(wal);
    if (copy(argv[1], argv[2])) { fprintf(stderr, "cannot copy %s\n", argv[1]); return 1; }
    if (sqlite3_open(argv[2], &db) != SQLITE_OK || memoria_register_tokenizer(db) != SQLITE_OK) { fprintf(stderr, "cannot open %s\n", argv[2]); return 1; }
    run("PRAGMA journal_mode = WAL");
    run(SKIP('k') ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
    if (SKIP('t')) {
        const char *tables[] = {"fonds", "items", "files", "pages", "charts", "units", "item_units"};
        const char *ops[] = {"insert", "update", "delete"};
        for (int i = 0; i < 7; i++) for (int j = 0; j < 3; j++) {
            char sql[128]; snprintf(sql, sizeof sql, "DROP TRIGGER site_changes_%s_%s", tables[i], ops[j]); run(sql);
        }
    }
    if (SKIP('x')) run("DROP INDEX items_by_fonds; DROP INDEX items_by_date; DROP INDEX files_by_digest; DROP INDEX items_by_status;"
                       " DROP INDEX items_missing; DROP INDEX items_heads; DROP INDEX items_growth; DROP INDEX files_item_sizes; DROP INDEX files_formats");
    if (SKIP('e')) run("DROP TABLE search_description_fts; CREATE VIRTUAL TABLE search_description_fts USING fts5("
                       "title, creator, subject, description, tokenize = 'memoria', prefix = '3', detail = full,"
                       " content = 'search_fts', columnsize = 0)");
    FILE *f = fopen(argv[3], "r");
    if (!f) { fprintf(stderr, "cannot open %s\n", argv[3]); return 1; }
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    run("PRAGMA temp_store = MEMORY");
    run("BEGIN IMMEDIATE");
    run("DELETE FROM search_description_fts; DELETE FROM search_fts; DELETE FROM search_forms; DELETE FROM pages;"
        " DELETE FROM files; DELETE FROM events; DELETE FROM items");
    const char *tables[] = {"search_fts", "search_description_fts"};
    long hashsize = getenv("HASHSIZE") ? atol(getenv("HASHSIZE")) : 33554432;
    int automerge = getenv("AUTOMERGE") ? atoi(getenv("AUTOMERGE")) : 0;
    for (int i = 0; i < 2; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "INSERT INTO %s (%s, rank) VALUES ('hashsize', %ld); INSERT INTO %s (%s, rank) VALUES ('automerge', %d)",
                 tables[i], tables[i], hashsize, tables[i], tables[i], automerge);
        run(sql);
    }
    sqlite3_stmt *deletes[4] = {
        prepare("DELETE FROM search_description_fts WHERE rowid IN (SELECT id FROM pages WHERE item_id = ?)"),
        prepare("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM pages WHERE item_id = ?)"),
        prepare("DELETE FROM pages WHERE item_id = ?"),
        prepare("DELETE FROM files WHERE item_id = ?"),
    };
    sqlite3_stmt *item = grouped(ITEM_SQL_HEAD, ITEM_SQL_ROW, ITEM_SQL_TAIL, 1);
    sqlite3_stmt *page = grouped(PAGE_SQL_HEAD, PAGE_SQL_ROW, "", 1);
    sqlite3_stmt *items = grouped(ITEM_SQL_HEAD, ITEM_SQL_ROW, ITEM_SQL_TAIL, GROUP);
    sqlite3_stmt *pages = grouped(PAGE_SQL_HEAD, PAGE_SQL_ROW, "", GROUP);
    Row *rows = NULL; long count = 0, capacity = 0;
    char *line = NULL; size_t cap = 0; ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        char *tab = memchr(line, '\t', n); if (!tab) continue;
        if (line[n-1] == '\n') n--;
        if (count == capacity) { capacity = capacity ? capacity * 2 : 1024; rows = realloc(rows, capacity * sizeof *rows); }
        Row *r = &rows[count++];
        r->title_len = (int)(tab - line); r->body_len = (int)(line + n - tab - 1);
        r->title = strndup(line, r->title_len); r->body = strndup(tab + 1, r->body_len);
        r->id = malloc(16); snprintf(r->id, 16, "D%06ld", count);
        r->dc = malloc(r->title_len + 64); snprintf(r->dc, r->title_len + 64, "{\"identifier\":[\"%s\"],\"title\":[\"%s\"]}", r->id, r->title);
        if (!SKIP('d')) for (int i = 0; i < 4; i++) { sqlite3_bind_text(deletes[i], 1, r->id, -1, SQLITE_STATIC); step(deletes[i]); }
        if (SKIP('m')) {
            if (count % GROUP == 0) {
                for (int k = 0; k < GROUP; k++) {
                    Row *g = &rows[count - GROUP + k];
                    sqlite3_bind_text(items, 4 * k + 1, g->id, -1, SQLITE_STATIC);
                    sqlite3_bind_text(items, 4 * k + 2, g->title, g->title_len, SQLITE_STATIC);
                    sqlite3_bind_text(items, 4 * k + 3, g->title, g->title_len, SQLITE_STATIC);
                    sqlite3_bind_text(items, 4 * k + 4, g->dc, -1, SQLITE_STATIC);
                    sqlite3_bind_text(pages, k + 1, g->id, -1, SQLITE_STATIC);
                }
                if (!SKIP('i')) step(items);
                if (!SKIP('p')) step(pages);
            }
        } else {
            sqlite3_bind_text(item, 1, r->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(item, 2, r->title, r->title_len, SQLITE_STATIC);
            sqlite3_bind_text(item, 3, r->title, r->title_len, SQLITE_STATIC);
            sqlite3_bind_text(item, 4, r->dc, -1, SQLITE_STATIC);
            if (!SKIP('i')) step(item);
            sqlite3_bind_text(page, 1, r->id, -1, SQLITE_STATIC);
            if (!SKIP('p')) step(page);
        }
    }
    if (SKIP('m')) for (long k = count - count % GROUP; k < count; k++) {   // the last, shorter group one by one
        sqlite3_bind_text(item, 1, rows[k].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(item, 2, rows[k].title, rows[k].title_len, SQLITE_STATIC);
        sqlite3_bind_text(item, 3, rows[k].title, rows[k].title_len, SQLITE_STATIC);
        sqlite3_bind_text(item, 4, rows[k].dc, -1, SQLITE_STATIC);
        if (!SKIP('i')) step(item);
        sqlite3_bind_text(page, 1, rows[k].id, -1, SQLITE_STATIC);
        if (!SKIP('p')) step(page);
    }
    memoria_forms_reset(db);
    // (environment NOFONDS=1: the fonds and identifier columns left empty, NOID=1: the identifier's
    // only, to time what they bring)
    sqlite3_stmt *text = prepare(getenv("NOFONDS")
        ? "INSERT INTO search_fts (rowid, title, creator, subject, description, fonds, date, body, identifier)"
          " VALUES (?, ?, '', '', '', '', '', ?, substr(?, 1, 0))"
        : getenv("NOID")
        ? "INSERT INTO search_fts (rowid, title, creator, subject, description, fonds, date, body, identifier)"
          " VALUES (?, ?, '', '', '', 'Banda Sinfónica de Hidalgo', '', ?, substr(?, 1, 0))"
        : "INSERT INTO search_fts (rowid, title, creator, subject, description, fonds, date, body, identifier)"
          " VALUES (?, ?, '', '', '', 'Banda Sinfónica de Hidalgo', '', ?, ?)");
    for (long k = 0; k < count; k++) {
        sqlite3_bind_int64(text, 1, k + 1);
        sqlite3_bind_text(text, 2, rows[k].title, rows[k].title_len, SQLITE_STATIC);
        sqlite3_bind_text(text, 3, rows[k].body, rows[k].body_len, SQLITE_STATIC);
        sqlite3_bind_text(text, 4, rows[k].id, -1, SQLITE_STATIC);
        step(text);
    }
    if (!SKIP('s')) {
        sqlite3_stmt *described = prepare("INSERT INTO search_description_fts (rowid, title, creator, subject, description) VALUES (?, ?, '', '', '')");
        for (long k = 0; k < count; k++) {
            sqlite3_bind_int64(described, 1, k + 1);
            sqlite3_bind_text(described, 2, rows[k].title, rows[k].title_len, SQLITE_STATIC);
            step(described);
        }
        sqlite3_finalize(described);
    }
    if (!SKIP('f') && memoria_forms_store(db) != SQLITE_OK) { fprintf(stderr, "forms: %s\n", sqlite3_errmsg(db)); return 1; }
    if (!SKIP('o')) {
        run("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
        if (!SKIP('s')) run("INSERT INTO search_description_fts (search_description_fts) VALUES ('optimize')");
    }
    run("COMMIT");
    run("PRAGMA temp_store = DEFAULT");
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.3f\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
    sqlite3_close(db);
    return 0;
}
