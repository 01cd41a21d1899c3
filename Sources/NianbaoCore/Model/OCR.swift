import Foundation

/// What OCR adds to the model: which pages or regions the text layer could not give (`OCRRequest`), what
/// OCR read there (`OCRPage`), and how sure it was of each cell (`OCRReading`).

/// A page, or a region of a page, the layout stage could not read from the PDF's text layer.
public struct OCRRequest: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The page has no text layer: a scan.
        case noText = "no_text"
        /// The page's text layer decodes to mojibake (a font without a usable Unicode map).
        case garbled
        /// A picture on a text page where a table should be (a table pasted as an image).
        case imageTable = "image_table"
    }
    /// 1-based.
    public var page: Int
    public var reason: Reason
    /// The region in points (the page as displayed, origin top left); nil for the whole page.
    public var region: Box?
    /// The resolution of the page's largest image, dots per inch, when the page has one: the scan's own.
    public var imageDPI: Double?

    public init(page: Int, reason: Reason, region: Box? = nil, imageDPI: Double? = nil) {
        self.page = page
        self.reason = reason
        self.region = region
        self.imageDPI = imageDPI
    }
}

/// How OCR read one cell (a table cell, or a word of prose): Tesseract's confidence in the text it gave,
/// whether that is enough (`ocr.yaml`'s threshold), and the other readings it considered, best first.
///
/// A class, immutable: every glyph of an OCR'd cell refers to its cell's one reading, and a glyph of a
/// text layer pays one empty reference for it, not the reading's size (glyphs are the most numerous
/// values of a PDF's layout).
public final class OCRReading: Sendable, Hashable, Codable {
    /// 0–100.
    public let confidence: Double
    public let confident: Bool
    /// Other readings of the whole cell, best first (none for a confident cell).
    public let alternatives: [String]
    /// Text whose characters were read each on its own (a line of prose, or lines joined): each character
    /// read without confidence, with the characters beside it (`UnsureCharacter`). Empty when the text
    /// shares one reading (a cell): then every character is as sure as the reading is.
    public let unsure: [UnsureCharacter]

    public init(
        confidence: Double, confident: Bool, alternatives: [String] = [], unsure: [UnsureCharacter] = []
    ) {
        self.confidence = confidence
        self.confident = confident
        self.alternatives = alternatives
        self.unsure = unsure
    }

    /// Whether OCR read the character at `index` of `text` (the text this reading is of) without
    /// confidence: any character of text that shares one unsure reading; in text whose characters were
    /// read each on its own, one of `unsure` standing there (the same character between the same
    /// neighbours).
    public func isUnsure(at index: Int, in text: [Character]) -> Bool {
        guard !confident else { return false }
        guard !unsure.isEmpty else { return true }
        let here = UnsureCharacter(text, at: index)
        return unsure.contains { $0.matches(here) }
    }

    public static func == (a: OCRReading, b: OCRReading) -> Bool {
        a.confidence == b.confidence && a.confident == b.confident && a.alternatives == b.alternatives
            && a.unsure == b.unsure
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(confidence)
        hasher.combine(confident)
        hasher.combine(alternatives)
        hasher.combine(unsure)
    }

