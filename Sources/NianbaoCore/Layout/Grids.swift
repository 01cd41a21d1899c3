/// Finds the ruled tables of a page in its ruling lines.
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
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
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
            if let last = groups.last?.last, v - last <= snap {
                groups[groups.count - 1].append(v)
            } else {
                groups.append([v])
            }
        }
        return groups.map { $0.reduce(0, +) / Double($0.count) }
    }
}
