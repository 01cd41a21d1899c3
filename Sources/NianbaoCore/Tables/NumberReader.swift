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
    static let countUnits: [[Unicode.Scalar]] = ["人次", "件", "个", "次", "项", "条", "宗", "份", "人", "家"].map {
        Array($0.unicodeScalars)
    }
    static let yuan: [Unicode.Scalar] = Array("元".unicodeScalars),
        wanYuan: [Unicode.Scalar] = Array("万元".unicodeScalars)

    public static func isNumericCell(_ text: String) -> Bool { read(text) != nil }

    /// The mark of a character that could not be read (`□`, as Chinese transcriptions mark an illegible
    /// one): what OCR puts in a cell of ink it read nothing of.
    public static let unread: Character = "□"

    /// A cell that holds one mark of an unread character and nothing else: a value printed there, but not
    /// known. (`□□` may as well be a label whose characters were lost.)
    public static func isUnread(_ text: String) -> Bool {
        text.filter { !$0.isWhitespace } == String(unread)
    }

    /// Works on Unicode scalars, not Characters: it runs on every cell of every table.
    public static func read(_ raw: String) -> Reading? {
        var folded: [Unicode.Scalar] = []
        folded.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars where scalar != "?" && scalar != "？" { folded.append(fold(scalar)) }
        // Digits on both sides of a space are two numbers (two cells run together), never one. Each run of
        // spaces is looked at once, from its first space (a cell of 100,000 spaces took 20 s otherwise).
        for i in folded.indices.dropFirst().dropLast() where isSpace(folded[i]) && !isSpace(folded[i - 1]) {
            let a = i - 1
            var b = i + 1
            while b < folded.count - 1, isSpace(folded[b]) { b += 1 }
            if isDigit(folded[a]) && isDigit(folded[b]) { return nil }
        }
        var s = folded.filter { !isSpace($0) }[...]
        if s.isEmpty { return nil }
        if s.count <= 2, zeroMarks.contains(String(String.UnicodeScalarView(s))) {
            return Reading(value: 0, unit: nil, zeroMark: true)
        }
        var unit: Unit?
        if s.count > 2, s.suffix(2).elementsEqual(wanYuan) {
            unit = .wanYuan
            s = s.dropLast(2)
        } else if s.last == yuan[0] {
            unit = .yuan
            s = s.dropLast(1)
        } else if let u = countUnits.first(where: { s.count > $0.count && s.suffix($0.count).elementsEqual($0) }) {
            s = s.dropLast(u.count)
        }
        var negative = false
        if s.first == "-" || s.first == "－" || s.first == "+" {
            negative = s.first != "+"
            s = s.dropFirst()
        }
        guard let first = s.first, isDigit(first) else { return nil }
        var significand: UInt64 = 0
        var fractionDigits = 0
        var seenDot = false
        var groupLength = 0
        var sawComma = false
        var overflow = false
        for c in s {
            if isDigit(c) {
                let (times, o1) = significand.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(UInt64(c.value - 0x30))
                overflow = overflow || o1 || o2
                significand = sum
                groupLength += 1
                if seenDot { fractionDigits += 1 }
            } else if c == "," {
                // thousands separator: groups of three after the first
                if seenDot || (sawComma && groupLength != 3) || groupLength == 0 { return nil }
                sawComma = true
                groupLength = 0
            } else if c == "." {
                if seenDot || (sawComma && groupLength != 3) { return nil }
                seenDot = true
                groupLength = 0
            } else {
                return nil
            }
        }
        if sawComma && !seenDot && groupLength != 3 { return nil }
        // More than 19 digits is no count or amount in these tables.
        guard !overflow else { return nil }
        let value = Decimal(
            sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
        return Reading(value: value, unit: unit, zeroMark: false)
    }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// The spaces a cell's text can hold (Character.isWhitespace for the ones that occur in these reports).
    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            true
        default: false
        }
    }

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF10...0xFF19: Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!
        case 0xFF0C: ","
        case 0xFF0E: "."
        default: scalar
        }
    }
}
