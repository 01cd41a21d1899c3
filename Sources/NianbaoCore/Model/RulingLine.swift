/// A straight ruling line (a table border): a stroked line or a thin filled rectangle (coordinates as
/// `PageGlyphs` describes them).
public struct RulingLine: Sendable, Hashable, Codable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = min(x0, x1)
        self.y0 = min(y0, y1)
        self.x1 = max(x0, x1)
        self.y1 = max(y0, y1)
    }
    public var isHorizontal: Bool { (x1 - x0) >= (y1 - y0) }
}
