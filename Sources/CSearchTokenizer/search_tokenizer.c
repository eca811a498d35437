// FTS5 tokenizer "memoria": unicode61 with remove_diacritics 0 and categories 'L* N* Co Mn', then our
// accent folding of each token, and each word's folded stem as a colocated second form (see
// search_tokenizer.h).
#include "search_tokenizer.h"
#include <libstemmer.h>
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

// ---- the words seen last, remembered ----

// Folding and running Snowball on every word of every page were most of the tokenizer's time; text
// follows Zipf's law, so a small direct-mapped table of the words seen last (word -> folded word and
// folded stem, or "no stem") answers most of them. A miss folds and stems and takes the slot. Only
// words of up to CACHE_WORD bytes are kept; the terms are the same as without the table in every case.
#define CACHE_SLOTS 16384   // 1.5 MiB, made on the first document (queries never need it)
#define CACHE_WORD 30

typedef struct {
    unsigned char word_length;    // 0: empty slot
    unsigned char folded_length;
    signed char stem_length;      // 0: the word has no second form
    char word[CACHE_WORD];
    char folded[CACHE_WORD];
    char stem[CACHE_WORD];
} word_slot;

static unsigned word_slot_index(const char *word, int length) {
    unsigned h = 2166136261u;
    for (int i = 0; i < length; i++) h = (h ^ (unsigned char)word[i]) * 16777619u;
    return (h ^ (h >> 15)) & (CACHE_SLOTS - 1);
}

// ---- the FTS5 tokenizer ----

typedef struct {
    fts5_tokenizer base;          // unicode61's methods
    Fts5Tokenizer *base_instance;
    memoria_stemmer *stemmer;
    word_slot *words;             // CACHE_SLOTS slots, or NULL (then every word is folded and stemmed)
} memoria_tokenizer;

typedef struct {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    memoria_stemmer *stemmer;     // NULL for queries: a query names stems itself
    word_slot *words;             // NULL for queries
    char buffer[256];
    char stem[256 + MEMORIA_STEM_MARK_LENGTH];
} fold_context;

// The folded word into c->buffer and its second form into c->stem after the mark. Returns the folded
// length (negative when it does not fit) and sets *stemmed to the stem's length, 0 when it has none.
static int fold_and_stem(fold_context *c, const char *token, int length, int *stemmed) {
    char *out = c->stem + MEMORIA_STEM_MARK_LENGTH;
    word_slot *slot = NULL;
    if (c->words && length <= CACHE_WORD) {
        slot = &c->words[word_slot_index(token, length)];
        if (slot->word_length == length && memcmp(slot->word, token, (size_t)length) == 0) {
            memcpy(c->buffer, slot->folded, slot->folded_length);
            memcpy(out, slot->stem, (size_t)slot->stem_length);
            *stemmed = slot->stem_length;
            return slot->folded_length;
        }
    }
    *stemmed = 0;
    int folded = memoria_fold_token(token, length, c->buffer, (int)sizeof c->buffer);
    if (folded < 0 || !c->stemmer) return folded;
    int stem = memoria_stem_token(c->stemmer, token, length, out, (int)sizeof c->stem - MEMORIA_STEM_MARK_LENGTH);
    if (stem > 0 && !(stem == folded && memcmp(out, c->buffer, (size_t)folded) == 0)) *stemmed = stem;
    if (slot && folded <= CACHE_WORD && *stemmed <= CACHE_WORD) {
        slot->word_length = (unsigned char)length;
        memcpy(slot->word, token, (size_t)length);
        slot->folded_length = (unsigned char)folded;
        memcpy(slot->folded, c->buffer, (size_t)folded);
        slot->stem_length = (signed char)*stemmed;
        memcpy(slot->stem, out, (size_t)*stemmed);
    }
    return folded;
}

static int fold_callback(void *p, int flags, const char *token, int length, int start, int end) {
    fold_context *c = p;
    // A document word that begins with the stem mark loses it: only the tokenizer writes stem terms.
    if (c->stemmer && length > MEMORIA_STEM_MARK_LENGTH && memcmp(token, MEMORIA_STEM_MARK, MEMORIA_STEM_MARK_LENGTH) == 0) {
        token += MEMORIA_STEM_MARK_LENGTH;
        length -= MEMORIA_STEM_MARK_LENGTH;
    }
    if (length > (int)sizeof c->buffer - 8) return c->xToken(c->ctx, flags, token, length, start, end);
    int stemmed = 0;
    int folded = fold_and_stem(c, token, length, &stemmed);
    if (folded < 0) return c->xToken(c->ctx, flags, token, length, start, end);
    int rc = c->xToken(c->ctx, flags, c->buffer, folded, start, end);
    if (rc != SQLITE_OK || stemmed == 0) return rc;
    memcpy(c->stem, MEMORIA_STEM_MARK, MEMORIA_STEM_MARK_LENGTH);
    return c->xToken(c->ctx, FTS5_TOKEN_COLOCATED, c->stem, stemmed + MEMORIA_STEM_MARK_LENGTH, start, end);
}

static int memoria_create(void *api_pointer, const char **args, int arg_count, Fts5Tokenizer **out) {
    (void)args; (void)arg_count;
    fts5_api *api = api_pointer;
    memoria_tokenizer *t = calloc(1, sizeof *t);
    if (!t) return SQLITE_NOMEM;
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
    free(t->words);
    free(t);
}

static int memoria_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int length,
                            int (*xToken)(void *, int, const char *, int, int, int)) {
    memoria_tokenizer *t = (memoria_tokenizer *)p;
    fold_context c;
    c.ctx = ctx;
    c.xToken = xToken;
    c.stemmer = (flags & FTS5_TOKENIZE_DOCUMENT) ? t->stemmer : NULL;
    // Without the table (no memory), every word is folded and stemmed.
    if (c.stemmer && !t->words) t->words = calloc(CACHE_SLOTS, sizeof *t->words);
    c.words = c.stemmer ? t->words : NULL;
    return t->base.xTokenize(t->base_instance, &c, flags, text, length, fold_callback);
}

static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

int memoria_register_tokenizer(sqlite3 *db) {
    fts5_api *api = fts5_api_of(db);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    fts5_tokenizer tokenizer = { memoria_create, memoria_delete, memoria_tokenize };
    return api->xCreateTokenizer(api, "memoria", api, &tokenizer, NULL);
}
