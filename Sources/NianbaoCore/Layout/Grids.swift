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

    /// The grid's rows: each cell's text from the glyphs whose centre falls in it, merged cells (a
    /// boundary no ruling line draws) read once at their top-left position and marked spanned elsewhere.
    /// Returns the rows and the indices of the glyphs used.
    func rows(_ glyphs: [Glyph], page: Int) -> (rows: [(line: Line, box: Box)], used: [Int]) {
        let nr = ys.count - 1, nc = xs.count - 1
        guard nr > 0, nc > 0 else { return ([], []) }
        var parent = Array(0..<(nr * nc))
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
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
        // Each merged cell's extent (its root is its top-left position: roots are minimal indices).
        var extent: [Int: Box] = [:]
        for r in 0..<nr {
            for c in 0..<nc {
                let cell = Box(x0: xs[c], y0: ys[r], x1: xs[c + 1], y1: ys[r + 1])
                let root = find(r * nc + c)
                extent[root] = extent[root].map { $0.union(cell) } ?? cell
            }
        }
        var rows: [(Line, Box)] = []
        for r in 0..<nr {
            var cells: [Cell] = []
            for c in 0..<nc {
                let index = r * nc + c
                let root = find(index)
                guard root == index else { cells.append(Cell("", spanned: true)); continue }
                let text = Self.cellText(cellGlyphs[root] ?? [])
                cells.append(Cell(text, location: SourceLocation(page: page, box: extent[root])))
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

enum Grids {
    /// The ruled tables of a page: clusters of touching ruling lines with at least two horizontal and two
    /// vertical lines.
    static func find(_ rulingLines: [RulingLine], options: PageLayout.Options) -> [Grid] {
        let snap = options.snap
        let segments = rulingLines.filter { max($0.x1 - $0.x0, $0.y1 - $0.y0) >= options.minimumRulingLine }
        guard segments.count >= 4 else { return [] }
        var parent = Array(segments.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for i in segments.indices {
            for j in segments.indices where j > i && touches(segments[i], segments[j], snap: snap) {
                let a = find(i), b = find(j)
                if a != b { parent[b] = a }
            }
        }
        var clusters: [Int: [RulingLine]] = [:]
        for i in segments.indices { clusters[find(i), default: []].append(segments[i]) }
        var grids: [Grid] = []
        for (_, members) in clusters.sorted(by: { $0.key < $1.key }) {
            let h = members.filter(\.isHorizontal), v = members.filter { !$0.isHorizontal }
            guard h.count >= 2, v.count >= 2 else { continue }
            let xs = positions(v.map { ($0.x0 + $0.x1) / 2 }, snap: snap)
            let ys = positions(h.map { ($0.y0 + $0.y1) / 2 }, snap: snap)
            guard xs.count >= 2, ys.count >= 2 else { continue }
            grids.append(Grid(xs: xs, ys: ys, horizontal: h, vertical: v, snap: snap, coverage: options.coverage))
        }
        return grids.sorted { $0.ys[0] < $1.ys[0] }
    }

    static func touches(_ a: RulingLine, _ b: RulingLine, snap: Double) -> Bool {
        a.x0 <= b.x1 + snap && b.x0 <= a.x1 + snap && a.y0 <= b.y1 + snap && b.y0 <= a.y1 + snap
    }

    /// Distinct positions: values closer than `snap` are one position (their mean).
    static func positions(_ values: [Double], snap: Double) -> [Double] {
        var groups: [[Double]] = []
        for v in values.sorted() {
            if let last = groups.last?.last, v - last <= snap { groups[groups.count - 1].append(v) } else { groups.append([v]) }
        }
        return groups.map { $0.reduce(0, +) / Double($0.count) }
    }
}
