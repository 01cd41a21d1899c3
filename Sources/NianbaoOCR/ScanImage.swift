import NianbaoCore
import NianbaoPDF

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a scanned page goes through before it is read: red ink dropped, contrast normalised, turned upright
/// and straightened. Pure Swift over `GrayImage`; the OCR engine only ever sees the result.
extension GrayImage {
    /// A colour rendering in grey, with red ink (seals, red headers: red above green and blue) seen as
    /// through a red filter when `dropRed`, so that it nearly vanishes; black print under a seal stays dark.
    public init(_ image: RGBImage, dropRed: Bool) {
        var out = [UInt8](repeating: 255, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for i in 0..<source.count {
                    let p = source[i]
                    let r = Int((p >> 16) & 0xFF), g = Int((p >> 8) & 0xFF), b = Int(p & 0xFF)
                    let gray = (r * 77 + g * 150 + b * 29) >> 8
                    // Red ink is seen through a red filter: its red channel, bright for the seal and its pink
                    // edges, dark where the seal lies over black print.
                    target[i] = UInt8(dropRed && r - max(g, b) > 24 ? max(r, gray) : gray)
                }
            }
        }
        self.init(width: image.width, height: image.height, pixels: out, scale: image.scale)
    }

    /// How many pixels have each grey level.
    func histogram() -> [Int] {
        var histogram = [Int](repeating: 0, count: 256)
        histogram.withUnsafeMutableBufferPointer { h in
            pixels.withUnsafeBufferPointer { for v in $0 { h[Int(v)] += 1 } }
        }
        return histogram
    }

    /// The value below which `fraction` of the pixels lie, from the image's `histogram`.
    func percentile(_ fraction: Double, of histogram: [Int]) -> UInt8 {
        let target = Int(Double(pixels.count) * fraction)
        var sum = 0
        for v in 0..<256 {
            sum += histogram[v]
            if sum > target { return UInt8(v) }
        }
        return 255
    }

    /// Contrast stretched so that paper is white and the darkest ink black: a grey, yellowed or
    /// under-exposed scan reads like a clean one.
    public func normalized() -> GrayImage {
        let histogram = histogram()
        let white = Int(percentile(0.6, of: histogram)), black = Int(percentile(0.002, of: histogram))
        guard white - black >= 32 else { return self }
        var lookup = [UInt8](repeating: 0, count: 256)
        for v in 0..<256 {
            lookup[v] = UInt8(clamping: (v - black) * 255 / (white - black))
        }
        var copy = self
        copy.pixels.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = lookup[Int(p[i])] }
        }
        return copy
    }

    /// Otsu's threshold: the grey level that best splits ink from paper.
    public func otsuThreshold() -> UInt8 {
        let histogram = histogram().map(Double.init)
        let total = Double(pixels.count)
        let sumAll = (0..<256).reduce(0.0) { $0 + Double($1) * histogram[$1] }
        var weightBelow = 0.0, sumBelow = 0.0, best = 0.0, threshold = 128
        for t in 0..<256 {
            weightBelow += histogram[t]
            guard weightBelow > 0, weightBelow < total else { continue }
            sumBelow += Double(t) * histogram[t]
            let meanBelow = sumBelow / weightBelow, meanAbove = (sumAll - sumBelow) / (total - weightBelow)
            let between = weightBelow * (total - weightBelow) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best {
                best = between
                threshold = t
            }
        }
        return UInt8(threshold)
    }

    /// Every `factor`-th pixel's block minimum (ink survives shrinking), for the page-level measurements.
    func shrunk(by factor: Int) -> GrayImage {
        guard factor > 1 else { return self }
        let w = width / factor, h = height / factor
        var out = [UInt8](repeating: 255, count: w * h)
        pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                for x in 0..<w {
                    var m: UInt8 = 255
                    for dy in 0..<factor {
                        let row = (y * factor + dy) * width + x * factor
                        for dx in 0..<factor { m = min(m, p[row + dx]) }
                    }
                    out[y * w + x] = m
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, scale: scale / Double(factor))
    }

    /// The ink pixels (darker than `threshold`) as coordinates, at most `limit` of them, evenly taken.
    func inkPoints(below threshold: UInt8, limit: Int) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = []
        var count = 0
        pixels.withUnsafeBufferPointer { p in for v in p where v < threshold { count += 1 } }
        let step = max(1, count / max(limit, 1))
        var k = 0
        pixels.withUnsafeBufferPointer { p in
            for y in 0..<height {
                for x in 0..<width where p[y * width + x] < threshold {
                    if k % step == 0 { points.append((Double(x), Double(y))) }
                    k += 1
                }
            }
        }
        return points
    }

    /// The page's skew in degrees (within ±`limit`): the angle whose sheared row profile of the ink is
    /// sharpest (text lines and ruling lines each fall into few rows). Positive: lines fall to the right.
    public func skew(limit: Double = 3) -> Double {
        let factor = max(1, width / 900)
        let small = shrunk(by: factor)
        let points = small.inkPoints(below: small.otsuThreshold(), limit: 60_000)
        guard points.count > 200 else { return 0 }
        let height = small.height, width = Double(small.width)
        func sharpness(_ degrees: Double) -> Double {
            let t = tan(degrees * .pi / 180)
            let offset = abs(t) * width
            let rows = height + Int(offset) + 2
            var profile = [Double](repeating: 0, count: rows)
            for p in points {
                let r = Int(p.y - p.x * t + (t > 0 ? offset : 0))
                if r >= 0 && r < rows { profile[r] += 1 }
            }
            var s = 0.0
            for i in 1..<rows {
                let d = profile[i] - profile[i - 1]
                s += d * d
            }
            return s
        }
        var best = 0.0, bestScore = sharpness(0)
        for step in stride(from: -limit, through: limit, by: 0.25) where step != 0 {
            let s = sharpness(step)
            if s > bestScore {
                bestScore = s
                best = step
            }
        }
        let coarse = best
        for step in stride(from: coarse - 0.25, through: coarse + 0.25, by: 0.05) {
            let s = sharpness(step)
            if s > bestScore {
                bestScore = s
                best = step
            }
        }
        return (best * 100).rounded() / 100
    }

    /// Whether the text runs across the page (rows of ink and paper alternate more sharply than columns):
    /// false for a page scanned sideways.
    public func runsAcross() -> Bool {
        let factor = max(1, width / 600)
        let small = shrunk(by: factor)
        let threshold = small.otsuThreshold()
        var rows = [Double](repeating: 0, count: small.height), columns = [Double](repeating: 0, count: small.width)
        small.pixels.withUnsafeBufferPointer { p in
            for y in 0..<small.height {
                for x in 0..<small.width where p[y * small.width + x] < threshold {
                    rows[y] += 1
                    columns[x] += 1
                }
            }
        }
        func roughness(_ profile: [Double]) -> Double {
            guard profile.count > 2 else { return 0 }
            var s = 0.0
            for i in 1..<profile.count {
                let d = profile[i] - profile[i - 1]
                s += d * d
            }
            return s / Double(profile.count)
        }
        // Each profile normalised by the other direction's length (a row sums `width` pixels).
        let across = roughness(rows) / Double(small.width * small.width)
        let down = roughness(columns) / Double(small.height * small.height)
        return across >= down
    }

    /// Turned by a multiple of 90° clockwise.
    public func turned(quarter turns: Int) -> GrayImage {
        let t = ((turns % 4) + 4) % 4
        guard t != 0 else { return self }
        let w = t == 2 ? width : height, h = t == 2 ? height : width
        var out = [UInt8](repeating: 255, count: w * h)
        pixels.withUnsafeBufferPointer { p in
            for y in 0..<height {
                for x in 0..<width {
                    let (nx, ny): (Int, Int)
                    switch t {
                    case 1: (nx, ny) = (height - 1 - y, x)
                    case 2: (nx, ny) = (width - 1 - x, height - 1 - y)
                    default: (nx, ny) = (y, width - 1 - x)
                    }
                    out[ny * w + nx] = p[y * width + x]
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, scale: scale)
    }

    /// Straightened: turned by `degrees` about its centre (bilinear, paper where nothing was).
    public func straightened(by degrees: Double) -> GrayImage {
        guard abs(degrees) >= 0.05 else { return self }
        let a = degrees * .pi / 180, c = cos(a), s = sin(a)
        let cx = Double(width) / 2, cy = Double(height) / 2
        var out = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeBufferPointer { p in
            for y in 0..<height {
                let dy = Double(y) - cy
                for x in 0..<width {
                    let dx = Double(x) - cx
                    let sx = cx + dx * c - dy * s, sy = cy + dx * s + dy * c
                    let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                    guard x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height else { continue }
                    let fx = sx - Double(x0), fy = sy - Double(y0)
                    let i = y0 * width + x0
                    let top = Double(p[i]) * (1 - fx) + Double(p[i + 1]) * fx
                    let bottom = Double(p[i + width]) * (1 - fx) + Double(p[i + width + 1]) * fx
                    out[y * width + x] = UInt8(clamping: Int((top * (1 - fy) + bottom * fy).rounded()))
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: out, scale: scale)
    }

    /// The part of the image in pixel rectangle x0..<x1, y0..<y1 (clipped), with `margin` pixels of paper
    /// around it.
    func cropped(x0: Int, y0: Int, x1: Int, y1: Int, margin: Int = 0) -> GrayImage {
        let a = max(0, x0), b = max(0, y0), c = min(width, x1), d = min(height, y1)
        guard c > a, d > b else { return GrayImage(width: 1, height: 1, scale: scale) }
        let w = c - a + 2 * margin, h = d - b + 2 * margin
        var out = [UInt8](repeating: 255, count: w * h)
        pixels.withUnsafeBufferPointer { p in
            for y in b..<d {
                for x in a..<c { out[(y - b + margin) * w + (x - a + margin)] = p[y * width + x] }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, scale: scale)
    }

    /// The bounding box of the ink (darker than `threshold`) in the pixel rectangle, ignoring specks of
    /// fewer than `minimum` pixels per row or column band; nil when there is (almost) none.
    func inkBounds(
        x0: Int, y0: Int, x1: Int, y1: Int, below threshold: UInt8, minimum: Int
    ) -> (x0: Int, y0: Int, x1: Int, y1: Int, count: Int)? {
        let a = max(0, x0), b = max(0, y0), c = min(width, x1), d = min(height, y1)
        guard c > a, d > b else { return nil }
        var rows = [Int](repeating: 0, count: d - b), columns = [Int](repeating: 0, count: c - a)
        var count = 0
        pixels.withUnsafeBufferPointer { p in
            for y in b..<d {
                for x in a..<c where p[y * width + x] < threshold {
                    rows[y - b] += 1
                    columns[x - a] += 1
                    count += 1
                }
            }
        }
        guard count >= minimum,
            let top = rows.firstIndex(where: { $0 > 0 }), let bottom = rows.lastIndex(where: { $0 > 0 }),
            let left = columns.firstIndex(where: { $0 > 0 }), let right = columns.lastIndex(where: { $0 > 0 })
        else { return nil }
        return (a + left, b + top, a + right + 1, b + bottom + 1, count)
    }

    /// Enlarged `factor` times (bilinear): Tesseract reads small print best at about 30–40 pixels a line.
    func enlarged(by factor: Int) -> GrayImage {
        guard factor > 1 else { return self }
        let w = width * factor, h = height * factor
        var out = [UInt8](repeating: 255, count: w * h)
        let f = Double(factor)
        pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                let sy = max(0, (Double(y) + 0.5) / f - 0.5)
                let y0 = min(height - 1, Int(sy)), y1 = min(height - 1, y0 + 1), fy = sy - Double(y0)
                for x in 0..<w {
                    let sx = max(0, (Double(x) + 0.5) / f - 0.5)
                    let x0 = min(width - 1, Int(sx)), x1 = min(width - 1, x0 + 1), fx = sx - Double(x0)
                    let top = Double(p[y0 * width + x0]) * (1 - fx) + Double(p[y0 * width + x1]) * fx
                    let bottom = Double(p[y1 * width + x0]) * (1 - fx) + Double(p[y1 * width + x1]) * fx
                    out[y * w + x] = UInt8(clamping: Int((top * (1 - fy) + bottom * fy).rounded()))
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out, scale: scale * f)
    }

    /// The runs of columns holding ink (darker than `threshold`), left to right, each with its ink's
    /// vertical extent: the characters of a printed number, which stand apart.
    func inkColumns(below threshold: UInt8) -> [(x0: Int, x1: Int, y0: Int, y1: Int)] {
        var runs: [(x0: Int, x1: Int, y0: Int, y1: Int)] = []
        var current: (x0: Int, x1: Int, y0: Int, y1: Int)?
        pixels.withUnsafeBufferPointer { p in
            for x in 0...width {
                var top = Int.max, bottom = -1
                if x < width {
                    for y in 0..<height where p[y * width + x] < threshold {
                        top = min(top, y)
                        bottom = y
                    }
                }
                if bottom >= 0 {
                    if var c = current {
                        c.x1 = x + 1
                        c.y0 = min(c.y0, top)
                        c.y1 = max(c.y1, bottom + 1)
                        current = c
                    } else {
                        current = (x, x + 1, top, bottom + 1)
                    }
                } else if let c = current {
                    runs.append(c)
                    current = nil
                }
            }
        }
        return runs
    }

    /// Pieces of ruling lines: runs of ink along rows and columns at least `minimumLength` points long,
    /// bridging gaps of up to `gap` pixels (a scanned line is broken by noise and JPEG blocks), in points
    /// of the image (add the region's origin).
    func rulingPieces(below threshold: UInt8, minimumLength: Double, gap: Int) -> [RulingLinePiece] {
        let minimumRun = max(16, Int(minimumLength * scale))
        let unit = 1 / scale
        var pieces: [RulingLinePiece] = []
        func scan(count: Int, length: Int, ink: (Int, Int) -> Bool, horizontal: Bool) {
            for line in 0..<count {
                var start = -1, lastInk = -1
                for i in 0...length {
                    let dark = i < length && ink(line, i)
                    if dark {
                        if start < 0 { start = i }
                        lastInk = i
                    } else if start >= 0 && (i == length || i - lastInk > gap) {
                        if lastInk + 1 - start >= minimumRun {
                            pieces.append(
                                RulingLinePiece(
                                    horizontal: horizontal, position: (Double(line) + 0.5) * unit,
                                    start: Double(start) * unit, end: Double(lastInk + 1) * unit, thickness: unit))
                        }
                        start = -1
                    }
                }
            }
        }
        pixels.withUnsafeBufferPointer { p in
            let w = width
            scan(count: height, length: width, ink: { y, x in p[y * w + x] < threshold }, horizontal: true)
            // Columns are scanned row by row (each column's run carried along), in the memory's order.
            var start = [Int](repeating: -1, count: w), lastInk = [Int](repeating: -1, count: w)
            var vertical: [RulingLinePiece] = []
            for y in 0...height {
                for x in 0..<w {
                    if y < height && p[y * w + x] < threshold {
                        if start[x] < 0 { start[x] = y }
                        lastInk[x] = y
                    } else if start[x] >= 0 && (y == height || y - lastInk[x] > gap) {
                        if lastInk[x] + 1 - start[x] >= minimumRun {
                            vertical.append(
                                RulingLinePiece(
                                    horizontal: false, position: (Double(x) + 0.5) * unit,
                                    start: Double(start[x]) * unit, end: Double(lastInk[x] + 1) * unit,
                                    thickness: unit))
                        }
                        start[x] = -1
                    }
                }
            }
            // In the order a column-by-column scan finds them.
            pieces += vertical.sorted { ($0.position, $0.start) < ($1.position, $1.start) }
        }
        return pieces
    }
}

extension GrayImage {
    /// Cells for the marks in a row's band to the right of its last cell (`row`, in points) where the prose
    /// reading (`read`) has nothing: Tesseract's page layout can leave out a table's last column, header and
    /// numbers alike. A mark is a run of ink no wider than a number of a few digits, parted from the next by
    /// at least an em, and not a ruling line (ink above and below the band, where a rule runs on); marks
    /// are taken left to right while each stands within two columns' distance of the cell before.
    func marksBeyond(_ row: [Box], threshold: UInt8, read: [Glyph]) -> [Box] {
        guard row.count >= 2, let last = row.last else { return [] }
        let s = scale
        let pitch = row[row.count - 1].midX - row[row.count - 2].midX
        // A cell is its numbers' height and a third of an em above and below: for numbers about 0.7 em
        // high, the cell is about 1.37 em.
        let em = last.height / 1.37
        guard pitch > 0, em > 0 else { return [] }
        let band = (y0: last.y0 + em / 3, y1: last.y1 - em / 3)
        // Short of the page's edge, where a scan's border darkens.
        let x0 = Int(last.x1 * s), x1 = width - Int(18 * s)
        guard x1 - x0 > Int(em * s), band.y1 > band.y0,
            !read.contains(where: { $0.box.x0 >= last.x1 && $0.box.midY > band.y0 && $0.box.midY < band.y1 })
        else { return [] }
        let crop = cropped(x0: x0, y0: Int(band.y0 * s), x1: x1, y1: Int((band.y1 * s).rounded(.up)))
        var marks: [(x0: Double, x1: Double)] = []
        for run in crop.inkColumns(below: threshold) {
            let r = (x0: Double(x0 + run.x0) / s, x1: Double(x0 + run.x1) / s)
            if let previous = marks.last, r.x0 - previous.x1 < em {
                marks[marks.count - 1].x1 = r.x1
            } else {
                marks.append(r)
            }
        }
        // A column of pixels inked without a break from half an em above the cell to half an em below it:
        // a rule running through the row, not a number.
        func ruled(_ mark: (x0: Double, x1: Double)) -> Bool {
            let ya = max(0, Int((last.y0 - em / 2) * s)), yb = min(height, Int((last.y1 + em / 2) * s))
            let xa = max(0, Int(mark.x0 * s)), xb = min(width, max(xa + 1, Int((mark.x1 * s).rounded(.up))))
            guard yb > ya, xb > xa else { return false }
            return pixels.withUnsafeBufferPointer { p in
                (xa..<xb).contains { x in (ya..<yb).allSatisfy { p[$0 * width + x] < threshold } }
            }
        }
        var cells: [Box] = []
        var edge = last
        for mark in marks {
            guard mark.x0 - edge.x1 < 2 * pitch, mark.x1 - mark.x0 <= 4 * em else { break }
            if ruled(mark) { continue }
            let centre = (mark.x0 + mark.x1) / 2
            let cell = Box(x0: max(edge.x1, centre - pitch / 2), y0: last.y0, x1: centre + pitch / 2, y1: last.y1)
            cells.append(cell)
            edge = cell
        }
        return cells
    }

    /// Rows of one table drawn without rules (`rows`, its cells as `PageLayout.unruledCells` found them) that
    /// the page's reading (`read`) left out altogether: Tesseract's layout can drop a line of numbers set
    /// between the two lines of its row's label. Such a row is a band of ink across at least half the
    /// columns, between the table's first and last rows, clear of every row found and of everything read
    /// there, about a line of numbers high; its cells are the columns' cells at that height.
    func rowsLeftOut(_ rows: [[Box]], threshold: UInt8, read: [Glyph]) -> [[Box]] {
        guard let columns = rows.max(by: { $0.count < $1.count }), columns.count >= 3,
            let top = rows.joined().map(\.y0).min(), let bottom = rows.joined().map(\.y1).max()
        else { return [] }
        let s = scale
        // A cell is its numbers' height (about 0.7 em) and a third of an em above and below
        // (`UnruledTables.cells`).
        let em = columns[0].height / 1.37
        guard em > 0, bottom > top else { return [] }
        let ya = max(0, Int(top * s)), yb = min(height, Int(bottom * s))
        // Per pixel row: the columns with ink there, outside every row found.
        let found = rows.compactMap(\.first).map { (Int($0.y0 * s), Int(($0.y1 * s).rounded(.up))) }
        var inked = [Int](repeating: 0, count: max(0, yb - ya))
        pixels.withUnsafeBufferPointer { p in
            for y in ya..<yb where !found.contains(where: { y >= $0.0 && y < $0.1 }) {
                for cell in columns {
                    let xa = max(0, Int(cell.x0 * s)), xb = min(width, Int(cell.x1 * s))
                    if (xa..<xb).contains(where: { p[y * width + $0] < threshold }) { inked[y - ya] += 1 }
                }
            }
        }
        var out: [[Box]] = []
        var y = 0
        while y < inked.count {
            guard 2 * inked[y] >= columns.count else {
                y += 1
                continue
            }
            var end = y
            while end < inked.count, inked[end] > 0 { end += 1 }
            let y0 = Double(ya + y) / s, y1 = Double(ya + end) / s
            let high = y1 - y0
            let clear = !read.contains { g in
                g.box.midY > y0 && g.box.midY < y1 && g.box.midX > columns[0].x0
            }
            if clear, high >= 0.4 * em, high <= 1.2 * em {
                out.append(columns.map { Box(x0: $0.x0, y0: y0 - em / 3, x1: $0.x1, y1: y1 + em / 3) })
            }
            y = end
        }
        return out
    }
}
