// FTS5 auxiliary functions for the catalog's search (see search_tokenizer.h):
//   memoria_bm25(tbl, hits, w...)  FTS5's own bm25 formula (Robertson/Spärck Jones, k1 = 1.2, b = 0.75,
//                                  column weights w...). `hits` says what the caller already knows of
//                                  the number of rows holding each phrase (see read_known_hits): an
//                                  integer (one phrase: that number; -1: nothing), or a text with one
//                                  entry per phrase. What is not known is counted, as FTS5 does.
//   memoria_idf(tbl, hits)         the inverse document frequency bm25 gives a phrase held by `hits` rows
//                                  (to finish the scores of a phrase weighted "*", see read_known_hits).
// On the index of the items' descriptive fields (search_description_fts: one row per page, rowid the
// page's, columns title, creator, subject, description), so that the pages whose description matches
// are ranked without evaluating the expression over the pages' text:
//   memoria_bm25_described(tbl, averages, docsize, w...)
//                                  memoria_bm25 of the page as the pages' index would score it for the
//                                  same expression under the column filter {title creator subject
//                                  description}: the same statistics and arithmetic, from the pages'
//                                  index's averages record (search_fts_data, id 1) and the page's
//                                  docsize record (search_fts_docsize), the phrases counted here.
//                                  (FTS5 gives no row sizes to a cursor that is not a MATCH.)
#include "search_tokenizer.h"
#include "fts5_api_lookup.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

// What the caller says it knows of each phrase's number of rows, into known[0..phrases):
//   an integer n      one phrase: n rows (n < 0: unknown);
//   a text            one entry per phrase, separated by spaces: a number of rows, "?" (unknown) or
//                     "=j" (the same phrase as phrase j, j smaller: counted once), or "*" (weighted 1
//                     instead of its inverse document frequency: the caller multiplies the score by
//                     memoria_idf once it knows the number; one phrase only).
// known[i] >= 0: the number; -1: to count; -2 - j: as phrase j; unweighted: -2 - phrases. A text with another number of entries
// than there are phrases, or an entry not of these forms, is an error (SQLITE_ERROR).
static int read_known_hits(sqlite3_value *value, int phrases, sqlite3_int64 *known) {
    for (int i = 0; i < phrases; i++) known[i] = -1;
    if (sqlite3_value_type(value) != SQLITE_TEXT) {
        sqlite3_int64 n = sqlite3_value_int64(value);
        if (phrases == 1 && n >= 0) known[0] = n;
        return SQLITE_OK;
    }
    const char *text = (const char *)sqlite3_value_text(value);
    if (!text) return SQLITE_NOMEM;
    int entry = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        if (entry >= phrases) return SQLITE_ERROR;
        char *end = NULL;
        if (*p == '?') {
            end = (char *)p + 1;
        } else if (*p == '*') {
            end = (char *)p + 1;
            known[entry] = -2 - (sqlite3_int64)phrases;
        } else if (*p == '=') {
            long j = strtol(p + 1, &end, 10);
            if (end == p + 1 || j < 0 || j >= entry) return SQLITE_ERROR;
            known[entry] = -2 - (sqlite3_int64)j;
        } else {
            long long n = strtoll(p, &end, 10);
            if (end == p || n < 0) return SQLITE_ERROR;
            known[entry] = (sqlite3_int64)n;
        }
        if (*end != ' ' && *end != '\0') return SQLITE_ERROR;
        p = end;
        entry++;
    }
    return entry == phrases ? SQLITE_OK : SQLITE_ERROR;
}

// bm25's inverse document frequency of a phrase held by `hits` of `rows` rows (never below 1e-6).
static double idf_of(sqlite3_int64 rows, sqlite3_int64 hits) {
    double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
    return idf <= 0.0 ? 1e-6 : idf;
}

// What bm25 needs once per query: the inverse document frequency of each phrase and the mean row length.
// Phrases whose number of rows is not known are counted in the cursor's own table; `totals` (rows, then
// tokens in all columns) when the lengths are another table's, NULL for the cursor's own.
static int rank_statistics_of(const Fts5ExtensionApi *api, Fts5Context *fts, int phrases, const sqlite3_int64 *known,
                              const sqlite3_int64 *totals, rank_statistics **out) {
    rank_statistics *s = api->xGetAuxdata(fts, 0);
    if (s) { *out = s; return SQLITE_OK; }
    s = calloc(1, sizeof *s + sizeof(double) * (size_t)(phrases > 0 ? phrases : 1));
    sqlite3_int64 *hits = calloc((size_t)(phrases > 0 ? phrases : 1), sizeof *hits);
    if (!s || !hits) { free(s); free(hits); return SQLITE_NOMEM; }
    s->phrase_count = phrases;
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = SQLITE_OK;
    if (totals) { rows = totals[0]; tokens = totals[1]; }
    else {
        rc = api->xRowCount(fts, &rows);
        if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    }
    if (rc == SQLITE_OK) s->average_length = (double)tokens / (double)rows;
    for (int i = 0; rc == SQLITE_OK && i < phrases; i++) {
        if (known && known[i] == -2 - (sqlite3_int64)phrases) { s->idf[i] = 1.0; continue; }
        if (known && known[i] >= 0) hits[i] = known[i];
        else if (known && known[i] <= -2) hits[i] = hits[-2 - known[i]];
        else rc = api->xQueryPhrase(fts, i, &hits[i], count_row);
        s->idf[i] = idf_of(rows, hits[i]);
    }
    free(hits);
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, s, free);
    else free(s);
    if (rc == SQLITE_OK) *out = s;
    return rc;
}

