// The FTS5 extension API of a connection (`SELECT fts5(?1)` with a bound pointer), shared by the
// tokenizer's registration and the rank functions' (private to this target).
#ifndef MEMORIA_FTS5_API_LOOKUP_H
#define MEMORIA_FTS5_API_LOOKUP_H
#include "search_tokenizer.h"

fts5_api *memoria_fts5_api(sqlite3 *db);

#endif