    enum CodingKeys: String, CodingKey { case confidence = "c", confident = "k", alternatives = "a", unsure = "u" }
    public required init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        confidence = try c.decode(Double.self, forKey: .confidence)
        confident = try c.decode(Bool.self, forKey: .confident)
        alternatives = try c.decodeIfPresent([String].self, forKey: .alternatives) ?? []
        // A record that is not one character between two (a grapheme its neighbours would merge into) is
        // left out: a doubt lost, never the document's reading.
        unsure = (try c.decodeIfPresent([[String]].self, forKey: .unsure) ?? []).compactMap(
            UnsureCharacter.init(parts:))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(confident, forKey: .confident)
        if !alternatives.isEmpty { try c.encode(alternatives, forKey: .alternatives) }
        if !unsure.isEmpty { try c.encode(unsure, forKey: .unsure) }
    }

    /// The reading of text made of `glyphs`: theirs when they share one (the glyphs of one OCR'd cell), the
    /// least confident one's without alternatives when they do not, with the characters read without
    /// confidence (`unsure`); nil when none was OCR'd.
    public static func of(_ glyphs: some Collection<Glyph>) -> OCRReading? {
        var result: OCRReading?
        var mixed = false
        for glyph in glyphs {
            guard let reading = glyph.ocr else {
                // A character of a text layer beside OCR's: not as unsure as OCR's reading.
                mixed = true
                continue
            }
            guard let current = result else {
                result = reading
                continue
            }
            if current != reading {
                mixed = true
                if reading.confidence < current.confidence { result = reading }
            }
        }
        guard mixed, let r = result else { return result }
        let characters = glyphs.map(\.character)
        var unsure: [UnsureCharacter] = []
        if !r.confident {
            for (i, glyph) in glyphs.enumerated() where glyph.ocr?.isUnsure(at: 0, in: [glyph.character]) == true {
                let here = UnsureCharacter(characters, at: i)
                if !unsure.contains(here) { unsure.append(here) }
            }
        }
        return OCRReading(confidence: r.confidence, confident: r.confident, unsure: unsure)
    }

    /// The reading of `a` and `b` joined into one text (lines of a paragraph, `aText` then `bText`): the
    /// least confident one's, with the characters each read without confidence, their neighbours across
    /// the join filled in; nil when neither was OCR'd.
    public static func joined(_ a: OCRReading?, _ aText: String, _ b: OCRReading?, _ bText: String) -> OCRReading? {
        let readings = [a, b].compactMap { $0 }
        guard let least = readings.min(by: { $0.confidence < $1.confidence }) else { return nil }
        guard !least.confident else { return OCRReading(confidence: least.confidence, confident: true) }
        let text = Array(aText + " " + bText)
        let aCount = aText.count
        let lastOfA = aText.last { !$0.isWhitespace }
        let firstOfB = bText.first { !$0.isWhitespace }
        var unsure: [UnsureCharacter] = []
        func add(_ character: UnsureCharacter) {
            if !unsure.contains(character) { unsure.append(character) }
        }
        for (reading, range, isA) in [(a, 0..<aCount, true), (b, (aCount + 1)..<text.count, false)] {
            guard let reading, !reading.confident else { continue }
            guard !reading.unsure.isEmpty else {
                // Text that shared one unsure reading: each of its characters is unsure.
                for i in range where !text[i].isWhitespace { add(UnsureCharacter(text, at: i)) }
                continue
            }
            for var character in reading.unsure {
                // What ended a line read on its own now has a neighbour across the join.
                if isA, character.after == nil { character.after = firstOfB }
                if !isA, character.before == nil { character.before = lastOfA }
                add(character)
            }
        }
        return OCRReading(confidence: least.confidence, confident: false, unsure: unsure)
    }
}

/// A character OCR read without confidence, with the characters beside it (spaces aside) as they were
/// read: what tells it from the same character elsewhere in its line. A neighbour is nil at the end of
/// what was read, and then matches any (the line may be joined to another since).
public struct UnsureCharacter: Sendable, Hashable, Codable {
    public var character: Character
    public var before: Character?
    public var after: Character?

    public init(character: Character, before: Character?, after: Character?) {
        self.character = character
        self.before = before
        self.after = after
    }

    /// The character at `index` of `text`, with its nearest neighbours that are not spaces.
    public init(_ text: [Character], at index: Int) {
        character = text[index]
        before = text[..<index].last { !$0.isWhitespace }
        after = text[(index + 1)...].first { !$0.isWhitespace }
    }

    /// Whether `other` (a character of the text as it is now) is this one: the same character, between
    /// the same neighbours where this one had them.
    func matches(_ other: UnsureCharacter) -> Bool {
        character == other.character && (before == nil || before == other.before)
            && (after == nil || after == other.after)
    }

    // `[before, character, after]`, "" for a neighbour that is not there: compact in the stage cache.
    public init(from decoder: any Decoder) throws {
        guard let decoded = Self(parts: try decoder.singleValueContainer().decode([String].self)) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not [before, character, after]"))
        }
        self = decoded
    }

    /// From its coding, `[before, character, after]`; nil when that is not three single characters or
    /// empty neighbours.
    init?(parts: [String]) {
        func one(_ s: String) -> Character? { s.count == 1 ? s.first : nil }
        guard parts.count == 3, let here = one(parts[1]),
            parts[0].isEmpty || one(parts[0]) != nil, parts[2].isEmpty || one(parts[2]) != nil
        else { return nil }
        self.init(character: here, before: one(parts[0]), after: one(parts[2]))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode([before.map { String($0) } ?? "", String(character), after.map { String($0) } ?? ""])
    }
}

