// Status helpers shared by the codec shims.
#include "cshims.h"
#include "shim_internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void shim_status_reset(shim_status *st) {
    memset(st, 0, sizeof(*st));
}

void shim_free(void *p) {
    free(p);
}

void shim_set_error(shim_status *st, int code, const char *message) {
    // Keep the first error: later ones are usually consequences of it.
    if (st->code != SHIM_OK) return;
    st->code = code;
    snprintf(st->message, sizeof st->message, "%s", message ? message : "");
}

void shim_set_errorf(shim_status *st, int code, const char *format, ...) {
    if (st->code != SHIM_OK) return;
    char buffer[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(buffer, sizeof buffer, format, ap);
    va_end(ap);
    shim_set_error(st, code, buffer);
}

void shim_add_warning(shim_status *st, int is_damage, int kind, const char *message) {
    st->warnings += 1;
    if (is_damage) {
        st->damage_warnings += 1;
        if (st->damage_warnings == 1 && st->code == SHIM_OK)
            snprintf(st->message, sizeof st->message, "%s", message);
    }
    // Keep each distinct text once: libtiff repeats the same warning for every page of a file.
    for (int i = 0; i < st->note_count; i++)
        if (strncmp(st->notes[i].text, message, sizeof st->notes[i].text - 1) == 0) return;
    if (st->note_count >= SHIM_MAX_NOTES) return;
    shim_note *note = &st->notes[st->note_count++];
    note->damage = is_damage ? 1 : 0;
    note->kind = kind;
    snprintf(note->text, sizeof note->text, "%s", message);
}
