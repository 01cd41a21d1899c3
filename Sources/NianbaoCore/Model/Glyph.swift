/// One character as printed (coordinates as `PageGlyphs` describes them).
public struct Glyph: Sendable, Hashable {
    public var character: Character
    public var box: Box
    public var fontSize: Double
    public init(character: Character, box: Box, fontSize: Double) {
        self.character = character
        self.box = box
        self.fontSize = fontSize
    }
}
