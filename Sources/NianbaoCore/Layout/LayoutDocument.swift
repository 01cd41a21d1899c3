/// The layout stage's output: a document as lines of cells in reading order.
///
/// Every input kind (plain text, HTML, PDF) is brought to this shape before cleanup, so that the later
/// stages never need to know where a document came from. A prose line is one cell; a table row is one
/// cell per table cell, with blank cells kept where the source kept them.

/// A rectangle in PDF points, origin at the top left of the page.
public struct Box: Sendable, Hashable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }
    public func union(_ other: Box) -> Box {
        Box(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }
}

/// Where a piece of text was found: a page (1-based) and, for PDFs, its box.
public struct SourceLocation: Sendable, Hashable {
    public var page: Int?
    public var box: Box?
    /// The 1-based line of a text input.
    public var line: Int?
    public init(page: Int? = nil, box: Box? = nil, line: Int? = nil) { self.page = page; self.box = box; self.line = line }
}

public struct Cell: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation?
    /// A position covered by a merged cell that starts elsewhere (rowspan/colspan): not a blank cell.
    public var spanned: Bool
    /// A run of digits printed without separators between the cells it holds (crawled page text): the
    /// table readers cut it into the row's cells (`GluedSplitter`).
    public var glued: Bool = false
    public init(_ text: String, location: SourceLocation? = nil, spanned: Bool = false) {
        self.text = text; self.location = location; self.spanned = spanned
    }
    public var isBlank: Bool { text.allSatisfy { $0.isWhitespace } }
}

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
        self.cells = cells; self.kind = kind; self.page = page; self.sourceLine = sourceLine
    }
    public init(prose text: String, page: Int? = nil) {
        self.init(cells: [Cell(text)], kind: .prose, page: page)
    }
    /// The line's text with cells joined by a tab.
    public var text: String { cells.map(\.text).joined(separator: "\t") }
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

/// A document after layout: lines in reading order. `pageCount` is nil for inputs without pages.
public struct LayoutDocument: Sendable, Codable {
    public var lines: [Line]
    public var pageCount: Int?
    /// Problems the layout stage met that do not make the document unreadable (a page without text).
    public var findings: [Finding]
    public init(lines: [Line], pageCount: Int? = nil, findings: [Finding] = []) {
        self.lines = lines; self.pageCount = pageCount; self.findings = findings
    }
}

extension LayoutDocument {
    /// The document with every box rounded as it is stored (`Box`'s coding keeps 1/100 pt), so that what
    /// a run computes and what a later run reads back from the cache are the same values, and give the
    /// same outputs.
    func roundedForStorage() -> LayoutDocument {
        var copy = self
        for i in copy.lines.indices {
            for j in copy.lines[i].cells.indices {
                guard let box = copy.lines[i].cells[j].location?.box else { continue }
                copy.lines[i].cells[j].location?.box = box.roundedForStorage()
            }
        }
        return copy
    }
}

extension Box {
    static func roundedForStorage(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    func roundedForStorage() -> Box {
        Box(x0: Self.roundedForStorage(x0), y0: Self.roundedForStorage(y0), x1: Self.roundedForStorage(x1), y1: Self.roundedForStorage(y1))
    }
}

// MARK: - Compact coding
//
// Stage results are stored in the cache (see `StageStore`); a laid-out PDF has thousands of cells,
// so cells, lines and boxes use short keys, omit defaults, and write a box as one string.

extension Box: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let v = text.split(separator: " ").compactMap { Double($0) }
        guard v.count == 4 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a box is four numbers"))
        }
        self.init(x0: v[0], y0: v[1], x1: v[2], y1: v[3])
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode([x0, y0, x1, y1].map { String(Self.roundedForStorage($0)) }.joined(separator: " "))
    }
}

extension SourceLocation: Codable {
    enum CodingKeys: String, CodingKey { case page = "p", box = "b", line = "l" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(page: try c.decodeIfPresent(Int.self, forKey: .page), box: try c.decodeIfPresent(Box.self, forKey: .box),
                  line: try c.decodeIfPresent(Int.self, forKey: .line))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encodeIfPresent(box, forKey: .box)
        try c.encodeIfPresent(line, forKey: .line)
    }
}

extension Cell: Codable {
    enum CodingKeys: String, CodingKey { case text = "t", location = "o", spanned = "s", glued = "g" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .text), location: try c.decodeIfPresent(SourceLocation.self, forKey: .location),
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

extension Line: Codable {
    enum CodingKeys: String, CodingKey { case cells = "c", kind = "k", page = "p", sourceLine = "n", positional = "x", labelsOnly = "l" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(cells: try c.decode([Cell].self, forKey: .cells), kind: try c.decode(Kind.self, forKey: .kind),
                  page: try c.decodeIfPresent(Int.self, forKey: .page), sourceLine: try c.decodeIfPresent(Int.self, forKey: .sourceLine))
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
