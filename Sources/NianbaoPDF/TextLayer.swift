import CPoppler
import NianbaoCore

extension PDFPage {
    /// The page's characters with their boxes, in poppler's reading order.
    ///
    /// `poppler_page_get_text_layout` returns one rectangle per Unicode scalar of `poppler_page_get_text`
    /// (newlines and the spaces poppler inserts between words included), and the offsets of
    /// `poppler_page_get_text_attributes` count the same scalars. Both are in the page as displayed
    /// (/Rotate applied), origin top left, y down, in points. Whitespace and control characters are
    /// dropped: they are poppler's word and line separators, not printed glyphs, and a box spanning a gap
    /// would hide that gap from whoever splits cells by gaps.
    func glyphs() -> [Glyph] {
        guard let utf8 = poppler_page_get_text(pointer) else { return [] }
        defer { g_free(utf8) }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(pointer, &rectangles, &count) != 0, let rectangles else { return [] }
        defer { g_free(rectangles) }
        let n = Int(count)
        let sizes = fontSizes(count: n)
        let text = String(cString: utf8)
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(n)
        var index = 0
        for scalar in text.unicodeScalars {
            guard index < n else { break }
            defer { index += 1 }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control { continue }
            let r = rectangles[index]
            let box = Box(x0: min(r.x1, r.x2), y0: min(r.y1, r.y2), x1: max(r.x1, r.x2), y1: max(r.y1, r.y2))
            glyphs.append(Glyph(character: Character(scalar), box: box, fontSize: sizes[index]))
        }
        return glyphs
    }

    /// The font size of each of the first `count` characters of the page text (0 where poppler gives none).
    private func fontSizes(count: Int) -> [Double] {
        var sizes = [Double](repeating: 0, count: count)
        guard count > 0, let list = poppler_page_get_text_attributes(pointer) else { return sizes }
        defer { poppler_page_free_text_attributes(list) }
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let data = current.pointee.data {
                let attributes = data.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                // end_index is inclusive.
                let lower = max(0, Int(attributes.start_index)), upper = min(count - 1, Int(attributes.end_index))
                if lower <= upper {
                    for i in lower...upper { sizes[i] = attributes.font_size }
                }
            }
            node = current.pointee.next
        }
        return sizes
    }
}
