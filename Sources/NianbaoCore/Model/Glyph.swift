/// One character as printed (coordinates as `PageGlyphs` describes them).
public struct Glyph: Sendable, Hashable {
    public var character: Character
    public var box: Box
    public var fontSize: Double
    /// How OCR read the cell or word this character belongs to; nil for a character of a text layer.
    public var ocr: OCRReading?
    public init(character: Character, box: Box, fontSize: Double, ocr: OCRReading? = nil) {
        self.character = character
        self.box = box
        self.fontSize = fontSize
        self.ocr = ocr
    }
}

// Compact coding: OCR results (`OCRPage`) are stored in the stage cache, a glyph each character.
extension Glyph: Codable {
    enum CodingKeys: String, CodingKey { case character = "t", box = "b", fontSize = "s", ocr = "r" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .character)
        guard let character = text.first, text.count == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .character, in: c, debugDescription: "one character")
        }
        self.init(
            character: character, box: try c.decode(Box.self, forKey: .box),
            fontSize: try c.decode(Double.self, forKey: .fontSize),
            ocr: try c.decodeIfPresent(OCRReading.self, forKey: .ocr))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(character), forKey: .character)
        try c.encode(box, forKey: .box)
        try c.encode(fontSize, forKey: .fontSize)
        try c.encodeIfPresent(ocr, forKey: .ocr)
    }
}
