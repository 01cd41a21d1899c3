// Reads the ruling-line candidates of a page from its vector paths, through poppler's core interpreter
// (Gfx) and an OutputDev that keeps nothing but thin straight paint. See include/PopplerPaths.h.
//
// Why not poppler-glib: it exposes no paths. Rendering the page and scanning the raster (what
// NianbaoPDF did first) costs 12-16 ms a page, nearly all of it spent drawing the glyphs; this pass
// interprets the same content stream without drawing anything.

#include "PopplerPaths.h"

#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Stream.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

struct nb_path_document {
    std::vector<char> bytes; // MemStream reads from here; it must outlive `document`
    std::unique_ptr<PDFDoc> document;
};

namespace {

/// Collects thin axis-parallel paint. Everything else (text, images, shadings, patterns) is accepted and
/// dropped without drawing, so Gfx does no rasterising work on our behalf.
class ThinPaintCollector final : public OutputDev
{
public:
    ThinPaintCollector(double maxThickness, double maxLuminance) : maxThickness(maxThickness), maxLuminance(maxLuminance) { }

    std::vector<nb_path_piece> pieces;
    std::vector<nb_page_image> images;

    // Images are recorded (their box and pixel size), never decoded: the base class only skips the data
    // of an inline image.
    void drawImageMask(GfxState *state, Object *ref, Stream *str, int width, int height, bool invert, bool interpolate, bool inlineImg) override
    {
        OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
        placed(state, width, height);
    }
    void drawImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap, bool interpolate, const int *maskColors, bool inlineImg) override
    {
        OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
        placed(state, width, height);
    }
    void drawMaskedImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap, bool interpolate, Stream *maskStr, int maskWidth, int maskHeight, bool maskInvert,
                         bool maskInterpolate) override
    {
        placed(state, width, height);
    }
    void drawSoftMaskedImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap, bool interpolate, Stream *maskStr, int maskWidth, int maskHeight,
                             GfxImageColorMap *maskColorMap, bool maskInterpolate) override
    {
        placed(state, width, height);
    }

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return false; }
    bool interpretType3Chars() override { return false; }
    bool needNonText() override { return true; }

    // Claim shadings and tiling patterns as handled: otherwise Gfx draws them itself as many thin filled
    // strips, which would look like ruling lines.
    bool useTilingPatternFill() override { return true; }
    bool useShadedFills(int) override { return true; }
    bool tilingPatternFill(GfxState *, Gfx *, Catalog *, GfxTilingPattern *, const double *, int, int, int, int, double, double) override { return true; }
    bool functionShadedFill(GfxState *, GfxFunctionShading *) override { return true; }
    bool axialShadedFill(GfxState *, GfxAxialShading *, double, double) override { return true; }
    bool radialShadedFill(GfxState *, GfxRadialShading *, double, double) override { return true; }
    bool gouraudTriangleShadedFill(GfxState *, GfxGouraudTriangleShading *) override { return true; }
    bool patchMeshShadedFill(GfxState *, GfxPatchMeshShading *) override { return true; }

    void stroke(GfxState *state) override
    {
        if (!visible(state, true)) {
            return;
        }
        const double width = state->getTransformedLineWidth();
        if (width > maxThickness || hasVisibleGaps(state)) {
            return;
        }
        const double thickness = width > 0 ? width : 0.5; // width 0: the thinnest line the device can draw
        const GfxPath *path = state->getPath();
        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath *sub = path->getSubpath(s);
            double px = 0, py = 0;
            for (int i = 0; i < sub->getNumPoints(); ++i) {
                double x, y;
                state->transform(sub->getX(i), sub->getY(i), &x, &y);
                if (i > 0 && !sub->getCurve(i)) {
                    addSegment(px, py, x, y, thickness);
                }
                px = x;
                py = y;
            }
            if (sub->isClosed() && sub->getNumPoints() > 1) {
                double x, y;
                state->transform(sub->getX(0), sub->getY(0), &x, &y);
                addSegment(px, py, x, y, thickness);
            }
        }
    }

    void fill(GfxState *state) override { filled(state); }
    void eoFill(GfxState *state) override { filled(state); }

