/// A ruled table: the x and y positions of its ruling lines, and the lines themselves to tell which
/// cell boundaries are drawn.
struct Grid {
    var xs: [Double]
    var ys: [Double]
    var horizontal: [RulingLine]
    var vertical: [RulingLine]
    var snap: Double
    var coverage: Double

    var box: Box { Box(x0: xs.first!, y0: ys.first!, x1: xs.last!, y1: ys.last!) }

    /// How much of [a, b] the ruling lines at `position` cover.
    func covered(_ lines: [RulingLine], at position: Double, from a: Double, to b: Double, horizontal: Bool) -> Bool {
        var intervals: [(Double, Double)] = []
        for r in lines {
            let p = horizontal ? (r.y0 + r.y1) / 2 : (r.x0 + r.x1) / 2
            guard abs(p - position) <= snap else { continue }
            let lo = max(a, horizontal ? r.x0 : r.y0), hi = min(b, horizontal ? r.x1 : r.y1)
            if hi > lo { intervals.append((lo, hi)) }
        }
        intervals.sort { $0.0 < $1.0 }
        var total = 0.0, end = a
        for (lo, hi) in intervals where hi > end {
            total += hi - max(lo, end)
            end = hi
        }
        return total >= coverage * (b - a)
    }

    /// The grid's cells, merged where no ruling line draws a boundary: for each position (row-major) the
    /// index of the merged cell's top-left position, and each merged cell's extent by that index.
    func merged() -> (roots: [Int], extent: [Int: Box]) {
        let nr = ys.count - 1, nc = xs.count - 1
        guard nr > 0, nc > 0 else { return ([], [:]) }
        var parent = Array(0..<(nr * nc))
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        func union(_ a: Int, _ b: Int) {
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for r in 0..<nr {
            for c in 0..<nc {
                if c + 1 < nc, !covered(vertical, at: xs[c + 1], from: ys[r], to: ys[r + 1], horizontal: false) {
                    union(r * nc + c, r * nc + c + 1)
                }
                if r + 1 < nr, !covered(horizontal, at: ys[r + 1], from: xs[c], to: xs[c + 1], horizontal: true) {
                    union(r * nc + c, (r + 1) * nc + c)
                }
            }
        }
        // Each merged cell's extent (its root is its top-left position: roots are minimal indices).
        var extent: [Int: Box] = [:]
        for r in 0..<nr {
            for c in 0..<nc {
                let cell = Box(x0: xs[c], y0: ys[r], x1: xs[c + 1], y1: ys[r + 1])
                let root = find(r * nc + c)
                extent[root] = extent[root].map { $0.union(cell) } ?? cell
            }
        }
        return ((0..<(nr * nc)).map(find), extent)
    }

    /// The extents of the grid's cells, merged cells once, row by row.
    var cellBoxes: [Box] {
        let (roots, extent) = merged()
        return roots.indices.filter { roots[$0] == $0 }.compactMap { extent[$0] }
    }

    /// The grid's rows: each cell's text from the glyphs whose centre falls in it, merged cells (a
    /// boundary no ruling line draws) read once at their top-left position and marked spanned elsewhere.
    /// Returns the rows and the indices of the glyphs used.
    func rows(_ glyphs: [Glyph], page: Int) -> (rows: [(line: Line, box: Box)], used: [Int]) {
        let nr = ys.count - 1, nc = xs.count - 1
        guard nr > 0, nc > 0 else { return ([], []) }
        let (roots, extent) = merged()
        func find(_ i: Int) -> Int { roots[i] }
        // Glyphs to cells.
        var cellGlyphs: [Int: [Glyph]] = [:]
        var used: [Int] = []
        let b = box
        for (i, g) in glyphs.enumerated() {
            let x = g.box.midX, y = g.box.midY
            guard x > b.x0, x < b.x1, y > b.y0, y < b.y1,
                let c = xs.lastIndex(where: { $0 <= x }), let r = ys.lastIndex(where: { $0 <= y }), c < nc, r < nr
            else { continue }
            cellGlyphs[find(r * nc + c), default: []].append(g)
            used.append(i)
        }
        var rows: [(Line, Box)] = []
        for r in 0..<nr {
            var cells: [Cell] = []
            for c in 0..<nc {
                let index = r * nc + c
                let root = find(index)
                guard root == index else {
                    cells.append(Cell("", spanned: true))
                    continue
                }
                let glyphs = cellGlyphs[root] ?? []
                cells.append(
                    Cell(
                        Self.cellText(glyphs),
                        location: SourceLocation(page: page, box: extent[root], ocr: OCRReading.of(glyphs))))
            }
            guard cells.contains(where: { !$0.spanned }) else { continue }
            var line = Line(cells: cells, kind: .tableRow, page: page)
            line.positional = true
            rows.append((line, Box(x0: xs[0], y0: ys[r], x1: xs[nc], y1: ys[r + 1])))
        }
        return (rows, used)
    }

    /// The text of one cell: its lines top to bottom, joined without a space between Han characters
    /// (a label wrapped inside the cell, or set one character per line).
    static func cellText(_ glyphs: [Glyph]) -> String {
        var out = ""
        for line in TextLines.group(glyphs) {
            let t = line.text
            if let last = out.last, let first = t.first, !(ChineseText.isCJK(last) || ChineseText.isCJK(first)) {
                out.append(" ")
            }
            out += t
        }
        return out
    }
}
