// The "memoria" FTS5 tokenizer: SQLite's unicode61 (case folding, Unicode word boundaries, combining
// marks kept inside words), followed by accent folding that keeps ñ distinct from n:
//   "CANCIÓN" -> "cancion", "Año" -> "año", "ſeñor" -> "señor", "an\u0303o" (decomposed) -> "año".
// The same folding is implemented in Swift (SearchText.fold) and in the site's JavaScript; tests keep
// the three in agreement.
// The index holds the folded words only. For each document word the tokenizer also computes its
// Snowball Spanish stem (of the lower-cased word, then folded) and collects the pair (folded word,
// stem) once per connection: the catalog keeps the pairs in a table (search_forms) so that a query
// can ask for every indexed word sharing its word's stem ("cartas" -> carta OR cartas OR ...).
#ifndef MEMORIA_SEARCH_TOKENIZER_H
#define MEMORIA_SEARCH_TOKENIZER_H

#include <sqlite3.h>

// Registers the tokenizer as "memoria" on this connection. Returns an SQLite result code.
int memoria_register_tokenizer(sqlite3 *db);

// Registers the search's FTS5 functions on this connection (search_rank.c): memoria_bm25(tbl, hits,
// weights...), FTS5's bm25 told what the caller knows of each phrase's number of rows, and
// memoria_bm25_described(tbl, averages, docsize, weights...), the same score of a page whose
// description matches, computed on the index of the descriptive fields. Returns an SQLite result code.
int memoria_register_rank_functions(sqlite3 *db);

// Forgets the pairs the connection's documents brought so far (call before indexing).
int memoria_forms_reset(sqlite3 *db);

// Writes each pair met since the last reset and not written yet into the table search_forms (stem,
// word), INSERT OR IGNORE, on this connection (inside the caller's transaction). Returns an SQLite
// result code: SQLITE_NOMEM when a pair could not be kept for lack of memory.
int memoria_forms_store(sqlite3 *db);

// Folds one lower-cased UTF-8 token into out (capacity out_capacity bytes); returns the folded length,
// or -1 if out is too small. Exposed for tests that compare the C, Swift and JavaScript folding.
int memoria_fold_token(const char *token, int length, char *out, int out_capacity);

// A Snowball Spanish stemmer (not thread-safe: one per thread or per use), or NULL without memory.
typedef struct memoria_stemmer memoria_stemmer;
memoria_stemmer *memoria_stemmer_new(void);
void memoria_stemmer_free(memoria_stemmer *stemmer);

// The folded stem of one lower-cased UTF-8 word into out; returns its length, or -1 if out is too
// small or the stemmer failed.
int memoria_stem_token(memoria_stemmer *stemmer, const char *token, int length, char *out, int out_capacity);

#endif
