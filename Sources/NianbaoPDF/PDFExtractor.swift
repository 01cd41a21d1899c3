import CPoppler
import NianbaoCore

/// PDF → positioned characters and ruling lines, through poppler-glib.
///
/// Coordinates are points in the page as displayed (its /Rotate applied, relative to the crop box), origin
/// at the top left, y down, as `PageGlyphs` documents. Glyphs come in poppler's content order, which in
/// tables may run column by column; whitespace is not returned (word gaps are gaps between boxes). Ruling
/// lines are centre lines (`y0 == y1` for horizontal ones, `x0 == x1` for vertical ones), joined across
/// cells, at least `minimumRulingLineLength` long, accurate to about half a point. No layout happens here:
/// lines, cells and reading order are built by the caller from the glyph boxes and the ruling lines.
///
/// Threads: every call opens its own `PopplerDocument`, so calls on different documents may run
/// concurrently. poppler initialises some global state lazily and without a lock; the first call (or
/// `warmUp()`) does that once, under Swift's one-time initialisation, before any other poppler work.
/// Ruling lines come from the vector paths, read through poppler's core library (`PathDocument`). Rendering,
/// only for pages without text, is serialised process-wide because poppler's cairo backend shares one
/// FreeType library between documents; text extraction and path reading are not.
public enum PDFExtractor {
    /// Ruling lines shorter than this (points) are dropped.
    public static let minimumRulingLineLength = 10.0
    /// The same on pages without glyphs (scans), where the strokes of the characters in the image cannot be
    /// told from ruling lines by glyph boxes.
    public static let minimumRulingLineLengthWithoutText = 30.0

    /// Extracts every page of a PDF held in memory.
    ///
    /// - Parameter rulingLines: also recover ruling lines, from the page's vector paths (`PathDocument`), or
    ///   from a rendering of a page without text (`PageRaster`). With `false`, every page's `rulingLines`
    ///   is empty.
    /// - Throws: `.empty` for an empty file, `.notPDF` when the bytes are not a PDF, `.encrypted` when a
    ///   password is needed to open it, `.corrupt` when it is damaged, truncated or has no pages.
    ///   A page without a text layer (a scan) is not an error: it comes back with no glyphs, and with the
    ///   ruling lines found in its image that are at least `minimumRulingLineLengthWithoutText` long.
    public static func pages(of bytes: [UInt8], rulingLines: Bool = true) throws(UnreadableDocument) -> [PageGlyphs] {
        try pages(of: bytes, rulingLinesFor: { _ in rulingLines })
    }

    /// Extracts every page, recovering ruling lines only on the pages `rulingLinesFor` asks for (given the
    /// page's glyphs): prose pages need no ruling lines.
    public static func pages(
        of bytes: [UInt8], rulingLinesFor wantsRulingLines: ([Glyph]) -> Bool
    ) throws(UnreadableDocument) -> [PageGlyphs] {
        try checkHeader(bytes)
        try checkEnd(bytes)
        warmUp()
        let document = try PDFDocument(bytes: bytes)
        let count = document.pageCount
        guard count > 0 else {
            throw UnreadableDocument(.corrupt, "the PDF has no pages (it may be damaged or truncated)")
        }
        var pages: [PageGlyphs] = []
        pages.reserveCapacity(count)
        var raster: PageRaster?
        // Opened on the first page that needs ruling lines from its paths; nil when poppler's core cannot open it.
        lazy var paths = PathDocument(bytes: bytes)
        for index in 0..<count {
            guard let page = PDFPage(document, index: index) else {
                throw UnreadableDocument(.corrupt, "page \(index + 1) of \(count) of the PDF cannot be read")
            }
            let (width, height) = page.size
            let glyphs = page.glyphs()
            var segments: [RulingLine] = []
            var images: [PlacedImage] = []
            let wanted = wantsRulingLines(glyphs)
            if !wanted || glyphs.isEmpty, let document = paths {
                // The images of every page (a scan's give its resolution; a text page's may be a table pasted
                // as a picture), read in the same pass as the paths where those are wanted.
                images = document.pieces(page: index)?.images ?? []
            }
            if wanted {
                // Ruling lines come from the vector paths. A page without text (a scan) has none: its lines
                // are in the image, found on a rendering, and as strokes of characters cannot be told from
                // ruling lines by glyph boxes there, only lines long enough not to be strokes are kept. The
                // rendering is also the fallback when the core library cannot read the page.
                var pieces: [RulingLinePiece]?
                var minimum = minimumRulingLineLength
                if !glyphs.isEmpty, let document = paths, let read = document.pieces(page: index) {
                    pieces = read.pieces
                    images = read.images
                }
                if pieces == nil {
                    if raster?.fits(width: width, height: height) != true {
                        raster = PageRaster(width: width, height: height)
                    }
                    if let raster, cairoRenderLock.withLock({ _ in raster.render(page) }) {
                        if glyphs.isEmpty { minimum = minimumRulingLineLengthWithoutText }
                        pieces = raster.pieces(minimumLength: minimum)
                    }
                }
                if let pieces {
                    let merged = RulingLineMerger.merge(pieces, width: width, height: height, minimumLength: minimum)
                    segments = RulingLineMerger.withoutText(merged, glyphs: glyphs)
                }
            }
            pages.append(
                PageGlyphs(
                    number: index + 1, width: width, height: height, glyphs: glyphs, rulingLines: segments,
                    images: images))
        }
        // The document must be released outside the lock (its deinit takes the lock when it was rendered).
        withExtendedLifetime(document) {}
        return pages
    }

