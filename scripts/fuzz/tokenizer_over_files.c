// Runs the FTS5 tokenizer "memoria" (Sources/CSearchTokenizer) over each file given: the whole text
// indexed in an FTS5 table, every word folded on its own and searched for as a quoted term. Built
// with AddressSanitizer and UndefinedBehaviorSanitizer by scripts/fuzz/sanitize.sh.
#include "search_tokenizer.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, long *length) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *length = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)*length + 1);
    if (text && fread(text, 1, (size_t)*length, f) != (size_t)*length) { free(text); text = NULL; }
    fclose(f);
    if (text) text[*length] = 0;
    return text;
}

int main(int argc, char **argv) {
    sqlite3 *db = NULL;
    sqlite3_stmt *insert = NULL, *match = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || memoria_register_tokenizer(db) != SQLITE_OK
        || sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='memoria')", NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, "INSERT INTO t(body) VALUES (?1)", -1, &insert, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &match, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot set up the FTS5 table: %s\n", db ? sqlite3_errmsg(db) : "no database");
        return 2;
    }
    long words = 0;
    for (int i = 1; i < argc; i++) {
        long length = 0;
        char *text = read_file(argv[i], &length);
        if (!text) continue;
        fprintf(stderr, "%s\n", argv[i]);
        sqlite3_bind_text(insert, 1, text, (int)length, SQLITE_TRANSIENT);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        long searched = 0;   // every word is folded; the first 5,000 of a file are also searched for
        for (char *word = strtok(text, " \t\r\n\"'()*:^.,;"); word; word = strtok(NULL, " \t\r\n\"'()*:^.,;")) {
            char folded[1024], quoted[1100];
            int n = (int)strlen(word);
            if (n > 200) continue;
            memoria_fold_token(word, n, folded, (int)sizeof folded);
            words++;
            if (++searched > 5000) continue;
            snprintf(quoted, sizeof quoted, "\"%s\"", word);
            sqlite3_bind_text(match, 1, quoted, -1, SQLITE_TRANSIENT);
            while (sqlite3_step(match) == SQLITE_ROW) {}
            sqlite3_reset(match);
        }
        free(text);
    }
    fprintf(stderr, "%d files, %ld words folded\n", argc - 1, words);
    sqlite3_finalize(insert);
    sqlite3_finalize(match);
    sqlite3_close(db);
    return 0;
}
