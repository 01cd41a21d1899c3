import Foundation

/// Reads the number printed in one table cell: `1,234`, `4.66万元`, `20件`, `—` (zero), `１２３`.
public enum NumberReader {
    public enum Unit: String, Sendable, Hashable { case yuan = "元", wanYuan = "万元", count = "件" }

    public struct Reading: Sendable, Hashable {
        public var value: Decimal
        /// A money unit printed in the cell, if any (counts such as 件 are dropped silently).
        public var unit: Unit?
        /// The cell printed a dash, slash or 无 for zero.
        public var zeroMark: Bool
    }

    static let zeroMarks: Set<String> = ["-", "--", "—", "——", "–", "－", "/", "／", "无", "\\"]
    static let countUnits = ["人次", "件", "个", "次", "项", "条", "宗", "份", "人", "家"]

    public static func isNumericCell(_ text: String) -> Bool { read(text) != nil }

    public static func read(_ raw: String) -> Reading? {
        // Digits on both sides of a space are two numbers (two cells run together), never one.
        let folded = raw.compactMap { $0 == "?" || $0 == "？" ? nil : fold($0) }
        for i in folded.indices.dropFirst().dropLast() where folded[i].isWhitespace {
            var a = i - 1, b = i + 1
            while a > 0, folded[a].isWhitespace { a -= 1 }
            while b < folded.count - 1, folded[b].isWhitespace { b += 1 }
            if folded[a].isASCII && folded[a].isNumber && folded[b].isASCII && folded[b].isNumber { return nil }
        }
        var s = Substring(String(folded.filter { !$0.isWhitespace }))
        if s.isEmpty { return nil }
        if zeroMarks.contains(String(s)) { return Reading(value: 0, unit: nil, zeroMark: true) }
        var unit: Unit?
        if s.hasSuffix("万元") { unit = .wanYuan; s = s.dropLast(2) }
        else if s.hasSuffix("元") { unit = .yuan; s = s.dropLast(1) }
        else if let u = countUnits.first(where: { s.hasSuffix($0) }) { s = s.dropLast(u.count); unit = nil }
        var negative = false
        if s.first == "-" || s.first == "－" || s.first == "+" {
            negative = s.first != "+"
            s = s.dropFirst()
        }
        guard let first = s.first, first.isASCII, first.isNumber else { return nil }
        var digits = ""
        var seenDot = false
        var groupLength = 0
        var sawComma = false
        for ch in s {
            let c = fold(ch)
            if c.isASCII && c.isNumber {
                digits.append(c); groupLength += 1
            } else if c == "," {
                // thousands separator: groups of three after the first
                if seenDot || (sawComma && groupLength != 3) || groupLength == 0 { return nil }
                sawComma = true; groupLength = 0
            } else if c == "." {
                if seenDot || (sawComma && groupLength != 3) { return nil }
                seenDot = true; digits.append("."); groupLength = 0
            } else {
                return nil
            }
        }
        if sawComma && !seenDot && groupLength != 3 { return nil }
        if digits.hasSuffix(".") { digits.removeLast() }
        guard let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return Reading(value: negative ? -value : value, unit: unit, zeroMark: false)
    }

    static func fold(_ ch: Character) -> Character {
        guard let scalar = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return ch }
        switch scalar.value {
        case 0xFF10...0xFF19: return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
        case 0xFF0C: return ","
        case 0xFF0E: return "."
        default: return ch
        }
    }
}