    /// Sets up poppler's lazily initialised global state (global parameters, colour management, font
    /// lookup, the FreeType library) by opening, reading and rendering a tiny built-in page. Runs once per
    /// process; later calls return at once. `pages(of:)` calls it too, so calling it explicitly at
    /// start-up only moves the cost.
    public static func warmUp() {
        _ = warmedUp
    }

    /// The share of characters that look like a failed text layer (`OCRPlan.garbledFraction`).
    public static func garbledFraction(of pages: [PageGlyphs]) -> Double {
        OCRPlan.garbledFraction(of: pages)
    }

    /// Rejects what cannot be a PDF before poppler sees it. PDF readers accept the `%PDF-` header anywhere
    /// in the first 1024 bytes (some producers prepend junk), so this does too.
    static func checkHeader(_ bytes: [UInt8]) throws(UnreadableDocument) {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0 }) {
            throw UnreadableDocument(.empty, "the file is empty")
        }
        let header: [UInt8] = Array("%PDF-".utf8)
        let window = bytes.prefix(1024)
        if window.count >= header.count {
            for start in window.startIndex...(window.endIndex - header.count)
            where bytes[start] == header[0] && bytes[start..<(start + header.count)].elementsEqual(header) {
                return
            }
        }
        throw UnreadableDocument(
            .notPDF, "not a PDF file (no %PDF header)\(looksLike(bytes).map { ": it looks like \($0)" } ?? "")")
    }

    /// Rejects a file cut short (an interrupted download): every complete PDF, incremental updates
    /// included, ends with `%%EOF`, give or take some trailing bytes. poppler would reconstruct such a file
    /// and silently return what it could find of it.
    static func checkEnd(_ bytes: [UInt8]) throws(UnreadableDocument) {
        let marker: [UInt8] = Array("%%EOF".utf8)
        let tail = bytes.suffix(1024)
        if tail.count >= marker.count {
            for start in stride(from: tail.endIndex - marker.count, through: tail.startIndex, by: -1)
            where bytes[start] == marker[0] && bytes[start..<(start + marker.count)].elementsEqual(marker) {
                return
            }
        }
        throw UnreadableDocument(.corrupt, "the PDF is truncated (it has no end-of-file marker)")
    }

    /// A guess at what a non-PDF file is, for the message.
    static func looksLike(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "a ZIP archive or an Office document (.docx, .xlsx, .wps)"
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "an old Office document (.doc, .xls, .wps)" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if bytes.starts(with: Array("{\\rtf".utf8)) { return "an RTF document" }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype html") { return "an HTML page" }
        return nil
    }

    private static let warmedUp: Void = {
        guard let document = try? PDFDocument(bytes: WarmUpPDF.bytes), let page = PDFPage(document, index: 0) else {
            return
        }
        _ = page.glyphs()
        let (width, height) = page.size
        if let raster = PageRaster(width: width, height: height) {
            _ = cairoRenderLock.withLock { _ in raster.render(page) }
        }
        withExtendedLifetime(page) {}
    }()
}
