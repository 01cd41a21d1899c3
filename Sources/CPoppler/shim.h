#ifndef NIANBAO_CPOPPLER_SHIM_H
#define NIANBAO_CPOPPLER_SHIM_H

// poppler-glib and the cairo it draws with. Linker flags come from pkg-config (poppler-glib pulls in
// glib-2.0, gobject-2.0 and cairo), so the module map names no libraries itself.
#include <poppler.h>
#include <cairo.h>


#endif
