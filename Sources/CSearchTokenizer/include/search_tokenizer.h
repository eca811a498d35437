// The "memoria" FTS5 tokenizer: SQLite's unicode61 (case folding, Unicode word boundaries, combining
// marks kept inside words), followed by accent folding that keeps ñ distinct from n:
//   "CANCIÓN" -> "cancion", "Año" -> "año", "ſeñor" -> "señor", "an\u0303o" (decomposed) -> "año".
// The same folding is implemented in Swift (SearchText.fold) and in the site's JavaScript; tests keep
// the three in agreement.
#ifndef MEMORIA_SEARCH_TOKENIZER_H
#define MEMORIA_SEARCH_TOKENIZER_H

#include <sqlite3.h>

// Registers the tokenizer as "memoria" on this connection. Returns an SQLite result code.
int memoria_register_tokenizer(sqlite3 *db);

// Folds one lower-cased UTF-8 token into out (capacity out_capacity bytes); returns the folded length,
// or -1 if out is too small. Exposed for tests that compare the C, Swift and JavaScript folding.
int memoria_fold_token(const char *token, int length, char *out, int out_capacity);

#endif
