// FTS5 auxiliary functions for the catalog's search (see search_tokenizer.h):
//   memoria_bm25(tbl, hits, w...)  FTS5's own bm25 formula (Robertson/Spärck Jones, k1 = 1.2, b = 0.75,
//                                  column weights w...), except that when the expression is one phrase
//                                  and hits >= 0, hits is taken as the number of rows holding the phrase
//                                  instead of counting them again (the caller has just counted them).
//   memoria_columns(tbl)           an integer whose bit i says that phrase i has a match in one of the
//                                  first four columns (title, creator, subject, description); NULL when
//                                  the expression has more than 62 phrases.
#include "search_tokenizer.h"
#include "fts5_api_lookup.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { described_columns = 4, most_flagged_phrases = 62 };

typedef struct {
    int phrase_count;
    double average_length;
    double idf[];
} rank_statistics;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *counter) {
    (void)api; (void)fts;
    *(sqlite3_int64 *)counter += 1;
    return SQLITE_OK;
}

// What bm25 needs once per query: the inverse document frequency of each phrase and the mean row length.
static int rank_statistics_of(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_int64 known_hits, rank_statistics **out) {
    rank_statistics *s = api->xGetAuxdata(fts, 0);
    if (s) { *out = s; return SQLITE_OK; }
    int phrases = api->xPhraseCount(fts);
    s = calloc(1, sizeof *s + sizeof(double) * (size_t)(phrases > 0 ? phrases : 1));
    if (!s) return SQLITE_NOMEM;
    s->phrase_count = phrases;
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc == SQLITE_OK) s->average_length = (double)tokens / (double)rows;
    for (int i = 0; rc == SQLITE_OK && i < phrases; i++) {
        sqlite3_int64 hits = 0;
        if (phrases == 1 && known_hits >= 0) hits = known_hits;
        else rc = api->xQueryPhrase(fts, i, &hits, count_row);
        double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        s->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, s, free);
    else free(s);
    if (rc == SQLITE_OK) *out = s;
    return rc;
}

static void memoria_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
    if (argc < 1) { sqlite3_result_error(context, "memoria_bm25: falta el número de filas conocido", -1); return; }
    const double k1 = 1.2, b = 0.75;
    rank_statistics *s = NULL;
    int rc = rank_statistics_of(api, fts, sqlite3_value_int64(argv[0]), &s);
    double *frequency = NULL;
    if (rc == SQLITE_OK) {
        frequency = calloc((size_t)(s->phrase_count > 0 ? s->phrase_count : 1), sizeof *frequency);
        if (!frequency) rc = SQLITE_NOMEM;
    }
    int instances = 0;
    if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK) frequency[phrase] += column + 1 < argc ? sqlite3_value_double(argv[column + 1]) : 1.0;
    }
    int length = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
    double score = 0.0;
    for (int i = 0; rc == SQLITE_OK && i < s->phrase_count; i++) {
        double f = frequency[i];
        score += s->idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * (double)length / s->average_length)));
    }
    free(frequency);
    if (rc == SQLITE_OK) sqlite3_result_double(context, -1.0 * score);
    else sqlite3_result_error_code(context, rc);
}

static void memoria_columns(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    if (api->xPhraseCount(fts) > most_flagged_phrases) { sqlite3_result_null(context); return; }
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    sqlite3_int64 flags = 0;
    for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && column < described_columns) flags |= (sqlite3_int64)1 << phrase;
    }
    if (rc == SQLITE_OK) sqlite3_result_int64(context, flags);
    else sqlite3_result_error_code(context, rc);
}

int memoria_register_rank_functions(sqlite3 *db) {
    fts5_api *api = memoria_fts5_api(db);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    int rc = api->xCreateFunction(api, "memoria_bm25", NULL, memoria_bm25, NULL);
    if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "memoria_columns", NULL, memoria_columns, NULL);
    return rc;
}