// Each phrase's matches in the current row, weighted by column (weights[c] for column c, 1 past them).
static int phrase_frequencies(const Fts5ExtensionApi *api, Fts5Context *fts, int weight_count, sqlite3_value **weights, double *frequency) {
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK) frequency[phrase] += column < weight_count ? sqlite3_value_double(weights[column]) : 1.0;
    }
    return rc;
}

static double bm25_score(const rank_statistics *s, const double *frequency, int length) {
    const double k1 = 1.2, b = 0.75;
    double score = 0.0;
    for (int i = 0; i < s->phrase_count; i++) {
        double f = frequency[i];
        score += s->idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * (double)length / s->average_length)));
    }
    return -1.0 * score;
}

static void memoria_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
    if (argc < 1) { sqlite3_result_error(context, "memoria_bm25: falta el número de filas conocido", -1); return; }
    rank_statistics *s = api->xGetAuxdata(fts, 0);
    int rc = SQLITE_OK;
    if (!s) {
        int phrases = api->xPhraseCount(fts);
        sqlite3_int64 *known = calloc((size_t)(phrases > 0 ? phrases : 1), sizeof *known);
        if (!known) rc = SQLITE_NOMEM;
        if (rc == SQLITE_OK) rc = read_known_hits(argv[0], phrases, known);
        if (rc == SQLITE_OK) rc = rank_statistics_of(api, fts, phrases, known, NULL, &s);
        free(known);
    }
    double *frequency = NULL;
    if (rc == SQLITE_OK) {
        frequency = calloc((size_t)(s->phrase_count > 0 ? s->phrase_count : 1), sizeof *frequency);
        if (!frequency) rc = SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK) rc = phrase_frequencies(api, fts, argc - 1, argv + 1, frequency);
    int length = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
    if (rc == SQLITE_OK) sqlite3_result_double(context, bm25_score(s, frequency, length));
    else sqlite3_result_error_code(context, rc);
    free(frequency);
}

// The varints of an FTS5 averages or docsize record (SQLite's varint: 7 bits a byte, high bit set on
// all but the last, a ninth byte of 8 bits): the first into *first when `first` is not NULL, the sum
// of the others (of all when `first` is NULL) into *sum. SQLITE_CORRUPT when one is cut short.
static int read_record_varints(sqlite3_value *value, sqlite3_int64 *first, sqlite3_int64 *sum) {
    const unsigned char *p = sqlite3_value_blob(value);
    int n = sqlite3_value_bytes(value);
    if (!p || n <= 0) return SQLITE_CORRUPT;
    *sum = 0;
    int index = 0;
    for (int i = 0; i < n;) {
        sqlite3_uint64 v = 0;
        int used = 0;
        for (;;) {
            if (i + used >= n) return SQLITE_CORRUPT;
            unsigned char byte = p[i + used];
            if (used == 8) { v = (v << 8) | byte; used++; break; }
            v = (v << 7) | (byte & 0x7f);
            used++;
            if (!(byte & 0x80)) break;
        }
        i += used;
        if (first && index == 0) *first = (sqlite3_int64)v;
        else *sum += (sqlite3_int64)v;
        index++;
    }
    return SQLITE_OK;
}

static void memoria_bm25_described(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
    if (argc < 2) { sqlite3_result_error(context, "memoria_bm25_described: faltan los registros de promedios y de tamaño", -1); return; }
    rank_statistics *s = api->xGetAuxdata(fts, 0);
    int rc = SQLITE_OK;
    if (!s) {
        sqlite3_int64 totals[2] = {0, 0};
        rc = read_record_varints(argv[0], &totals[0], &totals[1]);
        if (rc == SQLITE_OK && totals[0] <= 0) rc = SQLITE_CORRUPT;
        if (rc == SQLITE_OK) rc = rank_statistics_of(api, fts, api->xPhraseCount(fts), NULL, totals, &s);
    }
    sqlite3_int64 length = 0;
    if (rc == SQLITE_OK) rc = read_record_varints(argv[1], NULL, &length);
    double *frequency = NULL;
    if (rc == SQLITE_OK) {
        frequency = calloc((size_t)(s->phrase_count > 0 ? s->phrase_count : 1), sizeof *frequency);
        if (!frequency) rc = SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK) rc = phrase_frequencies(api, fts, argc - 2, argv + 2, frequency);
    if (rc == SQLITE_OK) sqlite3_result_double(context, bm25_score(s, frequency, (int)length));
    else sqlite3_result_error_code(context, rc);
    free(frequency);
}

static void memoria_idf(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
    if (argc != 1) { sqlite3_result_error(context, "memoria_idf: se espera el número de filas de la frase", -1); return; }
    sqlite3_int64 rows = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) sqlite3_result_double(context, idf_of(rows, sqlite3_value_int64(argv[0])));
    else sqlite3_result_error_code(context, rc);
}

int memoria_register_rank_functions(sqlite3 *db) {
    fts5_api *api = memoria_fts5_api(db);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    int rc = api->xCreateFunction(api, "memoria_bm25", NULL, memoria_bm25, NULL);
    if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "memoria_bm25_described", NULL, memoria_bm25_described, NULL);
    if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "memoria_idf", NULL, memoria_idf, NULL);
    return rc;
}
