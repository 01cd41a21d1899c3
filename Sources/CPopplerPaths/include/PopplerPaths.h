#ifndef NIANBAO_POPPLER_PATHS_H
#define NIANBAO_POPPLER_PATHS_H

// The straight, axis-parallel pieces of the lines and thin filled rectangles painted on a PDF page: the
// candidates for the ruling lines of tables, read from the page's content stream by poppler's core Gfx
// interpreter.
// poppler-glib has no access to vector paths; this is the one C++ file that uses poppler's private API.
//
// Coordinates are points on the page as displayed (its /Rotate applied, relative to the crop box), origin
// top left, y down: the same space as poppler-glib's text layout.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nb_path_piece {
    /// 1 for a horizontal piece, 0 for a vertical one.
    int horizontal;
    /// y of a horizontal piece's centre line, x of a vertical one.
    double position;
    /// The extent along the line (x0...x1 or y0...y1), start <= end.
    double start;
    double end;
    /// Thickness across the line (stroke width or rectangle height/width).
    double thickness;
} nb_path_piece;

/// An image drawn on the page: its bounding box (points, as above) and its size in pixels, from which the
/// resolution of a scan follows.
typedef struct nb_page_image {
    double x0, y0, x1, y1;
    int pixel_width;
    int pixel_height;
} nb_page_image;

typedef struct nb_path_document nb_path_document;

/// Opens a PDF held in memory (the bytes are copied). NULL when poppler cannot open it, or when poppler's
/// global parameters are not set up yet (open a document through poppler-glib first).
nb_path_document *nb_path_document_open(const unsigned char *bytes, size_t length);

void nb_path_document_close(nb_path_document *document);

int nb_path_document_page_count(nb_path_document *document);

/// The pieces painted on page `index` (0-based) that are at most `max_thickness` points thick: segments
/// of stroked lines (curves skipped, dashed lines with visible gaps skipped) and filled sub-paths whose
/// bounding box is that thin. Paint lighter than `max_luminance` (0 black, 1 white) or nearly transparent
/// is skipped, and so are text, images, shadings, patterns and annotations. Returns the number of pieces
/// and sets `*pieces` to an array the caller frees with `nb_path_pieces_free`; -1 for a bad index.
/// The images drawn on the page (never decoded) come in `*images` (`*image_count` of them), freed with
/// `nb_path_pieces_free` too.
long nb_path_document_page_pieces(nb_path_document *document, int index, double max_thickness, double max_luminance,
                                  nb_path_piece **pieces, nb_page_image **images, long *image_count);

void nb_path_pieces_free(void *pieces);

#ifdef __cplusplus
}
#endif

#endif
