#ifndef NIANBAO_CTESSERACT_SHIM_H
#define NIANBAO_CTESSERACT_SHIM_H

// Tesseract's C API and the Leptonica images it reads. Linker flags come from pkg-config (tesseract pulls
// in lept), so the module map names no libraries itself. Package.swift uses this target only when the
// headers are installed (Debian libtesseract-dev); without them nianbao builds and runs without OCR.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

#endif
