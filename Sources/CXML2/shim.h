// libxml2 for Swift. Debian builds libxml2 with ICU, whose headers clash with the ICU copy that
// Foundation ships ("UErrorCode has different definitions"); hiding LIBXML_ICU_ENABLED only removes
// two trailing pointer fields of xmlCharEncodingHandler, a struct Swift never allocates.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/catalog.h>

// xmlFree is a global function-pointer variable, which strict concurrency will not let Swift read.
static inline void memoria_xml_free(void *pointer) { xmlFree(pointer); }
