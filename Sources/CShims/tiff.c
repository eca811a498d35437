// libtiff with per-handle error and warning handlers (no global state, nothing on stderr), and
// non-variadic wrappers for TIFFGetField/TIFFSetField, which Swift cannot call directly.
#include "cshims.h"
#include "shim_internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Warnings that mean the file's structure or data is damaged; other warnings (unknown tags, ...)
// are recorded but do not make the file fail validation.
static int is_damage_tiff_warning(const char *text) {
    static const char *damage[] = {
        "Bogus", "Incorrect count", "Seek error", "Read error", "not sorted",
        "wrong data type", "Sum of Photometric", "Invalid", "corrupt", "Corrupt", "Premature",
        "Not enough data", "Inconsistent", "overflow", "truncated", "Truncated", "Cannot handle",
        "Nonstandard", "Integer overflow", "Unexpected", "missing", NULL
    };
    for (int i = 0; damage[i]; i++) if (strstr(text, damage[i])) return 1;
    return 0;
}

// A directory chain that loops back ends the file there: every directory before it is read, so it is
// a quirk to name (libtiff stops following the chain), not damage.
static int tiff_note_kind(const char *text) {
    return strstr(text, "IFD looping") ? SHIM_NOTE_TIFF_LOOP : SHIM_NOTE_OTHER;
}

static void format_message(char *buffer, size_t size, const char *module, const char *fmt, va_list ap) {
    char body[400];
    vsnprintf(body, sizeof body, fmt, ap);
    if (module && *module) snprintf(buffer, size, "%s: %s", module, body);
    else snprintf(buffer, size, "%s", body);
}

static int on_tiff_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif;
    shim_status *st = user;
    char text[512];
    format_message(text, sizeof text, module, fmt, ap);
    shim_set_error(st, SHIM_LIBRARY, text);
    return 1;   // handled: libtiff's global handler (stderr) is not called
}

static int on_tiff_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif;
    shim_status *st = user;
    char text[512];
    format_message(text, sizeof text, module, fmt, ap);
    int kind = tiff_note_kind(text);
    shim_add_warning(st, kind == SHIM_NOTE_OTHER && is_damage_tiff_warning(text), kind, text);
    return 1;
}

shim_tiff *shim_tiff_open(const char *path, const char *mode, uint64_t max_single_alloc, shim_status *open_status) {
    shim_tiff *h = calloc(1, sizeof *h);
    if (!h) { shim_set_error(open_status, SHIM_IO, "out of memory"); return NULL; }
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (!options) { free(h); shim_set_error(open_status, SHIM_IO, "out of memory"); return NULL; }
    TIFFOpenOptionsSetErrorHandlerExtR(options, on_tiff_error, &h->status);
    TIFFOpenOptionsSetWarningHandlerExtR(options, on_tiff_warning, &h->status);
    if (max_single_alloc > 0) TIFFOpenOptionsSetMaxSingleMemAlloc(options, (tmsize_t)max_single_alloc);
    h->tif = TIFFOpenExt(path, mode, options);
    TIFFOpenOptionsFree(options);
    if (!h->tif) {
        *open_status = h->status;
        if (open_status->code == SHIM_OK) shim_set_error(open_status, SHIM_IO, "cannot open the file as TIFF");
        free(h);
        return NULL;
    }
    return h;
}

void shim_tiff_close(shim_tiff *h) {
    if (!h) return;
    if (h->tif) TIFFClose(h->tif);
    free(h);
}

int shim_tiff_get_u16(TIFF *tif, uint32_t tag, uint16_t *value) { return TIFFGetField(tif, tag, value); }
int shim_tiff_get_u32(TIFF *tif, uint32_t tag, uint32_t *value) { return TIFFGetField(tif, tag, value); }
int shim_tiff_get_float(TIFF *tif, uint32_t tag, float *value) { return TIFFGetField(tif, tag, value); }
int shim_tiff_get_string(TIFF *tif, uint32_t tag, const char **value) { return TIFFGetField(tif, tag, value); }
int shim_tiff_get_defaulted_u16(TIFF *tif, uint32_t tag, uint16_t *value) { return TIFFGetFieldDefaulted(tif, tag, value); }

int shim_tiff_get_u16_array(TIFF *tif, uint32_t tag, uint16_t *count, const uint16_t **values) {
    uint16_t *v = NULL;
    int ok = TIFFGetField(tif, tag, count, &v);
    *values = v;
    return ok;
}

int shim_tiff_get_bytes(TIFF *tif, uint32_t tag, uint32_t *count, const void **values) {
    void *v = NULL;
    int ok = TIFFGetField(tif, tag, count, &v);
    *values = v;
    return ok;
}

int shim_tiff_get_colormap(TIFF *tif, const uint16_t **red, const uint16_t **green, const uint16_t **blue) {
    uint16_t *r = NULL, *g = NULL, *b = NULL;
    int ok = TIFFGetField(tif, TIFFTAG_COLORMAP, &r, &g, &b);
    *red = r; *green = g; *blue = b;
    return ok;
}

int shim_tiff_set_jpeg_rgb(TIFF *tif) { return TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB); }
int shim_tiff_set_u16(TIFF *tif, uint32_t tag, uint16_t value) { return TIFFSetField(tif, tag, (int)value); }
int shim_tiff_set_u32(TIFF *tif, uint32_t tag, uint32_t value) { return TIFFSetField(tif, tag, value); }
int shim_tiff_set_float(TIFF *tif, uint32_t tag, float value) { return TIFFSetField(tif, tag, (double)value); }
int shim_tiff_set_string(TIFF *tif, uint32_t tag, const char *value) { return TIFFSetField(tif, tag, value); }
int shim_tiff_set_extrasamples(TIFF *tif, uint16_t count, const uint16_t *values) {
    return TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, count, values);
}
