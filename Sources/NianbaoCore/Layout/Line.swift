/// One line of a `LayoutDocument`: a prose line's one cell, or a table row's cells.
public struct Line: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Running text: one cell.
        case prose
        /// A row of a table whose cells the source delimited (tabs, pipes, `<td>`, ruled grid).
        case tableRow
        /// Page furniture: a running header or footer, a page number (PDF layout, by position).
        case furniture
    }
    public var cells: [Cell]
    public var kind: Kind
    public var page: Int?
    /// The 1-based line of a text input this line was read from.
    public var sourceLine: Int?
    /// The cells stand in the table's columns, blank cells included (an HTML or PDF grid, a
    /// tab-separated row): a blank cell here is a real position, read as 0.
    public var positional: Bool = false
    /// A line of a table drawn without ruling lines with text in its label columns only: nothing stands
    /// in its value columns. It is a row printed blank (every cell blank, read as 0), or part of a label
    /// wrapped over lines, or a group label; the parse stage tells which from the labels (only it knows
    /// them).
    public var labelsOnly: Bool = false
    public init(cells: [Cell], kind: Kind, page: Int? = nil, sourceLine: Int? = nil) {
        self.cells = cells
        self.kind = kind
        self.page = page
        self.sourceLine = sourceLine
    }
    public init(prose text: String, page: Int? = nil) {
        self.init(cells: [Cell(text)], kind: .prose, page: page)
    }
    /// The line's text with cells joined by a tab.
    public var text: String { cells.map(\.text).joined(separator: "\t") }
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

// Compact coding: stage results are stored in the cache (see `StageStore`), and a laid-out PDF has
// thousands of lines, so a line uses short keys and omits defaults.
extension Line: Codable {
    enum CodingKeys: String, CodingKey {
        case cells = "c", kind = "k", page = "p", sourceLine = "n", positional = "x", labelsOnly = "l"
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            cells: try c.decode([Cell].self, forKey: .cells), kind: try c.decode(Kind.self, forKey: .kind),
            page: try c.decodeIfPresent(Int.self, forKey: .page),
            sourceLine: try c.decodeIfPresent(Int.self, forKey: .sourceLine))
        positional = try c.decodeIfPresent(Bool.self, forKey: .positional) ?? false
        labelsOnly = try c.decodeIfPresent(Bool.self, forKey: .labelsOnly) ?? false
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cells, forKey: .cells)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encodeIfPresent(sourceLine, forKey: .sourceLine)
        if positional { try c.encode(true, forKey: .positional) }
        if labelsOnly { try c.encode(true, forKey: .labelsOnly) }
    }
}
