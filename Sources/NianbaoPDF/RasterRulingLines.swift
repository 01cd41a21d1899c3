import CPoppler
import NianbaoCore

/// Finds ruling lines by rendering the page and looking for long, thin, dark horizontal and vertical runs.
///
/// Used only for pages without a text layer (scans), whose lines are in an image; pages with text get their
/// ruling lines from the vector paths (`PathDocument`), exactly and at a fraction of the cost (a rendering
/// costs 12–16 ms a page, most of it drawing glyphs). A cairo script or recording surface would carry the glyphs
/// too: for a non-embedded font (WPS and Word reports in SimSun) the script surface writes the whole
/// substituted system font, 26 MB of script for a 20 MB Noto CJK file, once per font size.
///
/// The page is rendered at `scale` pixels per point (144 dpi) on white. A pixel is ink when its luminance is
/// below `inkThreshold` (light grey 0.5 pt borders still count; the palest cell shading does not). A run of
/// ink along a row (column) at least `minimumLength` long is a piece of a ruling line unless, `maxThickness`
/// away on either side, the page is mostly ink about as dark as the run itself: then it is the edge or the
/// inside of a filled area (cell shading), not a line. Lines that only exist inside glyph boxes (the strokes of large
/// characters, underlines) are removed afterwards by `RulingLineMerger.withoutText`.
final class PageRaster {
    static let defaultScale = 2.0
    /// At most this many pixels per page; larger pages are rendered at a lower scale.
    static let maxPixels = 12_000_000.0
    static let inkThreshold: UInt32 = 225
    static let maxThickness = 4.0
    /// How much darker (in luminance, 0–255) than the shading beside it a line drawn over shading must be.
    static let contrast = 25

    let surface: OpaquePointer
    let pixelWidth: Int
    let pixelHeight: Int
    let scale: Double

    /// Pixels per point for a page of `width` × `height` points.
    static func scale(width: Double, height: Double) -> Double {
        width * height * defaultScale * defaultScale > maxPixels
            ? (maxPixels / (width * height)).squareRoot() : defaultScale
    }

