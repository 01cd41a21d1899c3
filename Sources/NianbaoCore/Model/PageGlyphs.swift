/// The extraction stage's output for PDFs: what is printed on each page, positioned.
///
/// Coordinates are PDF points in the page as displayed (its /Rotate applied), origin at the top left,
/// y growing downwards. The PDF binding produces these values; everything after it is pure Swift.

/// One character as printed.
public struct Glyph: Sendable, Hashable {
    public var character: Character
    public var box: Box
    public var fontSize: Double
    public init(character: Character, box: Box, fontSize: Double) {
        self.character = character; self.box = box; self.fontSize = fontSize
    }
}

/// A straight ruling line (a table border): a stroked line or a thin filled rectangle.
public struct RulingLine: Sendable, Hashable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = min(x0, x1); self.y0 = min(y0, y1); self.x1 = max(x0, x1); self.y1 = max(y0, y1)
    }
    public var isHorizontal: Bool { (x1 - x0) >= (y1 - y0) }
}

/// One page: its size, characters in content order, and ruling lines.
public struct PageGlyphs: Sendable {
    /// 1-based page number.
    public var number: Int
    public var width: Double
    public var height: Double
    public var glyphs: [Glyph]
    public var rulingLines: [RulingLine]
    public init(number: Int, width: Double, height: Double, glyphs: [Glyph], rulingLines: [RulingLine]) {
        self.number = number; self.width = width; self.height = height; self.glyphs = glyphs; self.rulingLines = rulingLines
    }
}
