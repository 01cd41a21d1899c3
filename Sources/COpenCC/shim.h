#ifndef NIANBAO_COPENCC_SHIM_H
#define NIANBAO_COPENCC_SHIM_H

// OpenCC's C API (opencc_open, opencc_convert_utf8, opencc_convert_utf8_free, opencc_close). The header
// is C++ only under __cplusplus; Swift reads it as C. The include path (/usr/include/opencc) and the
// linker flag come from pkg-config (opencc). The dictionaries (*.ocd2, Debian libopencc1.1) and the
// configurations such as t2s.json (Debian libopencc-data) are read at run time.
#include <opencc.h>

#endif
