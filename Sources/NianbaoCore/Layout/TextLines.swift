/// A line of text rebuilt from glyphs.
struct TextLine {
    var glyphs: [Glyph]
    var box: Box
    var fontSize: Double
    var text: String { TextLines.text(glyphs) }
}

/// A run of glyphs standing apart from its neighbours on a line: a cell of an unruled table.
struct Segment {
    var glyphs: [Glyph]
    var box: Box
    var text: String { TextLines.text(glyphs) }
}

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
                if overlap >= 0.5 * min(b.height, g.box.height) { target = i; break }
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

    /// Splits a line where the gap between glyphs is at least `gap` em.
    static func segments(_ line: TextLine, gap: Double) -> [Segment] {
        var segments: [Segment] = []
        let em = max(line.fontSize, 1)
        for g in line.glyphs {
            if var last = segments.last, g.box.x0 - last.box.x1 < gap * em {
                last.glyphs.append(g)
                last.box = last.box.union(g.box)
                segments[segments.count - 1] = last
            } else {
                segments.append(Segment(glyphs: [g], box: g.box))
            }
        }
        return segments
    }
}

/// Lines outside ruled grids: prose, or rows of a table drawn without rules.
enum UnruledTables {
    /// Each line with its cells when it is a table row (parts standing apart, at least one a number),
    /// nil when it is prose. In a block of such rows, numbers are placed on the columns the block's
    /// numbers line up on, so that a row missing a value gets a blank cell in its place.
    static func blocks(_ lines: [TextLine], gap: Double) -> [[(TextLine, [Segment]?)]] {
        var result: [[(TextLine, [Segment]?)]] = []
        var run: [(TextLine, [Segment])] = []
        func flush() {
            guard !run.isEmpty else { return }
            result.append(align(run))
            run = []
        }
        for line in lines {
            let segments = TextLines.segments(line, gap: gap)
            let numeric = segments.contains { NumberReader.read($0.text) != nil }
            if segments.count >= 2 && (numeric || !run.isEmpty) {
                run.append((line, segments))
            } else {
                flush()
                result.append([(line, nil)])
            }
        }
        flush()
        return result
    }

    static func align(_ run: [(TextLine, [Segment])]) -> [(TextLine, [Segment]?)] {
        let numericRows = run.filter { $0.1.contains { NumberReader.read($0.text) != nil } }
        guard numericRows.count >= 3 else { return run.map { ($0.0, $0.1) } }
        let sizes = run.map(\.0.fontSize).sorted()
        let em = max(sizes[sizes.count / 2], 1)
        // Column anchors: the centres of the numbers, clustered.
        let centres = numericRows.flatMap { $0.1.filter { NumberReader.read($0.text) != nil }.map(\.box.midX) }.sorted()
        var anchors: [(sum: Double, count: Int)] = []
        for x in centres {
            if let last = anchors.last, x - last.sum / Double(last.count) < 1.5 * em {
                anchors[anchors.count - 1] = (last.sum + x, last.count + 1)
            } else {
                anchors.append((x, 1))
            }
        }
        let columns = anchors.map { $0.sum / Double($0.count) }
        return run.map { line, segments in
            guard let firstNumber = segments.firstIndex(where: { NumberReader.read($0.text) != nil }) else { return (line, segments) }
            let labels = Array(segments[..<firstNumber])
            let numbers = segments[firstNumber...]
            guard numbers.allSatisfy({ NumberReader.read($0.text) != nil }) else { return (line, segments) }
            var slots = Array(repeating: Segment?.none, count: columns.count)
            for n in numbers {
                let nearest = columns.indices.min { abs(columns[$0] - n.box.midX) < abs(columns[$1] - n.box.midX) }!
                guard slots[nearest] == nil else { return (line, segments) }  // two numbers on one column: keep as printed
                slots[nearest] = n
            }
            let y0 = line.box.y0, y1 = line.box.y1
            let cells = slots.enumerated().map { i, s in
                s ?? Segment(glyphs: [], box: Box(x0: columns[i] - em, y0: y0, x1: columns[i] + em, y1: y1))
            }
            return (line, labels + cells)
        }
    }
}
