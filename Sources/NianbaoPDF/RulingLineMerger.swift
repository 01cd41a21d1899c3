import NianbaoCore

/// A straight piece of a ruling line as found, before collinear pieces are joined.
public struct RulingLinePiece: Sendable, Hashable {
    public var horizontal: Bool
    /// y of a horizontal piece's centre line, x of a vertical one.
    public var position: Double
    /// The extent along the line: x0...x1 of a horizontal piece, y0...y1 of a vertical one.
    public var start: Double
    public var end: Double
    /// Thickness across the line.
    public var thickness: Double
    public init(horizontal: Bool, position: Double, start: Double, end: Double, thickness: Double) {
        self.horizontal = horizontal
        self.position = position
        self.start = start
        self.end = end
        self.thickness = thickness
    }
}

/// Joins collinear pieces of ruling lines into whole ruling lines.
///
/// The raster scan finds a ruling line once per pixel row (or column) it covers; a border drawn with a small
/// gap (cell by cell, as Word and WPS do) comes in pieces. Pieces of the same orientation whose centre lines
/// lie within `alignTolerance` of each other (chained), and that overlap or leave a gap of at most
/// `gapTolerance`, become one segment whose position is the length-weighted mean of theirs. Segments
/// shorter than `minimumLength` after joining are dropped.
public enum RulingLineMerger {
    static let alignTolerance = 1.0
    static let gapTolerance = 1.5
    /// A joined line whose pieces' positions spread wider than this is not straight: a shallow slant or
    /// curve, found a short run per pixel row.
    static let maxSpread = 4.5

    public static func merge(
        _ pieces: [RulingLinePiece], width: Double, height: Double, minimumLength: Double
    ) -> [RulingLine] {
        var segments: [RulingLine] = []
        for horizontal in [true, false] {
            let limit = horizontal ? width : height, across = horizontal ? height : width
            // Clip to the page; drop what lies outside it.
            let candidates = pieces.compactMap { piece -> RulingLinePiece? in
                guard piece.horizontal == horizontal, piece.position >= -1, piece.position <= across + 1 else {
                    return nil
                }
                var p = piece
                p.start = max(0, p.start)
                p.end = min(limit, p.end)
                return p.end > p.start ? p : nil
            }
            for line in join(candidates) where line.end - line.start >= minimumLength {
                segments.append(
                    horizontal
                        ? RulingLine(x0: line.start, y0: line.position, x1: line.end, y1: line.position)
                        : RulingLine(x0: line.position, y0: line.start, x1: line.position, y1: line.end))
            }
        }
        return segments.sorted { a, b in
            if a.isHorizontal != b.isHorizontal { return a.isHorizontal }
            return a.isHorizontal ? (a.y0, a.x0) < (b.y0, b.x0) : (a.x0, a.y0) < (b.x0, b.y0)
        }
    }

    /// Pieces of one orientation → joined lines (position = length-weighted mean of the pieces' positions).
    private static func join(_ pieces: [RulingLinePiece]) -> [RulingLinePiece] {
        // Group by position: sorted positions, a new group where the gap to the previous exceeds the tolerance.
        let sorted = pieces.sorted { $0.position < $1.position }
        var groups: [[RulingLinePiece]] = []
        for piece in sorted {
            if let last = groups.last?.last, piece.position - last.position <= alignTolerance {
                groups[groups.count - 1].append(piece)
            } else {
                groups.append([piece])
            }
        }
        var lines: [RulingLinePiece] = []
        for group in groups {
            let byStart = group.sorted { $0.start < $1.start }
            var current = byStart[0]
            var weighted = current.position * (current.end - current.start), weight = current.end - current.start
            var lowest = current.position, highest = current.position
            func finish() {
                guard highest - lowest <= maxSpread else { return }
                var line = current
                if weight > 0 { line.position = weighted / weight }
                lines.append(line)
            }
            for piece in byStart.dropFirst() {
                if piece.start <= current.end + gapTolerance {
                    current.end = max(current.end, piece.end)
                    current.thickness = max(current.thickness, piece.thickness)
                    weighted += piece.position * (piece.end - piece.start)
                    weight += piece.end - piece.start
                    lowest = min(lowest, piece.position)
                    highest = max(highest, piece.position)
                } else {
                    finish()
                    current = piece
                    weighted = piece.position * (piece.end - piece.start)
                    weight = piece.end - piece.start
                    lowest = piece.position
                    highest = piece.position
                }
            }
            finish()
        }
        return lines
    }
}

extension RulingLineMerger {
    /// Drops segments that lie (almost) entirely inside glyph boxes: strokes of large characters, text
    /// underlines. A table's ruling line always shows outside the text of its cells (padding, gaps, empty
    /// cells).
    static func withoutText(_ segments: [RulingLine], glyphs: [Glyph], minimumOutside: Double = 3) -> [RulingLine] {
        guard !glyphs.isEmpty, !segments.isEmpty else { return segments }
        // Boxes sorted by their start across each orientation, to find the few a segment can cross.
        let byTop = glyphs.map(\.box).sorted { $0.y0 < $1.y0 }
        let byLeft = glyphs.map(\.box).sorted { $0.x0 < $1.x0 }
        let tallest = glyphs.map { $0.box.y1 - $0.box.y0 }.max() ?? 0
        let widest = glyphs.map { $0.box.x1 - $0.box.x0 }.max() ?? 0
        func firstIndex(_ boxes: [Box], startingFrom value: Double, _ key: (Box) -> Double) -> Int {
            var low = 0, high = boxes.count
            while low < high {
                let mid = (low + high) / 2
                if key(boxes[mid]) < value { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return segments.filter { segment in
            let horizontal = segment.isHorizontal
            let position = horizontal ? segment.y0 : segment.x0
            let start = horizontal ? segment.x0 : segment.y0, end = horizontal ? segment.x1 : segment.y1
            let boxes = horizontal ? byTop : byLeft
            let reach = (horizontal ? tallest : widest) + 0.5
            var covered: [(Double, Double)] = []
            var k = firstIndex(boxes, startingFrom: position - reach) { horizontal ? $0.y0 : $0.x0 }
            while k < boxes.count {
                let b = boxes[k]
                k += 1
                let (across0, across1, along0, along1) =
                    horizontal ? (b.y0, b.y1, b.x0, b.x1) : (b.x0, b.x1, b.y0, b.y1)
                if across0 - 0.5 > position { break }
                guard position <= across1 + 0.5, along1 > start, along0 < end else { continue }
                covered.append((max(start, along0), min(end, along1)))
            }
            guard !covered.isEmpty else { return true }
            covered.sort { $0.0 < $1.0 }
            var total = 0.0
            var current = covered[0]
            for interval in covered.dropFirst() {
                if interval.0 <= current.1 {
                    current.1 = max(current.1, interval.1)
                } else {
                    total += current.1 - current.0
                    current = interval
                }
            }
            total += current.1 - current.0
            return (end - start) - total >= minimumOutside
        }
    }
}
