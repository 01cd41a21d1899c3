/// A rectangle in PDF points, origin at the top left of the page.
public struct Box: Sendable, Hashable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }
    public func union(_ other: Box) -> Box {
        Box(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }
}

extension Box {
    public func contains(_ x: Double, _ y: Double) -> Bool { x > x0 && x < x1 && y > y0 && y < y1 }
    public var midX: Double { (x0 + x1) / 2 }
    public var midY: Double { (y0 + y1) / 2 }
    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
}

extension Box {
    static func roundedForStorage(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    func roundedForStorage() -> Box {
        Box(
            x0: Self.roundedForStorage(x0), y0: Self.roundedForStorage(y0), x1: Self.roundedForStorage(x1),
            y1: Self.roundedForStorage(y1))
    }
}

// Compact coding: stage results are stored in the cache (see `StageStore`), and a laid-out PDF has
// thousands of cells, each with a box, so a box is written as one string.
extension Box: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let v = text.split(separator: " ").compactMap { Double($0) }
        guard v.count == 4 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a box is four numbers"))
        }
        self.init(x0: v[0], y0: v[1], x1: v[2], y1: v[3])
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode([x0, y0, x1, y1].map { String(Self.roundedForStorage($0)) }.joined(separator: " "))
    }
}
