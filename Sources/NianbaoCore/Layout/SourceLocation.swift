/// Where a piece of text was found: a page (1-based) and, for PDFs, its box.
public struct SourceLocation: Sendable, Hashable {
    public var page: Int?
    public var box: Box?
    /// The 1-based line of a text input.
    public var line: Int?
    /// How OCR read the text here; nil for text from a text layer, a web page or a text file.
    public var ocr: OCRReading?
    public init(page: Int? = nil, box: Box? = nil, line: Int? = nil, ocr: OCRReading? = nil) {
        self.page = page
        self.box = box
        self.line = line
        self.ocr = ocr
    }

    /// Where text joined from `aText` (at `a`) and `bText` (at `b`) was found: `a`'s place, with OCR's
    /// readings of both (`OCRReading.joined`) when OCR read `a`; else `a` as it is (text a text layer
    /// starts is not counted as OCR's, whatever follows it).
    public static func joining(
        _ a: SourceLocation?, _ aText: String, _ b: SourceLocation?, _ bText: String
    ) -> SourceLocation? {
        guard var location = a, let reading = location.ocr else { return a }
        location.ocr = OCRReading.joined(reading, aText, b?.ocr, bText)
        return location
    }
}

// Compact coding: stage results are stored in the cache (see `StageStore`), and a laid-out PDF has
// thousands of cells, each with a location, so a location uses short keys and omits what is absent.
extension SourceLocation: Codable {
    enum CodingKeys: String, CodingKey { case page = "p", box = "b", line = "l", ocr = "r" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            page: try c.decodeIfPresent(Int.self, forKey: .page), box: try c.decodeIfPresent(Box.self, forKey: .box),
            line: try c.decodeIfPresent(Int.self, forKey: .line),
            ocr: try c.decodeIfPresent(OCRReading.self, forKey: .ocr))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encodeIfPresent(box, forKey: .box)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encodeIfPresent(ocr, forKey: .ocr)
    }
}
