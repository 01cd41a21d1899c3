/// A line of text rebuilt from glyphs.
struct TextLine {
    var glyphs: [Glyph]
    var box: Box
    var fontSize: Double
    var text: String { TextLines.text(glyphs) }
}
