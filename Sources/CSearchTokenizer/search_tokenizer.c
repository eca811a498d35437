// FTS5 tokenizer "memoria": unicode61 with remove_diacritics 0 and categories 'L* N* Co Mn', then our
// accent folding of each token; for documents, each (folded word, folded stem) pair is collected once
// for the catalog's table of forms (see search_tokenizer.h).
#include "search_tokenizer.h"
#include "fts5_api_lookup.h"
#include <libstemmer.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

// Lower-case Latin letters U+00E0..U+017F mapped to the letter they fold to (0 = unchanged).
// ñ (U+00F1) is deliberately absent: in Spanish it is a letter of its own ("año" is not "ano").
static unsigned short fold_latin(unsigned int c) {
    static const char *latin1 =   // U+00E0 .. U+00FF
        "aaaaaa" "\0" "c" "eeee" "iiii" "\0" "\0" "ooooo" "\0" "o" "uuuu" "y" "\0" "y";
    static const char *extended = // U+0100 .. U+017F (pairs of upper/lower; both fold)
        "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "\0\0" "jj" "kk" "\0"
        "llllllllll" "nnnnnn" "\0\0\0" "oooooo" "\0\0" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu"
        "ww" "yyy" "zzzzzz" "s";
    if (c >= 0xE0 && c <= 0xFF) { char f = latin1[c - 0xE0]; return (unsigned short)(unsigned char)f; }
    if (c >= 0x100 && c <= 0x17F) { char f = extended[c - 0x100]; return (unsigned short)(unsigned char)f; }
    return 0;
}

static int is_combining_mark(unsigned int cp) {
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF)
        || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

