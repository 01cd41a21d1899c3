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
    /// A line of a run of table lines: its segments, and whether it is a row (false: a label wrapped
    /// onto a line of its own, in the label column).
    typealias RunLine = (line: TextLine, segments: [Segment], row: Bool)

    /// How far above a run's first row (in em) its column headers may start.
    static let headerReach = 10.0
    /// Header cells stand closer together than a row's cells (a short number in a wide cell leaves a
    /// wide gap; a header fills its cell): a gap of this many em between characters parts header cells.
    static let headerGap = 0.25

    /// Each line with its cells when it is a table row (parts standing apart, at least one a number),
    /// nil when it is prose. In a block of such rows, numbers are placed on the table's columns (where
    /// the block's numbers line up, and where the column headers above them stand), so that a row
    /// missing a value gets a blank cell in its place. A label wrapped onto a line of its own, inside
    /// the label column, does not end the block.
    static func blocks(_ lines: [TextLine], gap: Double) -> [[(TextLine, [Segment]?)]] {
        var result: [[(TextLine, [Segment]?)]] = []
        var run: [RunLine] = []
        var above: [RunLine] = []  // the lines before the run, where its header stands
        func flush() {
            guard !run.isEmpty else { return }
            result.append(align(run, above: above))
            above += run
            run = []
        }
        for line in lines {
            let segments = TextLines.segments(line, gap: gap)
            if segments.count >= 2 && (segments.contains(where: isNumber) || !run.isEmpty) {
                run.append((line, segments, true))
            } else if !run.isEmpty, line.box.x1 < numbersLeft(run) {
                run.append((line, segments, false))
            } else {
                flush()
                above.append((line, segments, false))
                result.append([(line, nil)])
            }
        }
        flush()
        return result
    }

    static func isNumber(_ segment: Segment) -> Bool { NumberReader.read(segment.text) != nil }

    /// The left edge of the run's numbers: a line ending before it lies in the label column.
    static func numbersLeft(_ run: [RunLine]) -> Double {
        run.flatMap { $0.segments.filter(isNumber).map(\.box.x0) }.min() ?? -.infinity
    }

    static func align(_ run: [RunLine], above: [RunLine]) -> [(TextLine, [Segment]?)] {
        let asPrinted = run.map { ($0.line, $0.row ? Optional($0.segments) : nil) }
        let rows = run.filter(\.row)
        let numericRows = rows.filter { $0.segments.contains(where: isNumber) }
        guard let top = numericRows.first?.line.box.y0 else { return asPrinted }
        let sizes = run.map(\.line.fontSize).sorted()
        let em = max(sizes[sizes.count / 2], 1)
        let numbers = clusters(numericRows.flatMap { $0.segments.filter(isNumber).map(\.box.midX) }, within: 1.5 * em)
        // The label column: everything up to the right edge of the numeric rows' labels.
        let labelEdge = numericRows.compactMap { r in r.segments.prefix { !isNumber($0) }.map(\.box.x1).max() }.max() ?? -.infinity
        let headerLines = above.filter { $0.line.box.y0 >= top - headerReach * em && $0.line.box.y1 <= top }
            + rows.filter { !$0.segments.contains(where: isNumber) }
        let pieces = headerLines.flatMap { TextLines.segments($0.line, gap: headerGap) }
            .filter { !isNumber($0) && $0.box.midX > labelEdge }
        let headers = headerColumns(pieces, numbers: numbers, em: em)
        guard numericRows.count >= 3 || !headers.isEmpty else { return asPrinted }
        // A header over a column that holds no number anywhere gives that column its anchor.
        let columns = (numbers + headers.filter { h in !numbers.contains { abs($0 - h.centre) <= h.reach } }.map(\.centre)).sorted()
        return run.map { r in (r.line, r.row ? place(r.segments, on: columns, line: r.line, em: em) : nil) }
    }

    /// Positions closer than `distance` to the running mean of a group are one position (the mean).
    static func clusters(_ positions: [Double], within distance: Double) -> [Double] {
        var groups: [(sum: Double, count: Int)] = []
        for x in positions.sorted() {
            if let last = groups.last, x - last.sum / Double(last.count) < distance {
                groups[groups.count - 1] = (last.sum + x, last.count + 1)
            } else {
                groups.append((x, 1))
            }
        }
        return groups.map { $0.sum / Double($0.count) }
    }

    /// The columns the header cells above a table stand on: the centres of the header pieces (a cell
    /// wrapped over lines is one column), leaving out pieces that span several columns (法人或其他组织
    /// over its five). Each column comes with how far from its centre a number still stands under it.
    /// Empty when the pieces do not read as a header of the numbers: too few numbers under them (prose
    /// above the table), or columns closer than a header cell is wide (characters distributed across a
    /// cell, parted as if they were cells).
    static func headerColumns(_ pieces: [Segment], numbers: [Double], em: Double) -> [(centre: Double, reach: Double)] {
        let candidates = clusters(numbers + pieces.map(\.box.midX), within: 1.5 * em)
        let cells = pieces.filter { p in candidates.filter { $0 >= p.box.x0 && $0 <= p.box.x1 }.count <= 1 }
        var columns: [(centre: Double, reach: Double)] = []
        for centre in clusters(cells.map(\.box.midX), within: 1.5 * em) {
            let members = cells.filter { abs($0.box.midX - centre) < 1.5 * em }
            let halfWidth = members.map { $0.box.width / 2 }.min() ?? 0
            columns.append((centre, max(1.5 * em, halfWidth + em)))
        }
        let separated = zip(columns, columns.dropFirst()).allSatisfy { $1.centre - $0.centre >= 2 * em }
        let matched = numbers.filter { n in columns.contains { abs(n - $0.centre) <= $0.reach } }.count
        return separated && matched >= min(2, numbers.count) ? columns : []
    }

    /// A row's cells with its numbers on `columns` (a blank cell where a column has none), or the
    /// segments as printed when they do not fit (text after a number, two numbers on one column).
    static func place(_ segments: [Segment], on columns: [Double], line: TextLine, em: Double) -> [Segment] {
        guard let firstNumber = segments.firstIndex(where: isNumber) else { return segments }
        let labels = Array(segments[..<firstNumber])
        let numbers = segments[firstNumber...]
        guard numbers.allSatisfy(isNumber) else { return segments }
        var slots = Array(repeating: Segment?.none, count: columns.count)
        for n in numbers {
            let nearest = columns.indices.min { abs(columns[$0] - n.box.midX) < abs(columns[$1] - n.box.midX) }!
            guard slots[nearest] == nil else { return segments }
            slots[nearest] = n
        }
        let y0 = line.box.y0, y1 = line.box.y1
        let cells = slots.enumerated().map { i, s in
            s ?? Segment(glyphs: [], box: Box(x0: columns[i] - em, y0: y0, x1: columns[i] + em, y1: y1))
        }
        return labels + cells
    }
}
