import CPopplerPaths
import NianbaoCore

/// Owns a second, core-poppler view of a PDF (`CPopplerPaths`): the vector paths of its pages, which
/// poppler-glib does not expose. Ruling lines read from the paths are exact and cost a fraction of a
/// rendered page: the content stream is interpreted, nothing is drawn, no font is loaded.
///
/// Never shared across threads, like `PDFDocument`. Open it after a `PDFDocument` of the same bytes: that
/// sets up poppler's global parameters, which the core library needs and does not create itself.
final class PathDocument {
    private let pointer: OpaquePointer

    /// nil when poppler's core cannot open the bytes (poppler-glib could, or this would not be called).
    init?(bytes: [UInt8]) {
        guard let pointer = bytes.withUnsafeBufferPointer({ nb_path_document_open($0.baseAddress, $0.count) }) else {
            return nil
        }
        self.pointer = pointer
    }

    deinit { nb_path_document_close(pointer) }

    /// The thin, straight, dark pieces painted on page `index` (0-based), and the images drawn on it;
    /// nil when the page's content cannot be read.
    func pieces(
        page index: Int, maxThickness: Double = PageRaster.maxThickness
    ) -> (pieces: [RulingLinePiece], images: [PlacedImage])? {
        var buffer: UnsafeMutablePointer<nb_path_piece>?
        var imageBuffer: UnsafeMutablePointer<nb_page_image>?
        var imageCount = 0
        // Paint lighter than the raster's ink threshold would not have been a ruling line there either.
        let count = nb_path_document_page_pieces(
            pointer, Int32(index), maxThickness, Double(PageRaster.inkThreshold) / 255, &buffer, &imageBuffer,
            &imageCount)
        defer {
            nb_path_pieces_free(buffer)
            nb_path_pieces_free(imageBuffer)
        }
        guard count >= 0 else { return nil }
        let images =
            imageBuffer.map { buffer in
                UnsafeBufferPointer(start: buffer, count: imageCount).map {
                    PlacedImage(
                        box: Box(x0: $0.x0, y0: $0.y0, x1: $0.x1, y1: $0.y1), pixelWidth: Int($0.pixel_width),
                        pixelHeight: Int($0.pixel_height))
                }
            } ?? []
        guard let buffer else { return ([], images) }
        let pieces = UnsafeBufferPointer(start: buffer, count: count).map {
            RulingLinePiece(
                horizontal: $0.horizontal != 0, position: $0.position, start: $0.start, end: $0.end,
                thickness: $0.thickness)
        }
        return (pieces, images)
    }
}
