import CPoppler
import NianbaoCore

/// Renders pages of one PDF to pixels, for OCR: the whole page or a region of it, at a given number of
/// pixels per point, on white. Owns its `PDFDocument`; never shared across threads (one per document a
/// worker reads). Rendering goes through `cairoRenderLock`, as everywhere poppler draws.
public final class PageRenderer {
    private let document: PDFDocument

    public init(bytes: [UInt8]) throws(UnreadableDocument) {
        try PDFExtractor.checkHeader(bytes)
        PDFExtractor.warmUp()
        document = try PDFDocument(bytes: bytes)
    }

    public var pageCount: Int { document.pageCount }

    /// Page `number`'s size as displayed, in points; nil for a page that does not exist.
    public func size(page number: Int) -> (width: Double, height: Double)? {
        guard number >= 1, number <= pageCount, let page = PDFPage(document, index: number - 1) else { return nil }
        return page.size
    }

    /// The most pixels a rendering may have (a 300 dpi A3 page is 35 million): a larger request is scaled
    /// down to this.
    public static let maxPixels = 40_000_000.0

    /// Page `number` (1-based), or its `region` (points, as displayed), at `scale` pixels per point; nil
    /// for a page that does not exist, is empty, or that cairo cannot draw. The image's `scale` is the one
    /// used, lower than asked when the request was too large.
    public func render(page number: Int, scale wanted: Double, region: Box? = nil) -> RGBImage? {
        guard number >= 1, number <= pageCount, let page = PDFPage(document, index: number - 1) else { return nil }
        let (width, height) = page.size
        let area = region ?? Box(x0: 0, y0: 0, x1: width, y1: height)
        guard area.x1 - area.x0 >= 1, area.y1 - area.y0 >= 1, wanted > 0, wanted.isFinite else { return nil }
        var scale = wanted
        let pixels = (area.x1 - area.x0) * (area.y1 - area.y0) * scale * scale
        if pixels > Self.maxPixels { scale *= (Self.maxPixels / pixels).squareRoot() }
        let w = Int(((area.x1 - area.x0) * scale).rounded(.up)), h = Int(((area.y1 - area.y0) * scale).rounded(.up))
        guard w >= 1, h >= 1, w <= 32767, h <= 32767,
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))
        else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        let drawn: Bool = cairoRenderLock.withLock { _ in
            guard let context = cairo_create(surface) else { return false }
            defer { cairo_destroy(context) }
            cairo_set_source_rgb(context, 1, 1, 1)
            cairo_paint(context)
            cairo_scale(context, scale, scale)
            cairo_translate(context, -area.x0, -area.y0)
            document.wasRendered = true
            poppler_page_render(page.pointer, context)
            cairo_surface_flush(surface)
            return cairo_status(context) == CAIRO_STATUS_SUCCESS
        }
        guard drawn, let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let source = UnsafeRawPointer(data).assumingMemoryBound(to: UInt32.self)
        var out = [UInt32](repeating: 0, count: w * h)
        out.withUnsafeMutableBufferPointer { target in
            for y in 0..<h {
                (target.baseAddress! + y * w).update(from: source + y * stride, count: w)
            }
        }
        withExtendedLifetime(page) {}
        return RGBImage(width: w, height: h, pixels: out, scale: scale)
    }
}