/// How the image OCR read relates to the page: the rendered page (or region, at `origin`) was turned by
/// `quarterTurns` × 90° clockwise to stand upright, then straightened by `degrees`. OCR's coordinates are in
/// that upright, straight frame (points); `toPage` takes them back to the page as displayed, for evidence.
public struct OCRFrame: Sendable, Hashable, Codable {
    public var originX: Double = 0
    public var originY: Double = 0
    /// The rendered page or region, in points, before turning.
    public var width: Double
    public var height: Double
    public var quarterTurns: Int = 0
    public var degrees: Double = 0

    public init(
        originX: Double = 0, originY: Double = 0, width: Double, height: Double, quarterTurns: Int = 0,
        degrees: Double = 0
    ) {
        self.originX = originX
        self.originY = originY
        self.width = width
        self.height = height
        self.quarterTurns = quarterTurns
        self.degrees = degrees
    }

    /// The size of the upright frame.
    public var uprightWidth: Double { quarterTurns % 2 == 0 ? width : height }
    public var uprightHeight: Double { quarterTurns % 2 == 0 ? height : width }

    /// A point of the upright, straight frame on the page.
    public func toPage(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        // Undo the straightening: the straight image at (x, y) shows the turned image at (sx, sy).
        let a = degrees * .pi / 180, c = cos(a), s = sin(a)
        let cx = uprightWidth / 2, cy = uprightHeight / 2
        let dx = x - cx, dy = y - cy
        let sx = cx + dx * c - dy * s, sy = cy + dx * s + dy * c
        // Undo the turn (clockwise by quarterTurns).
        let (px, py): (Double, Double)
        switch ((quarterTurns % 4) + 4) % 4 {
        case 1: (px, py) = (sy, height - sx)
        case 2: (px, py) = (width - sx, height - sy)
        case 3: (px, py) = (width - sy, sx)
        default: (px, py) = (sx, sy)
        }
        return (originX + px, originY + py)
    }

    /// A box of the upright, straight frame on the page: the bounds of its corners.
    public func toPage(_ box: Box) -> Box {
        let corners = [toPage(box.x0, box.y0), toPage(box.x1, box.y0), toPage(box.x0, box.y1), toPage(box.x1, box.y1)]
        return Box(
            x0: corners.map(\.x).min()!, y0: corners.map(\.y).min()!, x1: corners.map(\.x).max()!,
            y1: corners.map(\.y).max()!)
    }
}

/// What OCR read on one requested page or region: characters and ruling lines in points, as the text layer
/// gives them for a text page, so that the page is laid out by the same code (`PageLayout`). For a whole
/// page they stand in the upright, straight frame (`frame`); for a region they are already on the page.
public struct OCRPage: Sendable, Codable {
    public var request: OCRRequest
    public var frame: OCRFrame
    /// The size of the frame the glyphs stand in.
    public var width: Double
    public var height: Double
    public var glyphs: [Glyph]
    public var rulingLines: [RulingLine]
    /// What the reader noticed: the page was turned, the scan's resolution is too low to read, …
    public var findings: [Finding]

    public init(
        request: OCRRequest, frame: OCRFrame, width: Double, height: Double, glyphs: [Glyph],
        rulingLines: [RulingLine], findings: [Finding] = []
    ) {
        self.request = request
        self.frame = frame
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.rulingLines = rulingLines
        self.findings = findings
    }

    public var pageGlyphs: PageGlyphs {
        PageGlyphs(number: request.page, width: width, height: height, glyphs: glyphs, rulingLines: rulingLines)
    }
}

/// The OCR stage's result: every requested page or region, read.
public struct OCRDocument: Sendable, Codable {
    public var pages: [OCRPage]
    public init(pages: [OCRPage]) { self.pages = pages }
}