static int decode_utf8(const unsigned char *s, int n, unsigned int *cp) {
    if (n <= 0) return 0;
    unsigned char b = s[0];
    if (b < 0x80) { *cp = b; return 1; }
    if ((b & 0xE0) == 0xC0 && n >= 2) { *cp = ((b & 0x1Fu) << 6) | (s[1] & 0x3Fu); return 2; }
    if ((b & 0xF0) == 0xE0 && n >= 3) { *cp = ((b & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu); return 3; }
    if ((b & 0xF8) == 0xF0 && n >= 4) {
        *cp = ((b & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
        return 4;
    }
    *cp = b;   // invalid byte: pass it through unchanged
    return 1;
}

static int encode_utf8(unsigned int cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int memoria_fold_token(const char *token, int length, char *out, int out_capacity) {
    const unsigned char *s = (const unsigned char *)token;
    int i = 0, o = 0;
    unsigned int previous = 0;
    int previous_at = -1;
    while (i < length) {
        unsigned int cp = 0;
        int used = decode_utf8(s + i, length - i, &cp);
        i += used;
        if (is_combining_mark(cp)) {
            // A combining mark: a tilde on n makes ñ; every other mark is dropped.
            if (cp == 0x303 && previous == 'n' && previous_at >= 0) {
                o = previous_at;
                if (o + 2 > out_capacity) return -1;
                o += encode_utf8(0xF1, out + o);
                previous = 0xF1;
            }
            continue;
        }
        unsigned int folded = cp;
        unsigned short f = fold_latin(cp);
        if (f) folded = f;
        if (o + 4 > out_capacity) return -1;
        previous_at = o;
        o += encode_utf8(folded, out + o);
        previous = folded;
    }
    return o;
}

// ---- the stemmer ----

struct memoria_stemmer { struct sb_stemmer *snowball; };

memoria_stemmer *memoria_stemmer_new(void) {
    memoria_stemmer *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->snowball = sb_stemmer_new("spanish", "UTF_8");
    if (!s->snowball) { free(s); return NULL; }
    return s;
}

void memoria_stemmer_free(memoria_stemmer *stemmer) {
    if (!stemmer) return;
    sb_stemmer_delete(stemmer->snowball);
    free(stemmer);
}

int memoria_stem_token(memoria_stemmer *stemmer, const char *token, int length, char *out, int out_capacity) {
    if (!stemmer || length < 0) return -1;
    const sb_symbol *stem = sb_stemmer_stem(stemmer->snowball, (const sb_symbol *)token, length);
    if (!stem) return -1;
    return memoria_fold_token((const char *)stem, sb_stemmer_length(stemmer->snowball), out, out_capacity);
}


// ---- the forms met: distinct (folded word, folded stem) pairs ----

// The index holds folded words only; which words share a stem is kept apart (the catalog's
// search_forms table), so the tokenizer hands over each pair it meets once. A collector belongs to
// one connection; memoria_forms_reset empties it and memoria_forms_drain reads what is new.
typedef struct {
    unsigned hash;
    unsigned offset;              // into bytes: the word, then the stem
    unsigned short word_length;
    unsigned short stem_length;
} form_entry;

typedef struct {
    form_entry *entries;          // in the order they were met
    unsigned count, capacity, drained;
    unsigned *slots;              // open addressing: entry index + 1, 0 = empty
    unsigned slot_count;          // a power of two, or 0
    char *bytes;
    size_t used, bytes_capacity;
    int out_of_memory;            // a pair could not be kept: the next drain fails
} form_collector;

static unsigned pair_hash(const char *word, int word_length, const char *stem, int stem_length) {
    unsigned h = 2166136261u;
    for (int i = 0; i < word_length; i++) h = (h ^ (unsigned char)word[i]) * 16777619u;
    h = (h ^ 0xFFu) * 16777619u;
    for (int i = 0; i < stem_length; i++) h = (h ^ (unsigned char)stem[i]) * 16777619u;
    return h ^ (h >> 16);
}

// Doubles an open-addressing table of entry indexes (index + 1, 0 = empty) and places every entry
// again by its hash, read at `hash_offset` in each of the `count` entries of `entry_size` bytes. Both
// tables of this file (the pairs of forms, the words met) grow through here. 0 without memory.
static int grow_slots(unsigned **slots, unsigned *slot_count, const void *entries, unsigned count, size_t entry_size, size_t hash_offset) {
    unsigned size = *slot_count ? *slot_count * 2 : 1024;
    unsigned *grown = calloc(size, sizeof *grown);
    if (!grown) return 0;
    for (unsigned e = 0; e < count; e++) {
        unsigned hash;
        memcpy(&hash, (const char *)entries + (size_t)e * entry_size + hash_offset, sizeof hash);
        unsigned i = hash & (size - 1);
        while (grown[i]) i = (i + 1) & (size - 1);
        grown[i] = e + 1;
    }
    free(*slots);
    *slots = grown;
    *slot_count = size;
    return 1;
}

static int forms_grow_slots(form_collector *f) {
    return grow_slots(&f->slots, &f->slot_count, f->entries, f->count, sizeof *f->entries, offsetof(form_entry, hash));
}

static void forms_add(form_collector *f, const char *word, int word_length, const char *stem, int stem_length, unsigned hash) {
    if (word_length > 0xFFFF || stem_length > 0xFFFF) return;
    if ((f->count + 1) * 2 > f->slot_count && !forms_grow_slots(f)) { f->out_of_memory = 1; return; }
    unsigned mask = f->slot_count - 1, i = hash & mask;
    for (; f->slots[i]; i = (i + 1) & mask) {
        const form_entry *e = &f->entries[f->slots[i] - 1];
        if (e->hash == hash && e->word_length == word_length && e->stem_length == stem_length
            && memcmp(f->bytes + e->offset, word, (size_t)word_length) == 0
            && memcmp(f->bytes + e->offset + word_length, stem, (size_t)stem_length) == 0) return;
    }
    if (f->count == f->capacity) {
        unsigned capacity = f->capacity ? f->capacity * 2 : 512;
        form_entry *entries = realloc(f->entries, capacity * sizeof *entries);
        if (!entries) { f->out_of_memory = 1; return; }
        f->entries = entries;
        f->capacity = capacity;
    }
    size_t need = f->used + (size_t)word_length + (size_t)stem_length;
    if (need > f->bytes_capacity) {
        size_t capacity = f->bytes_capacity ? f->bytes_capacity * 2 : 16384;
        while (capacity < need) capacity *= 2;
        char *bytes = realloc(f->bytes, capacity);
        if (!bytes) { f->out_of_memory = 1; return; }
        f->bytes = bytes;
        f->bytes_capacity = capacity;
    }
    form_entry *e = &f->entries[f->count];
    e->hash = hash;
    e->offset = (unsigned)f->used;
    e->word_length = (unsigned short)word_length;
    e->stem_length = (unsigned short)stem_length;
    memcpy(f->bytes + f->used, word, (size_t)word_length);
    memcpy(f->bytes + f->used + word_length, stem, (size_t)stem_length);
    f->used = need;
    f->slots[i] = ++f->count;
}

static void forms_reset(form_collector *f) {
    // A large collector (a rebuild's) is given back rather than kept for the small ones that follow.
    if (f->slot_count > (1u << 16)) {
        free(f->slots); free(f->entries); free(f->bytes);
        memset(f, 0, sizeof *f);
        return;
    }
    if (f->slots) memset(f->slots, 0, f->slot_count * sizeof *f->slots);
    f->count = f->drained = 0;
    f->used = 0;
    f->out_of_memory = 0;
}

static void forms_free(form_collector *f) {
    free(f->slots); free(f->entries); free(f->bytes);
    memset(f, 0, sizeof *f);
}

// ---- the words met, remembered ----

// Running Snowball on every word of every page was most of the tokenizer's time, and a word needs
// its stem only the first time it is met (its pair is collected then). So the connection remembers,
// since the last reset, each word as unicode61 gives it with its folded form: a word met again is
// folded by one look-up and neither stemmed nor collected again. Text follows Zipf's law: 10,000
// pages of 2 KB bring about 30,000 distinct words. Past SEEN_LIMIT words the table starts afresh
// (words are then stemmed again; the pairs they give are already collected and not repeated).
#define SEEN_LIMIT (1u << 20)

typedef struct {
    unsigned hash;
    unsigned offset;              // into bytes: the word, then its folded form
    unsigned short length;
    unsigned short folded_length;
} seen_entry;

typedef struct {
    seen_entry *entries;
    unsigned count, capacity;
    unsigned *slots;              // entry index + 1, 0 = empty
    unsigned slot_count;
    char *bytes;
    size_t used, bytes_capacity;
} seen_words;

static unsigned word_hash(const char *word, int length) {
    unsigned h = 2166136261u;
    for (int i = 0; i < length; i++) h = (h ^ (unsigned char)word[i]) * 16777619u;
    return h ^ (h >> 15);
}

static void seen_clear(seen_words *w, int give_back) {
    if (give_back) {
        free(w->slots); free(w->entries); free(w->bytes);
        memset(w, 0, sizeof *w);
        return;
    }
    if (w->slots) memset(w->slots, 0, w->slot_count * sizeof *w->slots);
    w->count = 0;
    w->used = 0;
}

// The folded form of a word met before (its length, *folded pointing into the table), or -1.
static int seen_find(const seen_words *w, const char *word, int length, unsigned hash, const char **folded) {
    if (!w->slot_count) return -1;
    unsigned mask = w->slot_count - 1;
    for (unsigned i = hash & mask; w->slots[i]; i = (i + 1) & mask) {
        const seen_entry *e = &w->entries[w->slots[i] - 1];
        if (e->hash == hash && e->length == length && memcmp(w->bytes + e->offset, word, (size_t)length) == 0) {
            *folded = w->bytes + e->offset + length;
            return e->folded_length;
        }
    }
    return -1;
}

static int seen_grow_slots(seen_words *w) {
    return grow_slots(&w->slots, &w->slot_count, w->entries, w->count, sizeof *w->entries, offsetof(seen_entry, hash));
}

// Remembers a word not met before. Without memory it is simply not remembered (it is folded and
// stemmed again next time: the same result, slower).
static void seen_add(seen_words *w, const char *word, int length, unsigned hash, const char *folded, int folded_length) {
    if (length > 0xFFFF || folded_length > 0xFFFF) return;
    if (w->count >= SEEN_LIMIT) seen_clear(w, 0);
    if ((w->count + 1) * 2 > w->slot_count && !seen_grow_slots(w)) return;
    if (w->count == w->capacity) {
        unsigned capacity = w->capacity ? w->capacity * 2 : 1024;
        seen_entry *entries = realloc(w->entries, capacity * sizeof *entries);
        if (!entries) return;
        w->entries = entries;
        w->capacity = capacity;
    }
    size_t need = w->used + (size_t)length + (size_t)folded_length;
    if (need > w->bytes_capacity) {
        size_t capacity = w->bytes_capacity ? w->bytes_capacity * 2 : 16384;
        while (capacity < need) capacity *= 2;
        char *bytes = realloc(w->bytes, capacity);
        if (!bytes) return;
        w->bytes = bytes;
        w->bytes_capacity = capacity;
    }
    unsigned mask = w->slot_count - 1, i = hash & mask;
    while (w->slots[i]) i = (i + 1) & mask;
    seen_entry *e = &w->entries[w->count];
    e->hash = hash;
    e->offset = (unsigned)w->used;
    e->length = (unsigned short)length;
    e->folded_length = (unsigned short)folded_length;
    memcpy(w->bytes + w->used, word, (size_t)length);
    memcpy(w->bytes + w->used + length, folded, (size_t)folded_length);
    w->used = need;
    w->slots[i] = ++w->count;
}

// ---- the FTS5 tokenizer ----

// One per connection: the FTS5 API, the words its documents brought and the pairs they gave.
typedef struct {
    fts5_api *api;
    seen_words seen;
    form_collector forms;
} memoria_connection;

typedef struct {
    fts5_tokenizer base;          // unicode61's methods
    Fts5Tokenizer *base_instance;
    memoria_stemmer *stemmer;
    memoria_connection *connection;
} memoria_tokenizer;

typedef struct {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    memoria_stemmer *stemmer;     // NULL for queries: they are folded only
    memoria_connection *connection; // NULL for queries
    char buffer[256];
    char stem[256];
} fold_context;

static int fold_callback(void *p, int flags, const char *token, int length, int start, int end) {
    fold_context *c = p;
    if (length > (int)sizeof c->buffer - 8) return c->xToken(c->ctx, flags, token, length, start, end);
    if (!c->connection) {
        int folded = memoria_fold_token(token, length, c->buffer, (int)sizeof c->buffer);
        if (folded < 0) return c->xToken(c->ctx, flags, token, length, start, end);
        return c->xToken(c->ctx, flags, c->buffer, folded, start, end);
    }
    // A document word: met before, it was folded, stemmed and its pair collected then.
    unsigned hash = word_hash(token, length);
    const char *known = NULL;
    int folded = seen_find(&c->connection->seen, token, length, hash, &known);
    if (folded >= 0) return c->xToken(c->ctx, flags, known, folded, start, end);
    folded = memoria_fold_token(token, length, c->buffer, (int)sizeof c->buffer);
    if (folded < 0) return c->xToken(c->ctx, flags, token, length, start, end);
    int stem = memoria_stem_token(c->stemmer, token, length, c->stem, (int)sizeof c->stem);
    if (stem > 0) forms_add(&c->connection->forms, c->buffer, folded, c->stem, stem, pair_hash(c->buffer, folded, c->stem, stem));
    seen_add(&c->connection->seen, token, length, hash, c->buffer, folded);
    return c->xToken(c->ctx, flags, c->buffer, folded, start, end);
}

static int memoria_create(void *connection_pointer, const char **args, int arg_count, Fts5Tokenizer **out) {
    (void)args; (void)arg_count;
    memoria_connection *connection = connection_pointer;
    fts5_api *api = connection->api;
    memoria_tokenizer *t = calloc(1, sizeof *t);
    if (!t) return SQLITE_NOMEM;
    t->connection = connection;
    void *base_context = NULL;
    int rc = api->xFindTokenizer(api, "unicode61", &base_context, &t->base);
    if (rc != SQLITE_OK) { free(t); return rc; }
    const char *base_args[] = { "remove_diacritics", "0", "categories", "L* N* Co Mn" };
    rc = t->base.xCreate(base_context, base_args, 4, &t->base_instance);
    if (rc != SQLITE_OK) { free(t); return rc; }
    t->stemmer = memoria_stemmer_new();
    if (!t->stemmer) { t->base.xDelete(t->base_instance); free(t); return SQLITE_NOMEM; }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void memoria_delete(Fts5Tokenizer *p) {
    memoria_tokenizer *t = (memoria_tokenizer *)p;
    if (!t) return;
    if (t->base_instance) t->base.xDelete(t->base_instance);
    memoria_stemmer_free(t->stemmer);
    free(t);
}

static int memoria_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int length,
                            int (*xToken)(void *, int, const char *, int, int, int)) {
    memoria_tokenizer *t = (memoria_tokenizer *)p;
    fold_context c;
    c.ctx = ctx;
    c.xToken = xToken;
    c.stemmer = t->stemmer;
    c.connection = (flags & FTS5_TOKENIZE_DOCUMENT) ? t->connection : NULL;
    return t->base.xTokenize(t->base_instance, &c, flags, text, length, fold_callback);
}

fts5_api *memoria_fts5_api(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

static void connection_free(void *p) {
    memoria_connection *connection = p;
    if (!connection) return;
    forms_free(&connection->forms);
    seen_clear(&connection->seen, 1);
    free(connection);
}

int memoria_register_tokenizer(sqlite3 *db) {
    fts5_api *api = memoria_fts5_api(db);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    memoria_connection *connection = calloc(1, sizeof *connection);
    if (!connection) return SQLITE_NOMEM;
    connection->api = api;
    fts5_tokenizer tokenizer = { memoria_create, memoria_delete, memoria_tokenize };
    int rc = api->xCreateTokenizer(api, "memoria", connection, &tokenizer, connection_free);
    if (rc != SQLITE_OK) connection_free(connection);
    return rc;
}

static memoria_connection *connection_of(sqlite3 *db) {
    fts5_api *api = memoria_fts5_api(db);
    void *connection = NULL;
    fts5_tokenizer methods;
    if (!api || api->xFindTokenizer(api, "memoria", &connection, &methods) != SQLITE_OK) return NULL;
    return connection;
}

int memoria_forms_reset(sqlite3 *db) {
    memoria_connection *connection = connection_of(db);
    if (!connection) return SQLITE_ERROR;
    forms_reset(&connection->forms);
    seen_clear(&connection->seen, connection->seen.slot_count > (1u << 16));
    return SQLITE_OK;
}

int memoria_forms_store(sqlite3 *db) {
    memoria_connection *connection = connection_of(db);
    if (!connection) return SQLITE_ERROR;
    form_collector *f = &connection->forms;
    if (f->out_of_memory) return SQLITE_NOMEM;
    if (f->drained == f->count) return SQLITE_OK;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO search_forms (stem, word) VALUES (?1, ?2)", -1, &statement, NULL);
    for (; rc == SQLITE_OK && f->drained < f->count; f->drained++) {
        const form_entry *e = &f->entries[f->drained];
        sqlite3_bind_text(statement, 1, f->bytes + e->offset + e->word_length, e->stem_length, SQLITE_STATIC);
        sqlite3_bind_text(statement, 2, f->bytes + e->offset, e->word_length, SQLITE_STATIC);
        rc = sqlite3_step(statement);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_reset(statement);
    }
    sqlite3_finalize(statement);
    return rc;
}
