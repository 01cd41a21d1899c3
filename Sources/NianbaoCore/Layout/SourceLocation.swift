/// Where a piece of text was found: a page (1-based) and, for PDFs, its box.
public struct SourceLocation: Sendable, Hashable {
    public var page: Int?
    public var box: Box?
    /// The 1-based line of a text input.
    public var line: Int?
    public init(page: Int? = nil, box: Box? = nil, line: Int? = nil) {
        self.page = page
        self.box = box
        self.line = line
    }
}

// Compact coding: stage results are stored in the cache (see `StageStore`), and a laid-out PDF has
// thousands of cells, each with a location, so a location uses short keys and omits what is absent.
extension SourceLocation: Codable {
    enum CodingKeys: String, CodingKey { case page = "p", box = "b", line = "l" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            page: try c.decodeIfPresent(Int.self, forKey: .page), box: try c.decodeIfPresent(Box.self, forKey: .box),
            line: try c.decodeIfPresent(Int.self, forKey: .line))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encodeIfPresent(box, forKey: .box)
        try c.encodeIfPresent(line, forKey: .line)
    }
}
