#ifndef NIANBAO_CLIBXML2_SHIM_H
#define NIANBAO_CLIBXML2_SHIM_H

// libxml2's HTML parser (an error-recovering HTML 4 parser) and the tree it builds. The include path
// (/usr/include/libxml2) and the linker flag come from pkg-config (libxml-2.0), so the module map names
// no library itself. Only NianbaoCore's HTML reader imports this module.
#include <libxml/xmlversion.h>

// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's <unicode/ucnv.h>,
// whose `UErrorCode` clashes with the ICU that Foundation bundles (`_FoundationICU`) in any Swift file
// importing both. ICU only adds two pointer fields at the end of `xmlCharEncodingHandler`, a struct
// nianbao never reads (the input reaches libxml2 as UTF-8), so the headers are read without it.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#endif
