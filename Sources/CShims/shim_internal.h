// Internal helpers of the C shim (not part of its Swift-facing interface).
#ifndef MEMORIA_SHIM_INTERNAL_H
#define MEMORIA_SHIM_INTERNAL_H
#include "cshims.h"

void shim_set_error(shim_status *st, int code, const char *message);
void shim_set_errorf(shim_status *st, int code, const char *format, ...);
// Counts a warning; is_damage marks missing or corrupt data, kind is a SHIM_NOTE_* value.
void shim_add_warning(shim_status *st, int is_damage, int kind, const char *message);

#endif
