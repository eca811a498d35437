// The "memoria" FTS5 tokenizer: SQLite's unicode61 (case folding, Unicode word boundaries, combining
// marks kept inside words), followed by accent folding that keeps ñ distinct from n:
//   "CANCIÓN" -> "cancion", "Año" -> "año", "ſeñor" -> "señor", "an\u0303o" (decomposed) -> "año".
// The same folding is implemented in Swift (SearchText.fold) and in the site's JavaScript; tests keep
// the three in agreement.
// Each document word whose Snowball Spanish stem (of the lower-cased word, then folded) differs from
// its folded form is also indexed, at the same position, as MEMORIA_STEM_MARK + stem ("cartas" ->
// "cartas" and "\uE000cart"): queries ask for the stem explicitly, so exact forms keep ranking first.
#ifndef MEMORIA_SEARCH_TOKENIZER_H
#define MEMORIA_SEARCH_TOKENIZER_H

#include <sqlite3.h>

// U+E000 (private use) in UTF-8: the first character of every stem term in the index.
#define MEMORIA_STEM_MARK "\xEE\x80\x80"
#define MEMORIA_STEM_MARK_LENGTH 3

// Registers the tokenizer as "memoria" on this connection. Returns an SQLite result code.
int memoria_register_tokenizer(sqlite3 *db);

// Folds one lower-cased UTF-8 token into out (capacity out_capacity bytes); returns the folded length,
// or -1 if out is too small. Exposed for tests that compare the C, Swift and JavaScript folding.
int memoria_fold_token(const char *token, int length, char *out, int out_capacity);

// A Snowball Spanish stemmer (not thread-safe: one per thread or per use), or NULL without memory.
typedef struct memoria_stemmer memoria_stemmer;
memoria_stemmer *memoria_stemmer_new(void);
void memoria_stemmer_free(memoria_stemmer *stemmer);

// The folded stem of one lower-cased UTF-8 word, without the mark, into out; returns its length, or -1
// if out is too small or the stemmer failed.
int memoria_stem_token(memoria_stemmer *stemmer, const char *token, int length, char *out, int out_capacity);

#endif
