/// Lines outside ruled grids: prose, or rows of a table drawn without ruling lines.
enum UnruledTables {
    /// A line of a run of table lines: its segments, and whether it is a row (false: a label wrapped
    /// onto a line of its own, in the label column).
    typealias RunLine = (line: TextLine, segments: [Segment], row: Bool)

    /// How far above a run's first row (in em) its column headers may start.
    static let headerReach = 10.0
    /// Header cells stand closer together than a row's cells (a short number in a wide cell leaves a
    /// wide gap; a header fills its cell): a gap of this many em between characters parts header cells.
    static let headerGap = 0.25

    /// A line as the layout places it: its cells when it is a line of a table (nil: prose), and whether
    /// it holds labels only (`Line.labelsOnly`).
    typealias Placed = (line: TextLine, cells: [Segment]?, labelsOnly: Bool)

    /// A run of lines as placed, with the columns its numbers were placed on (nil: prose, or a run whose
    /// columns are not known).
    struct Block {
        var lines: [Placed]
        var columns: Columns?
    }

    /// The columns of a table (their centres) and its font size.
    struct Columns: Sendable {
        var centres: [Double]
        var em: Double
        /// Where the table ends on its page.
        var bottom: Double = 0
    }

    /// Each line with its cells when it is a table row (parts standing apart, at least one a number),
    /// nil when it is prose. In a block of such rows, numbers are placed on the table's columns (where
    /// the block's numbers line up, and where the column headers above them stand), so that a row
    /// missing a value gets a blank cell in its place. A line inside the label column (ending left of
    /// the block's numbers) does not end the block: it is a row printed blank, or a label wrapped onto a
    /// line of its own, and is kept as a line of labels only; so are such lines just above the block's
    /// first number (a table continued on a new page can start with blank rows), up to a line that is
    /// not one (the column headers, a heading) or page furniture (`furniture`).
    ///
    /// A table continued on a new page without its header has too few numbers there to show every
    /// column: the page's first block, when nothing but furniture or lines in parts (what a page break
    /// left of a header row) stand above it, and it starts above `continuedAbove` (no ruled table on the
    /// page comes first), takes the columns of the table that ended the page before (`continued`) if
    /// its numbers stand on them. `carry` is what the next page may take: the columns of this page's
    /// last block when nothing but furniture follows it, or those of a header that ends the page
    /// (`trailingHeader`).
    static func blocks(
        _ lines: [TextLine], gap: Double, furniture: (TextLine) -> Bool = { _ in false },
        continued: Columns? = nil, continuedAbove: Double = .infinity
    ) -> (blocks: [Block], carry: Columns?) {
        var result: [Block] = []
        var run: [RunLine] = []
        var above: [RunLine] = []  // the lines before the run, where its header stands
        var proseSince = 0  // the lines of `result` after the last run: prose the next run may take back
        var carry: Columns?
        func flush() {
            guard !run.isEmpty else { return }
            let left = numbersLeft(run)
            while result.count > proseSince, let last = result.last?.lines, last.count == 1, let item = last.first,
                item.line.box.x1 < left, !furniture(item.line), labelsOnly(TextLines.segments(item.line, gap: gap))
            {
                result.removeLast()
                run.insert((item.line, TextLines.segments(item.line, gap: gap), false), at: 0)
            }
            // Above it only furniture, or lines in parts (the rest of a header row split by the page break).
            let atTop =
                proseSince == 0 && run[0].line.box.y0 < continuedAbove
                && result.allSatisfy {
                    $0.lines.count == 1
                        && (furniture($0.lines[0].line) || TextLines.segments($0.lines[0].line, gap: gap).count >= 2)
                }
            let (placed, columns) = align(run, above: above, continued: atTop ? continued : nil)
            result.append(Block(lines: placed, columns: columns))
            carry = columns
            above += run
            run = []
            proseSince = result.count
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
                result.append(Block(lines: [(line, nil, false)]))
                if !furniture(line) { carry = nil }
            }
        }
        flush()
        if carry == nil { carry = trailingHeader(result.map { $0.lines[0].line }, furniture: furniture) }
        return (result, carry)
    }

    /// The columns of a table header that ends the page (its rows on the next page): the last lines,
    /// above the furniture, that stand in parts (one part is prose or a heading), read as `align` reads a
    /// header, with no number yet to check it against (the next page's numbers must stand on them).
    static func trailingHeader(_ lines: [TextLine], furniture: (TextLine) -> Bool) -> Columns? {
        var header: [TextLine] = []
        for line in lines.reversed() where !furniture(line) {
            guard TextLines.segments(line, gap: headerGap).count >= 2 else { break }
            header.insert(line, at: 0)
        }
        guard let last = header.last else { return nil }
        let sizes = header.map(\.fontSize).sorted()
        let em = max(sizes[sizes.count / 2], 1)
        let pieces = header.flatMap { TextLines.segments($0, gap: headerGap) }.filter { !isNumber($0) }
        let columns = headerColumns(pieces, numbers: [], em: em)
        return columns.count >= 2 ? Columns(centres: columns.map(\.centre), em: em, bottom: last.box.y1) : nil
    }

    /// Text without a number: a line of labels only.
    static func labelsOnly(_ segments: [Segment]) -> Bool { !segments.isEmpty && !segments.contains(where: isNumber) }

    static func isNumber(_ segment: Segment) -> Bool { NumberReader.read(segment.text) != nil }

    /// The left edge of the run's numbers: a line ending before it lies in the label column.
    static func numbersLeft(_ run: [RunLine]) -> Double {
        run.flatMap { $0.segments.filter(isNumber).map(\.box.x0) }.min() ?? -.infinity
    }

    static func align(
        _ run: [RunLine], above: [RunLine], continued: Columns? = nil
    ) -> (placed: [Placed], columns: Columns?) {
        // A line of labels only keeps its parts as printed; so does every line where no columns are known.
        let asPrinted: [Placed] = run.map { r in
            labelsOnly(r.segments) ? (r.line, r.segments, true) : (r.line, r.row ? r.segments : nil, false)
        }
        let rows = run.filter(\.row)
        let numericRows = rows.filter { $0.segments.contains(where: isNumber) }
        guard let top = numericRows.first?.line.box.y0 else { return (asPrinted, nil) }
        let sizes = run.map(\.line.fontSize).sorted()
        let em = max(sizes[sizes.count / 2], 1)
        let numbers = clusters(numericRows.flatMap { $0.segments.filter(isNumber).map(\.box.midX) }, within: 1.5 * em)
        // The label column: everything up to the right edge of the numeric rows' labels.
        let labelEdge =
            numericRows.compactMap { r in r.segments.prefix { !isNumber($0) }.map(\.box.x1).max() }.max() ?? -.infinity
        let headerLines =
            above.filter { $0.line.box.y0 >= top - headerReach * em && $0.line.box.y1 <= top }
            + rows.filter { !$0.segments.contains(where: isNumber) }
        let pieces = headerLines.flatMap { TextLines.segments($0.line, gap: headerGap) }
            .filter { !isNumber($0) && $0.box.midX > labelEdge }
        let headers = headerColumns(pieces, numbers: numbers, em: em)
        // The continuation of the table above, on the same columns (those right of the labels here: a
        // ruled table's label columns are among them): every number stands on one of them, and so does
        // every header cell above (the rest of a header row the page break split).
        let inherited = continued.flatMap { c -> [Double]? in
            let centres = c.centres.filter { $0 > labelEdge }
            let onColumns = (numbers + headers.map(\.centre)).allSatisfy { x in
                centres.contains { abs($0 - x) < 1.5 * em }
            }
            return abs(c.em - em) <= 0.5 && onColumns ? centres : nil
        }
        guard numericRows.count >= 3 || !headers.isEmpty || inherited != nil else { return (asPrinted, nil) }
        // A header over a column that holds no number anywhere gives that column its anchor.
        let columns =
            inherited
            ?? (numbers + headers.filter { h in !numbers.contains { abs($0 - h.centre) <= h.reach } }.map(\.centre))
            .sorted()
        let placed = zip(run, asPrinted).map { r, printed in
            r.row && !printed.labelsOnly
                ? (r.line, place(r.segments, on: columns, line: r.line, em: em), false) : printed
        }
        return (placed, Columns(centres: columns, em: em, bottom: run.map(\.line.box.y1).max() ?? 0))
    }

    /// How far from its column's centre (in em) a cell of `cells(of:)` reaches at most.
    static let cellReach = 2.5

    /// For each line of `block` with something printed in the columns, a box for every column, a column
    /// printed blank included: from halfway to the column before to halfway to the next (a column at an
    /// end as wide as its neighbour's distance; at most `cellReach` em from its centre either way, and
    /// never over the line's labels), over the height of what the line has in the columns and a third of
    /// an em above and below.
    static func cells(of block: Block) -> [[Box]] {
        guard let columns = block.columns, columns.centres.count >= 2 else { return [] }
        let c = columns.centres, em = columns.em, reach = cellReach * em
        let edges: [(x0: Double, x1: Double)] = c.indices.map { i in
            let before = i > 0 ? (c[i] - c[i - 1]) / 2 : (c[1] - c[0]) / 2
            let after = i + 1 < c.count ? (c[i + 1] - c[i]) / 2 : before
            return (c[i] - min(before, reach), c[i] + min(after, reach))
        }
        return block.lines.compactMap { placed -> [Box]? in
            guard let cells = placed.cells else { return nil }
            let inColumns = cells.filter { $0.box.midX >= edges[0].x0 && !$0.glyphs.isEmpty }
            guard let y0 = inColumns.map(\.box.y0).min(), let y1 = inColumns.map(\.box.y1).max() else { return nil }
            let labels = cells.filter { $0.box.x1 < c[0] - em / 2 }.map(\.box.x1).max() ?? -.infinity
            return edges.compactMap { e in
                let x0 = max(e.x0, labels + em / 4)
                return x0 < e.x1 ? Box(x0: x0, y0: y0 - em / 3, x1: e.x1, y1: y1 + em / 3) : nil
            }
        }
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
    /// wrapped over lines is one column, and so is a cell whose characters a typed space parts, 自　然
    /// over 人: pieces closer than 2 em, the least distance between columns below, are one column),
    /// leaving out pieces that span several columns (法人或其他组织 over its five). Each column comes
    /// with how far from its centre a number still stands under it. Empty when the pieces do not read as
    /// a header of the numbers: too few numbers under them (prose above the table), or columns closer
    /// than a header cell is wide (characters distributed across a cell, parted as if they were cells).
    static func headerColumns(_ pieces: [Segment], numbers: [Double], em: Double) -> [(centre: Double, reach: Double)] {
        let candidates = clusters(numbers + pieces.map(\.box.midX), within: 1.5 * em)
        let cells = pieces.filter { p in candidates.filter { $0 >= p.box.x0 && $0 <= p.box.x1 }.count <= 1 }
        var columns: [(centre: Double, reach: Double)] = []
        for centre in clusters(cells.map(\.box.midX), within: 2 * em) {
            let members = cells.filter { abs($0.box.midX - centre) < 2 * em }
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
