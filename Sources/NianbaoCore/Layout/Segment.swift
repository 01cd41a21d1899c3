/// A run of glyphs standing apart from its neighbours on a line: a cell of an unruled table.
struct Segment {
    var glyphs: [Glyph]
    var box: Box
    var text: String { TextLines.text(glyphs) }
}
