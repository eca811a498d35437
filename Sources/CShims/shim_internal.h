// Internal helpers of the C shim (not part of its Swift-facing interface).
#ifndef MEMORIA_SHIM_INTERNAL_H
#define MEMORIA_SHIM_INTERNAL_H
#include "cshims.h"

void shim_set_error(shim_status *st, int code, const char *message);
void shim_set_errorf(shim_status *st, int code, const char *format, ...);
void shim_add_warning(shim_status *st, int is_damage, const char *message);

#endif
