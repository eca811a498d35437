// bench/fts-parts.sh's loader: title<TAB>body lines into one FTS5 table named t, in one transaction
// with one prepared statement, with the memoria tokenizer registered (linked from its C source), so
// that each part of Memoria's index (its tokenizer, the stem terms, the prefix index, the columns,
// WAL) can be timed alone against the sqlite3 CLI's plain load.
//   fts_load DB TSV "CREATE VIRTUAL TABLE t USING fts5(...)" NCOLUMNS [forms|-] [SQL]  -> prints the load's seconds
// SQL, when given, runs after the last row and before the commit (and is timed): e.g. an FTS5
// 'optimize', as the catalog's rebuild ends.
// With "forms", the (word, stem) pairs the tokenizer collects go into a search_forms table as the
// catalog writes them: stored every ROWS_PER_DRAIN rows (the catalog's rebuild inserts its text in
// groups of 24 MB, about 12,000 of these pages) with INSERT OR IGNORE, in the same transaction.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "search_tokenizer.h"
#define ROWS_PER_DRAIN 12000


// "memoria_nostem": the memoria tokenizer asked to tokenize documents as it does queries (folding
// only, no stem terms), to time what the stem terms cost.
static fts5_tokenizer memoria_methods;
static void *memoria_context;
static int nostem_create(void *ctx, const char **args, int n, Fts5Tokenizer **out) {
    (void)ctx;
    return memoria_methods.xCreate(memoria_context, args, n, out);
}
static void nostem_delete(Fts5Tokenizer *t) { memoria_methods.xDelete(t); }
static int nostem_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                           int (*token)(void *, int, const char *, int, int, int)) {
    (void)flags;
    return memoria_methods.xTokenize(t, ctx, FTS5_TOKENIZE_QUERY, text, n, token);
}
static int register_nostem(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return SQLITE_ERROR;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->xFindTokenizer(api, "memoria", &memoria_context, &memoria_methods) != SQLITE_OK) return SQLITE_ERROR;
    fts5_tokenizer methods = { nostem_create, nostem_delete, nostem_tokenize };
    return api->xCreateTokenizer(api, "memoria_nostem", NULL, &methods, NULL);
}
int main(int argc, char **argv) {
    if (argc < 5 || argc > 7 || (argc >= 6 && strcmp(argv[5], "forms") != 0 && strcmp(argv[5], "-") != 0)) {
        fprintf(stderr, "usage: fts_load DB TSV CREATE-SQL NCOLUMNS [forms|-] [SQL-BEFORE-COMMIT]\n"); return 64;
    }
    int forms = argc >= 6 && strcmp(argv[5], "forms") == 0;
    const char *before_commit = argc == 7 ? argv[6] : NULL;
    sqlite3 *db; remove(argv[1]);
    if (sqlite3_open(argv[1], &db) != SQLITE_OK || memoria_register_tokenizer(db) != SQLITE_OK || register_nostem(db) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s with the memoria tokenizer\n", argv[1]); return 1;
    }
    char *err = NULL;
    if (sqlite3_exec(db, argv[3], 0, 0, &err)) { fprintf(stderr, "%s\n", err); return 1; }
    int ncols = atoi(argv[4]);
    char sql[512] = "INSERT INTO t VALUES (?, ?";
    for (int i = 2; i < ncols; i++) strcat(sql, ", ''");
    strcat(sql, ")");
    sqlite3_stmt *st; sqlite3_prepare_v2(db, sql, -1, &st, 0);
    if (forms) {
        if (sqlite3_exec(db, "CREATE TABLE search_forms (stem TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (stem, word)) WITHOUT ROWID", 0, 0, &err)) {
            fprintf(stderr, "%s\n", err); return 1;
        }
    }
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    sqlite3_exec(db, "BEGIN", 0, 0, 0);
    FILE *f = fopen(argv[2], "r");
    if (!f) { fprintf(stderr, "cannot open %s\n", argv[2]); return 1; }
    char *line = NULL; size_t cap = 0; ssize_t n; long rows = 0;
    memoria_forms_reset(db);
    while ((n = getline(&line, &cap, f)) > 0) {
        char *tab = memchr(line, '\t', n); if (!tab) continue;
        if (line[n-1] == '\n') n--;
        sqlite3_bind_text(st, 1, line, tab - line, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, tab + 1, line + n - tab - 1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
        sqlite3_reset(st);
        if (forms && ++rows % ROWS_PER_DRAIN == 0) {
            if (memoria_forms_store(db) != SQLITE_OK) { fprintf(stderr, "forms: %s\n", sqlite3_errmsg(db)); return 1; }
            memoria_forms_reset(db);
        }
    }
    if (forms && memoria_forms_store(db) != SQLITE_OK) { fprintf(stderr, "forms: %s\n", sqlite3_errmsg(db)); return 1; }
    if (before_commit && sqlite3_exec(db, before_commit, 0, 0, &err)) { fprintf(stderr, "%s\n", err); return 1; }
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.3f\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
    sqlite3_finalize(st); sqlite3_close(db);
}
