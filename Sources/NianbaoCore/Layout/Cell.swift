/// One cell of a `Line`: its text, and where it was found.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation?
    /// A position covered by a merged cell that starts elsewhere (rowspan/colspan): not a blank cell.
    public var spanned: Bool
    /// A run of digits printed without separators between the cells it holds (crawled page text): the
    /// table readers cut it into the row's cells (`GluedSplitter`).
    public var glued: Bool = false
    public init(_ text: String, location: SourceLocation? = nil, spanned: Bool = false) {
        self.text = text
        self.location = location
        self.spanned = spanned
    }
    public var isBlank: Bool { text.allSatisfy { $0.isWhitespace } }
}

// Compact coding: stage results are stored in the cache (see `StageStore`), and a laid-out PDF has
// thousands of cells, so a cell uses short keys and omits defaults.
extension Cell: Codable {
    enum CodingKeys: String, CodingKey { case text = "t", location = "o", spanned = "s", glued = "g" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try c.decode(String.self, forKey: .text),
            location: try c.decodeIfPresent(SourceLocation.self, forKey: .location),
            spanned: try c.decodeIfPresent(Bool.self, forKey: .spanned) ?? false)
        glued = try c.decodeIfPresent(Bool.self, forKey: .glued) ?? false
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(location, forKey: .location)
        if spanned { try c.encode(true, forKey: .spanned) }
        if glued { try c.encode(true, forKey: .glued) }
    }
}