    /// An image surface for a page of `width` × `height` points; nil for an empty page or when cairo fails.
    init?(width: Double, height: Double) {
        guard let (scale, w, h) = Self.pixels(width: width, height: height) else { return nil }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h)) else { return nil }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            return nil
        }
        self.surface = surface
        self.pixelWidth = w
        self.pixelHeight = h
        self.scale = scale
    }

    deinit { cairo_surface_destroy(surface) }

    /// Whether this surface is the one `init(width:height:)` would make for that page (so it can be reused).
    func fits(width: Double, height: Double) -> Bool {
        guard let (scale, w, h) = Self.pixels(width: width, height: height) else { return false }
        return scale == self.scale && w == pixelWidth && h == pixelHeight
    }

    /// The scale and pixel size of a page's surface; nil for an empty page, or one whose size (from a
    /// damaged PDF: 10³² points) gives a surface cairo cannot make (over 32,767 pixels a side).
    static func pixels(width: Double, height: Double) -> (scale: Double, width: Int, height: Int)? {
        guard width >= 1, height >= 1, width.isFinite, height.isFinite else { return nil }
        let scale = Self.scale(width: width, height: height)
        let w = (width * scale).rounded(.up), h = (height * scale).rounded(.up)
        guard w <= 32767, h <= 32767 else { return nil }
        return (scale, Int(w), Int(h))
    }

    /// Paints the page on white. Call with `cairoRenderLock` held.
    func render(_ page: PDFPage) -> Bool {
        guard let context = cairo_create(surface) else { return false }
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        page.document.wasRendered = true
        poppler_page_render(page.pointer, context)
        cairo_surface_flush(surface)
        return cairo_status(context) == CAIRO_STATUS_SUCCESS
    }

    /// Pieces of ruling lines in points: one per qualifying run of each pixel row and column.
    func pieces(minimumLength: Double) -> [RulingLinePiece] {
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let pixels = UnsafeRawPointer(data).assumingMemoryBound(to: UInt32.self)
        let width = pixelWidth, height = pixelHeight
        let minimumRun = max(16, Int(minimumLength * scale))
        let limit = Self.inkThreshold << 8

        /// 256 × luminance. RGB24 is 0x00RRGGBB in a native-endian word.
        @inline(__always) func weighted(_ p: UInt32) -> UInt32 {
            let r: UInt32 = (p >> 16) & 0xFF, g: UInt32 = (p >> 8) & 0xFF, b: UInt32 = p & 0xFF
            return r &* 77 &+ g &* 150 &+ b &* 29
        }

        // One pass over the page: an ink mask per row (1 byte per pixel), horizontal runs along the row, and
        // vertical runs carried from row to row in `run`, 8 pixels at a time where possible.
        var rows: [(y: Int, x0: Int, x1: Int)] = []
        var columns: [(x: Int, y0: Int, y1: Int)] = []
        let words = (width + 7) / 8, padded = words * 8
        let mask = UnsafeMutableRawBufferPointer.allocate(byteCount: padded, alignment: 8)
        let run = UnsafeMutableBufferPointer<Int32>.allocate(capacity: padded)
        defer {
            mask.deallocate()
            run.deallocate()
        }
        mask.initializeMemory(as: UInt8.self, repeating: 0)
        run.initialize(repeating: 0)
        let maskBytes = mask.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let minimumRun32 = Int32(minimumRun)
        let ones: UInt64 = 0x0101_0101_0101_0101
        for y in 0..<height {
            let row = pixels + y * stride
            for x in 0..<width { maskBytes[x] = weighted(row[x]) < limit ? 1 : 0 }
            // Horizontal runs. A run of at least `minimumRun` (≥ 16) pixels covers at least one aligned word of
            // 8 ink pixels, so only such words start a run, extended byte by byte into the words beside it.
            var k = 0
            while k < words {
                guard mask.load(fromByteOffset: k * 8, as: UInt64.self) == ones else {
                    k += 1
                    continue
                }
                var start = k * 8
                while start > 0 && maskBytes[start - 1] != 0 { start -= 1 }
                var end = k * 8 + 8
                while end < width {
                    if end % 8 == 0 && end + 8 <= padded && mask.load(fromByteOffset: end, as: UInt64.self) == ones {
                        end += 8
                    } else if maskBytes[end] != 0 {
                        end += 1
                    } else {
                        break
                    }
                }
                end = min(end, width)
                if end - start >= minimumRun { rows.append((y, start, end)) }
                k = end / 8 + 1
            }
            // Vertical runs: skip 8 columns at once when none has ink here or an open run; otherwise update
            // the counters without branching on the (noisy) mask bits of text.
            for k in 0..<words {
                let word = mask.load(fromByteOffset: k * 8, as: UInt64.self)
                let counters = UnsafeRawPointer(run.baseAddress! + k * 8)
                let active =
                    counters.load(as: UInt64.self) | counters.load(fromByteOffset: 8, as: UInt64.self)
                    | counters.load(fromByteOffset: 16, as: UInt64.self)
                    | counters.load(fromByteOffset: 24, as: UInt64.self)
                if word == 0 && active == 0 { continue }
                for x in (k * 8)..<(k * 8 + 8) {
                    let m = Int32(maskBytes[x])
                    let length = run[x]
                    if m == 0 && length >= minimumRun32 { columns.append((x, y - Int(length), y)) }
                    run[x] = (length &+ 1) &* m
                }
            }
        }
        for x in 0..<width where Int(run[x]) >= minimumRun {
            columns.append((x, height - Int(run[x]), height))
        }

        // Which runs are lines: on each side, `reach` pixels away, the page must not be mostly ink of the
        // run's own shade. A line has paper beside it, or shading clearly lighter than itself (a border drawn
        // over a shaded cell); a run with ink of its own shade beside it is the edge or the inside of a
        // filled area, such as a shaded cell (with or without text in it).
        let reach = Int(Self.maxThickness * scale) + 1
        @inline(__always) func luminance(_ x: Int, _ y: Int) -> Int {
            guard x >= 0, y >= 0, x < width, y < height else { return 255 }
            return Int(weighted(pixels[y * stride + x]) >> 8)
        }
        let threshold = Int(Self.inkThreshold)
        func isLine(count: Int, on: (Int) -> (Int, Int), beside: [(Int) -> (Int, Int)]) -> Bool {
            for side in beside {
                var same = 0, samples = 0
                var k = 0
                while k < count {
                    let (x, y) = on(k), (sx, sy) = side(k)
                    let l = luminance(sx, sy)
                    if l < threshold && luminance(x, y) + Self.contrast >= l { same += 1 }
                    samples += 1
                    k += 2
                }
                if same * 2 > samples { return false }
            }
            return true
        }
        var pieces: [RulingLinePiece] = []
        let unit = 1 / scale
        for r in rows
        where isLine(
            count: r.x1 - r.x0, on: { (r.x0 + $0, r.y) },
            beside: [{ (r.x0 + $0, r.y - reach) }, { (r.x0 + $0, r.y + reach) }])
        {
            pieces.append(
                RulingLinePiece(
                    horizontal: true, position: (Double(r.y) + 0.5) * unit, start: Double(r.x0) * unit,
                    end: Double(r.x1) * unit, thickness: unit))
        }
        for c in columns
        where isLine(
            count: c.y1 - c.y0, on: { (c.x, c.y0 + $0) },
            beside: [{ (c.x - reach, c.y0 + $0) }, { (c.x + reach, c.y0 + $0) }])
        {
            pieces.append(
                RulingLinePiece(
                    horizontal: false, position: (Double(c.x) + 0.5) * unit, start: Double(c.y0) * unit,
                    end: Double(c.y1) * unit, thickness: unit))
        }
        return pieces
    }
}
