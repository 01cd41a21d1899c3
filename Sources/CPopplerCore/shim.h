#ifndef NIANBAO_CPOPPLERCORE_SHIM_H
#define NIANBAO_CPOPPLERCORE_SHIM_H

// poppler's core library (libpoppler, Debian's libpoppler-private-dev headers), through pkg-config.
// Nothing in Swift imports it: this target only carries the include path and the linker flag to
// CPopplerPaths, whose C++ reads the vector paths poppler-glib does not expose.
#include <poppler-config.h>

#endif
