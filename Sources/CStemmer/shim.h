// Snowball's stemmers (Debian libstemmer-dev); Memoria uses the Spanish one.
#include <libstemmer.h>
