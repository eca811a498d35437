// libFuzzer target for the FTS5 tokenizer "memoria" (Sources/CSearchTokenizer): fuzz-tokenizer.
// Each input is folded as one token, then indexed in an FTS5 table that uses the tokenizer, and
// searched for (the tokenizer runs again in query mode); the table is emptied after each input.
#include "search_tokenizer.h"
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>

static sqlite3 *db;
static sqlite3_stmt *insert_row, *match_rows, *delete_rows;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || memoria_register_tokenizer(db) != SQLITE_OK) abort();
    if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='memoria')", NULL, NULL, NULL) != SQLITE_OK) abort();
    if (sqlite3_prepare_v2(db, "INSERT INTO t(body) VALUES (?1)", -1, &insert_row, NULL) != SQLITE_OK) abort();
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &match_rows, NULL) != SQLITE_OK) abort();
    if (sqlite3_prepare_v2(db, "DELETE FROM t", -1, &delete_rows, NULL) != SQLITE_OK) abort();
    return 0;
}

static void run(sqlite3_stmt *statement, const uint8_t *data, size_t size) {
    if (data) sqlite3_bind_text(statement, 1, (const char *)data, (int)size, SQLITE_TRANSIENT);
    while (sqlite3_step(statement) == SQLITE_ROW) {}
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 1 << 20) return 0;
    char folded[4096];
    memoria_fold_token((const char *)data, (int)(size < 1024 ? size : 1024), folded, (int)sizeof folded);
    run(insert_row, data, size);
    run(match_rows, data, size);   // most inputs are not valid MATCH syntax; the error is the answer
    run(delete_rows, NULL, 0);
    return 0;
}
