/// The extraction stage's output for PDFs: what is printed on each page, positioned.
///
/// Coordinates are PDF points in the page as displayed (its /Rotate applied), origin at the top left,
/// y growing downwards. The PDF binding produces these values; everything after it is pure Swift.

/// One page: its size, characters in content order, and ruling lines.
public struct PageGlyphs: Sendable {
    /// 1-based page number.
    public var number: Int
    public var width: Double
    public var height: Double
    public var glyphs: [Glyph]
    public var rulingLines: [RulingLine]
    /// The images drawn on the page (known where its paths were read: pages that may hold a table, and
    /// pages without text).
    public var images: [PlacedImage]
    public init(
        number: Int, width: Double, height: Double, glyphs: [Glyph], rulingLines: [RulingLine],
        images: [PlacedImage] = []
    ) {
        self.number = number
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.rulingLines = rulingLines
        self.images = images
    }
}

/// An image drawn on a page: where (points), and how many pixels it has, which gives its resolution.
public struct PlacedImage: Sendable, Hashable {
    public var box: Box
    public var pixelWidth: Int
    public var pixelHeight: Int
    public init(box: Box, pixelWidth: Int, pixelHeight: Int) {
        self.box = box
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }
    /// Dots per inch across the image, as placed (the larger of its two directions' resolutions, so that
    /// an image drawn turned by 90° is not misjudged).
    public var dpi: Double {
        let w = max(box.x1 - box.x0, 0.01), h = max(box.y1 - box.y0, 0.01)
        let a = Double(pixelWidth) / w * 72, b = Double(pixelHeight) / h * 72
        let c = Double(pixelHeight) / w * 72, d = Double(pixelWidth) / h * 72
        return max(min(a, b), min(c, d))
    }
}
