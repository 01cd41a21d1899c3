import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes → text, for text and HTML inputs: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK/GB2312,
/// and Big5 where the container declares it.
public enum TextDecoding {
    public struct Decoded: Sendable {
        public var text: String
        /// The encoding the bytes were read as, e.g. `UTF-8`, `GB18030`, `Big5`.
        public var encoding: String
        /// UTF-8 read with a few invalid sequences replaced (`EncodingDamage`); nil when none were.
        public var damage: EncodingDamage? = nil

        /// What the layout stage reports about the decoding: the damage, if any.
        public var findings: [Finding] { damage.map { [$0.finding] } ?? [] }
    }

    /// The encodings a declared charset name can stand for, by the names pages use for them.
    public enum Charset: String, Sendable {
        case utf8 = "UTF-8", gb18030 = "GB18030", big5 = "Big5"

        /// `gb2312`, `GBK`, `x-gbk`, … → GB18030 (a superset of both); `big5`, `x-x-big5`, `cp950`, … → Big5.
        public init?(label: String) {
            switch label.lowercased() {
            case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
            case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "ms936", "euc-cn", "csgb2312",
                "gb_2312-80",
                "gb_2312", "chinese", "iso-ir-58", "csiso58gb231280", "x-euc-cn":
                self = .gb18030
            case "big5", "big5-hkscs", "big5hkscs", "x-x-big5", "cn-big5", "csbig5", "cp950", "x-big5", "windows-950",
                "ms950":
                self = .big5
            default: return nil
            }
        }
    }

    /// Decodes `bytes` and checks that the text is a plausible Chinese report (`checkPlausible`).
    /// `declared` is a charset the container named (an HTML `<meta charset>`).
    public static func decode(_ bytes: [UInt8], declared: String? = nil) throws(UnreadableDocument) -> Decoded {
        let decoded = try decodeOnly(bytes, declared: declared)
        try checkPlausible(decoded.text)
        return decoded
    }

    /// Decodes markup (an HTML page): only binary data is refused here. Whether the text is Chinese is
    /// for the text the markup holds, once extracted: a real page's scripts and styles outweigh its
    /// report many times over.
    public static func decodeMarkup(_ bytes: [UInt8], declared: String? = nil) throws(UnreadableDocument) -> Decoded {
        let decoded = try decodeOnly(bytes, declared: declared)
        try checkNotBinary(decoded.text)
        return decoded
    }

