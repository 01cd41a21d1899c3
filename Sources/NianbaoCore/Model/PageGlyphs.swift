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
    public init(number: Int, width: Double, height: Double, glyphs: [Glyph], rulingLines: [RulingLine]) {
        self.number = number
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.rulingLines = rulingLines
    }
}