private:
    static constexpr double straightness = 0.5; // points a "straight" segment may drift across its length

    double maxThickness;
    double maxLuminance;

    bool visible(GfxState *state, bool stroking) const
    {
        GfxRGB rgb;
        if (stroking) {
            if (state->getStrokeOpacity() < 0.25) {
                return false;
            }
            state->getStrokeRGB(&rgb);
        } else {
            if (state->getFillOpacity() < 0.25) {
                return false;
            }
            state->getFillRGB(&rgb);
        }
        const double luminance = 0.299 * colToDbl(rgb.r) + 0.587 * colToDbl(rgb.g) + 0.114 * colToDbl(rgb.b);
        return luminance <= maxLuminance;
    }

    /// A dash pattern whose gaps would show (more than 1.5 points on the page): a dotted or dashed line,
    /// drawn for decoration, not a cell border.
    static bool hasVisibleGaps(GfxState *state)
    {
        double phase;
        const std::vector<double> &dash = state->getLineDash(&phase);
        for (size_t i = 1; i < dash.size(); i += 2) {
            if (state->transformWidth(dash[i]) > 1.5) {
                return true;
            }
        }
        return false;
    }

    /// The image's unit square through the current transformation: its box on the page.
    void placed(GfxState *state, int width, int height)
    {
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        const double corners[4][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };
        for (const auto &corner : corners) {
            double x, y;
            state->transform(corner[0], corner[1], &x, &y);
            x0 = std::fmin(x0, x);
            y0 = std::fmin(y0, y);
            x1 = std::fmax(x1, x);
            y1 = std::fmax(y1, y);
        }
        if (std::isfinite(x0) && std::isfinite(y0) && std::isfinite(x1) && std::isfinite(y1) && width > 0 && height > 0) {
            images.push_back({ x0, y0, x1, y1, width, height });
        }
    }

    void addSegment(double x0, double y0, double x1, double y1, double thickness)
    {
        if (std::fabs(y1 - y0) <= straightness && std::fabs(x1 - x0) > straightness) {
            pieces.push_back({ 1, (y0 + y1) / 2, std::fmin(x0, x1), std::fmax(x0, x1), thickness });
        } else if (std::fabs(x1 - x0) <= straightness && std::fabs(y1 - y0) > straightness) {
            pieces.push_back({ 0, (x0 + x1) / 2, std::fmin(y0, y1), std::fmax(y0, y1), thickness });
        }
    }

    /// A filled sub-path thin in one direction is a ruling line drawn as a rectangle (Word draws its borders
    /// so); anything wider is an area (cell shading, a logo), whose edges are not ruling lines.
    void filled(GfxState *state)
    {
        if (!visible(state, false)) {
            return;
        }
        const GfxPath *path = state->getPath();
        for (int s = 0; s < path->getNumSubpaths(); ++s) {
            const GfxSubpath *sub = path->getSubpath(s);
            if (sub->getNumPoints() < 2) {
                continue;
            }
            double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
            for (int i = 0; i < sub->getNumPoints(); ++i) {
                double x, y;
                state->transform(sub->getX(i), sub->getY(i), &x, &y);
                x0 = std::fmin(x0, x);
                y0 = std::fmin(y0, y);
                x1 = std::fmax(x1, x);
                y1 = std::fmax(y1, y);
            }
            const double w = x1 - x0, h = y1 - y0;
            if (h <= maxThickness && w > h) {
                pieces.push_back({ 1, (y0 + y1) / 2, x0, x1, h });
            } else if (w <= maxThickness && h > w) {
                pieces.push_back({ 0, (x0 + x1) / 2, y0, y1, w });
            }
        }
    }
};

bool noAnnotations(Annot *, void *)
{
    return false;
}

} // namespace

extern "C" nb_path_document *nb_path_document_open(const unsigned char *bytes, size_t length)
{
    if (!globalParams || bytes == nullptr || length == 0) {
        return nullptr;
    }
    auto result = new (std::nothrow) nb_path_document;
    if (result == nullptr) {
        return nullptr;
    }
    try {
        result->bytes.assign(reinterpret_cast<const char *>(bytes), reinterpret_cast<const char *>(bytes) + length);
        auto stream = new MemStream(result->bytes.data(), 0, static_cast<Goffset>(length), Object(objNull));
        result->document = std::make_unique<PDFDoc>(stream); // takes the stream
    } catch (...) {
        delete result;
        return nullptr;
    }
    if (!result->document->isOk()) {
        delete result;
        return nullptr;
    }
    return result;
}

extern "C" void nb_path_document_close(nb_path_document *document)
{
    delete document;
}

extern "C" int nb_path_document_page_count(nb_path_document *document)
{
    return document == nullptr ? 0 : document->document->getNumPages();
}

extern "C" long nb_path_document_page_pieces(nb_path_document *document, int index, double max_thickness, double max_luminance,
                                             nb_path_piece **pieces, nb_page_image **images, long *image_count)
{
    *pieces = nullptr;
    *images = nullptr;
    *image_count = 0;
    if (document == nullptr || index < 0 || index >= document->document->getNumPages()) {
        return -1;
    }
    try {
        ThinPaintCollector collector(max_thickness, max_luminance);
        // 72 dpi: device space is points. Rotation 0 on top of the page's own /Rotate, the crop box, as
        // poppler-glib lays out text.
        document->document->displayPage(&collector, index + 1, 72, 72, 0, false, true, false, nullptr, nullptr, noAnnotations, nullptr);
        if (!collector.images.empty()) {
            const size_t n = collector.images.size();
            auto placed = static_cast<nb_page_image *>(std::malloc(n * sizeof(nb_page_image)));
            if (placed != nullptr) {
                std::memcpy(placed, collector.images.data(), n * sizeof(nb_page_image));
                *images = placed;
                *image_count = static_cast<long>(n);
            }
        }
        const size_t count = collector.pieces.size();
        if (count == 0) {
            return 0;
        }
        auto out = static_cast<nb_path_piece *>(std::malloc(count * sizeof(nb_path_piece)));
        if (out == nullptr) {
            return -1;
        }
        std::memcpy(out, collector.pieces.data(), count * sizeof(nb_path_piece));
        *pieces = out;
        return static_cast<long>(count);
    } catch (...) {
        return -1;
    }
}

extern "C" void nb_path_pieces_free(void *pieces)
{
    std::free(pieces);
}
