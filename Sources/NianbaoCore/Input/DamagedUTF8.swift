/// UTF-8 text with a few invalid bytes (a byte flipped in transit, a file cut and joined mid-character):
/// read as UTF-8 with each invalid sequence replaced by U+FFFD, and the damage reported, rather than the
/// whole document refused.
///
/// Only text that is overwhelmingly UTF-8 is read so: at least 99 valid multi-byte sequences for each
/// invalid one. GBK, GB18030 and Big5 text is never close: their two-byte characters are invalid UTF-8
/// nearly every time (a lead byte C1 or D9, a trail byte below 0x80), so such a file fails the test
/// within its first few hundred bytes and goes on to the legacy decoders as before.
public struct EncodingDamage: Sendable, Hashable {
    /// Invalid sequences replaced, each by one U+FFFD.
    public var count: Int
    /// Lines holding them (1-based, as `PlainTextReader` numbers lines): the first few.
    public var lines: [Int]
    /// Lines holding them, in all.
    public var lineCount: Int

    /// How many lines the finding names.
    static let namedLines = 5
    /// Valid multi-byte sequences needed for each invalid one.
    static let validPerInvalid = 99

    /// The warning that tells the reader where the text is damaged.
    public var finding: Finding {
        let named = lines.map(String.init).joined(separator: ", ")
        let more =
            lineCount > lines.count
            ? " and \(lineCount - lines.count) more line\(lineCount - lines.count == 1 ? "" : "s")" : ""
        return Finding(
            rule: FindingID.encodingDamage, severity: .warning,
            message:
                "\(count) invalid UTF-8 byte sequence\(count == 1 ? "" : "s") replaced with U+FFFD, on line\(lineCount == 1 ? "" : "s") \(named)\(more); the rest of the text was read as UTF-8"
        )
    }

    /// `bytes` as UTF-8 with invalid sequences replaced, and the damage; nil when the bytes are valid
    /// UTF-8 (nothing to repair) or not overwhelmingly UTF-8 (`validPerInvalid`).
    public static func repair(_ bytes: ArraySlice<UInt8>) -> (text: String, damage: EncodingDamage)? {
        guard let damage = measure(bytes) else { return nil }
        // The standard library's decoder replaces the same maximal invalid sequences `measure` counted.
        return (String(decoding: bytes, as: UTF8.self), damage)
    }

    /// The damage of bytes that are overwhelmingly UTF-8 with some invalid sequences; nil otherwise.
    /// Stops as soon as the invalid sequences outnumber what the rest of the bytes could still make up
    /// for: a GBK file costs a few hundred bytes of this.
    static func measure(_ bytes: ArraySlice<UInt8>) -> EncodingDamage? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var valid = 0
        var invalid = 0
        var consumed = 0
        var line = 1
        var afterCR = false
        var lastDamagedLine = 0
        var damage = EncodingDamage(count: 0, lines: [], lineCount: 0)
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let v = scalar.value
                consumed += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
                if v >= 0x80 { valid += 1 }
                // Lines end at \n, \r\n and \r, as `PlainTextReader` splits them.
                if v == 0x0A {
                    if !afterCR { line += 1 }
                } else if v == 0x0D {
                    line += 1
                }
                afterCR = v == 0x0D
            case .error:
                invalid += 1
                // An invalid sequence is 1 to 3 bytes; counting 1 only makes the bound below looser.
                consumed += 1
                afterCR = false
                if lastDamagedLine != line {
                    damage.lineCount += 1
                    lastDamagedLine = line
                    if damage.lines.count < namedLines { damage.lines.append(line) }
                }
                // Each remaining pair of bytes can add at most one valid multi-byte sequence.
                if invalid * validPerInvalid > valid + (bytes.count - consumed) / 2 { return nil }
            case .emptyInput:
                break loop
            }
        }
        guard invalid > 0, valid >= invalid * validPerInvalid else { return nil }
        damage.count = invalid
        return damage
    }
}
