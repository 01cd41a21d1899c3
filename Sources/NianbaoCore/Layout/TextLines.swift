/// Lines of text rebuilt from glyphs: grouping, spacing, and cutting a line into segments.
enum TextLines {
    /// Groups glyphs into lines (glyphs overlapping vertically by half their height), top to bottom,
    /// each line's glyphs left to right.
    static func group(_ glyphs: [Glyph]) -> [TextLine] {
        var lines: [TextLine] = []
        for g in glyphs.sorted(by: { $0.box.midY < $1.box.midY }) {
            // The few most recent lines are the only candidates: glyphs come sorted by their centre.
            var target: Int?
            for i in stride(from: lines.count - 1, through: max(0, lines.count - 3), by: -1) {
                let b = lines[i].box
                let overlap = min(b.y1, g.box.y1) - max(b.y0, g.box.y0)
                if overlap >= 0.5 * min(b.height, g.box.height) {
                    target = i
                    break
                }
            }
            if let i = target {
                lines[i].glyphs.append(g)
                lines[i].box = lines[i].box.union(g.box)
            } else {
                lines.append(TextLine(glyphs: [g], box: g.box, fontSize: 0))
            }
        }
        for i in lines.indices {
            lines[i].glyphs.sort { $0.box.x0 < $1.box.x0 }
            let sizes = lines[i].glyphs.map { $0.fontSize > 0 ? $0.fontSize : $0.box.height }.sorted()
            lines[i].fontSize = sizes[sizes.count / 2]
        }
        return lines.sorted { $0.box.y0 < $1.box.y0 }
    }

    /// The text of glyphs on one line: Han characters joined without a space whatever their spacing
    /// (wide letter-spacing, characters distributed across a cell); other characters get a space where
    /// the gap between them is a quarter em or more.
    static func text(_ glyphs: [Glyph]) -> String {
        var out = ""
        var previous: Glyph?
        for g in glyphs {
            if let p = previous {
                let em = max(p.fontSize > 0 ? p.fontSize : p.box.height, 1)
                let gap = g.box.x0 - p.box.x1
                if gap > 0.25 * em && !(ChineseText.isCJK(p.character) && ChineseText.isCJK(g.character))
                    && !(ChineseText.isCJK(p.character) && g.character.isNumber && gap < em)
                    && !(p.character.isNumber && ChineseText.isCJK(g.character) && gap < em)
                {
                    out.append(" ")
                }
            }
            out.append(g.character)
            previous = g
        }
        return out
    }

    /// Splits a line where the gap between glyphs is at least `gap` em, except inside text set with wide
    /// letter-spacing (`spaced`); and at the end of such text where the next glyph stands apart (half an
    /// em or more): text set 分散对齐 fills its cell to the edge, so the next cell can start closer than
    /// `gap` em.
    static func segments(_ line: TextLine, gap: Double) -> [Segment] {
        var segments: [Segment] = []
        let em = max(line.fontSize, 1)
        let spaced = spaced(line.glyphs, em: em)
        for (i, g) in line.glyphs.enumerated() {
            if let last = segments.last?.box, spaced[i] || (g.box.x0 - last.x1 < (spaced[i - 1] ? 0.5 : gap) * em) {
                // In place: a copy of the segment would make every append copy its glyphs (quadratic on a
                // line of thousands of glyphs).
                segments[segments.count - 1].glyphs.append(g)
                segments[segments.count - 1].box = last.union(g.box)
            } else {
                segments.append(Segment(glyphs: [g], box: g.box))
            }
        }
        return segments
    }

    /// For each glyph, whether the gap before it is letter-spacing inside one cell's text rather than a
    /// boundary between cells. A label typed with spaces between its characters (其 他 法 律 …), set
    /// 分散对齐 across a wide cell (（ 七 ） 总 计), or letter-spaced (自 然 人) leaves gaps as wide as
    /// the gap between two columns, but the same gap between every character (to the typesetter's
    /// rounding: within a twentieth of an em), where cells side by side are parted by gaps that differ.
    /// So a chain of equal gaps of half an em or more, no value touching them (a digit, or a dash or 无
    /// for zero: the columns of a row of values are evenly spaced too), is letter-spacing when it spans
    /// three gaps or more, or two with a character standing apart at one end (3. 其 他 before its
    /// numbers); not two gaps around one character between two words (尚未 总 结果: a header cell 总
    /// wrapped over lines, between two others). A label of two spaced characters (总 计) has no second
    /// gap to compare and stays two cells (the parse stage reads a label's cells together).
    static func spaced(_ glyphs: [Glyph], em: Double) -> [Bool] {
        var result = Array(repeating: false, count: glyphs.count)
        let n = glyphs.count
        guard n >= 3 else { return result }
        func gap(_ i: Int) -> Double { glyphs[i].box.x0 - glyphs[i - 1].box.x1 }  // before glyph i
        func isValue(_ c: Character) -> Bool {
            c.isASCII ? c.isNumber || "-/\\".contains(c) : ("０"..."９").contains(c) || "—–－／无".contains(c)
        }
        func wide(_ i: Int) -> Bool { gap(i) >= 0.5 * em }
        func text(_ i: Int) -> Bool { wide(i) && !isValue(glyphs[i - 1].character) && !isValue(glyphs[i].character) }
        var i = 1
        while i < n {
            guard text(i) else {
                i += 1
                continue
            }
            var j = i + 1  // the chain: gaps i..<j
            while j < n, text(j), abs(gap(j) - gap(i)) <= 0.05 * em { j += 1 }
            let apartBefore = i - 1 == 0 || wide(i - 1), apartAfter = j == n || wide(j)
            if j - i >= 3 || (j - i == 2 && (apartBefore || apartAfter)) {
                for k in i..<j { result[k] = true }
            }
            i = j
        }
        return result
    }
}
