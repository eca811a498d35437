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

void shim_add_warning(shim_status *st, int is_damage, const char *message) {
    st->warnings += 1;
    if (st->warnings == 1) snprintf(st->first_warning, sizeof st->first_warning, "%s", message);
    snprintf(st->last_warning, sizeof st->last_warning, "%s", message);
    if (is_damage) {
        st->damage_warnings += 1;
        if (st->damage_warnings == 1 && st->code == SHIM_OK)
            snprintf(st->message, sizeof st->message, "%s", message);
    }
}