    /// Valid UTF-8 is read as UTF-8 whatever the page declares: a page re-saved as UTF-8 keeps its old
    /// `charset=gb2312`, and UTF-8 Chinese read as GB18030 would be valid mojibake, while GBK or Big5 text
    /// of any length is practically never valid UTF-8. So is UTF-8 with a few invalid bytes, each replaced
    /// by U+FFFD and reported (`EncodingDamage`), as long as it is overwhelmingly valid UTF-8. Otherwise
    /// the declared charset, else GB18030.
    static func decodeOnly(_ bytes: [UInt8], declared: String?) throws(UnreadableDocument) -> Decoded {
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw UnreadableDocument(.empty, "the file is empty")
        }
        var decoded: Decoded?
        func repaired(_ body: ArraySlice<UInt8>) -> Decoded? {
            EncodingDamage.repair(body).map { Decoded(text: $0.text, encoding: "UTF-8", damage: $0.damage) }
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded =
                String(validating: bytes.dropFirst(3), as: UTF8.self).map { Decoded(text: $0, encoding: "UTF-8") }
                ?? repaired(bytes.dropFirst(3))
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            decoded = utf16(bytes).map { Decoded(text: $0, encoding: "UTF-16") }
        } else if let text = String(validating: bytes, as: UTF8.self) {
            decoded = Decoded(text: text, encoding: "UTF-8")
        } else if let damaged = repaired(bytes[...]) {
            decoded = damaged
        } else {
            let gb = { gb18030(bytes).map { Decoded(text: $0, encoding: Charset.gb18030.rawValue) } }
            let big = { big5(bytes).map { Decoded(text: $0, encoding: Charset.big5.rawValue) } }
            decoded = declared.flatMap(Charset.init(label:)) == .big5 ? (big() ?? gb()) : gb()
        }
        guard let decoded else {
            if looksBinary(bytes) { throw UnreadableDocument(.binary, "binary data, not text (\(bytes.count) bytes)") }
            throw UnreadableDocument(
                .encoding,
                "the bytes are neither UTF-8 nor GB18030/GBK\(declared.flatMap(Charset.init(label:)) == .big5 ? " nor Big5" : "") text"
            )
        }
        return decoded
    }

    /// Rejects text that decoded but is not a Chinese report: control bytes, replacement characters,
    /// Latin-1 mojibake (UTF-8 read as Latin-1), or no Chinese at all.
    public static func checkPlausible(_ text: String) throws(UnreadableDocument) {
        var han = 0, control = 0, replacement = 0, latinSupplement = 0, visible = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0xFFFD { replacement += 1 }
            if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D {
                control += 1
                continue
            }
            if scalar.properties.isWhitespace { continue }
            visible += 1
            if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v) {
                han += 1
            }
            if (0x00C0...0x00FF).contains(v) { latinSupplement += 1 }
        }
        guard visible > 0 else { throw UnreadableDocument(.empty, "the file holds no visible text") }
        try checkControl(control, of: visible)
        if replacement * 20 > visible {
            throw UnreadableDocument(.garbled, "garbled text: \(replacement) of \(visible) characters are U+FFFD")
        }
        if han * 10 < visible {
            let why =
                latinSupplement * 5 > visible
                ? "looks like mis-decoded text (Latin-1 mojibake)" : "almost no Chinese characters"
            throw UnreadableDocument(.garbled, "garbled text: \(why), \(han) Han characters of \(visible)")
        }
    }

    /// Rejects text with more than 1% control characters (binary data that happened to decode).
    static func checkNotBinary(_ text: String) throws(UnreadableDocument) {
        var control = 0, visible = 0
        for v in text.utf8 {
            if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D {
                control += 1
            } else if v > 0x20 && v < 0x80 || v >= 0xC0 {
                visible += 1
            }
        }
        try checkControl(control, of: visible)
    }

    static func checkControl(_ control: Int, of visible: Int) throws(UnreadableDocument) {
        if control * 100 > visible {
            throw UnreadableDocument(.binary, "binary data, not text (\(control) control characters)")
        }
    }

    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        return sample.contains(0) || sample.filter({ $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }).count * 50 > sample.count
    }

    static func utf16(_ bytes: [UInt8]) -> String? {
        let littleEndian = bytes[0] == 0xFF
        let body = bytes.dropFirst(2)
        guard body.count % 2 == 0 else { return nil }
        var units = [UInt16]()
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i < body.endIndex {
            let a = UInt16(body[i]), b = UInt16(body[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        return String(validating: units, as: UTF16.self)
    }

    /// GB18030 (a superset of GBK and GB2312) through the C library's iconv; nil on an invalid sequence.
    static func gb18030(_ bytes: [UInt8]) -> String? { convert(bytes, from: "GB18030") }

    /// Big5 as Taiwan's and Hong Kong's pages write it: glibc's BIG5-HKSCS holds Big5 with Microsoft's
    /// (CP950) and ETEN's additions (裏 碁 銹 are F9D8 F9D6 F9D7), and Hong Kong's characters.
    static func big5(_ bytes: [UInt8]) -> String? {
        convert(bytes, from: "BIG5-HKSCS") ?? convert(bytes, from: "CP950")
    }

    /// `bytes` in `encoding` → a String through iconv; nil when iconv lacks the encoding or meets an
    /// invalid sequence.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // Two bytes of GB18030 or Big5 give at most three of UTF-8, and one HKSCS pair at most two
        // characters (four bytes).
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        var inLeft = input.count, outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            }
        }
        guard result != -1, inLeft == 0 else { return nil }
        let produced = output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
        return String(validating: produced, as: UTF8.self)
    }
}
