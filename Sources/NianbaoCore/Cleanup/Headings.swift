import Foundation

/// Recognisers for item headings and dates, shared by cleanup and parsing.
public enum Headings {
    static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// `一、` `（三）` `(3)` `1.` `2、` `第一` at the start of a line.
    public static func isItemHeading(_ text: String) -> Bool {
        let s = Substring(text)
        let numerals = s.prefix(while: { chineseNumerals.contains($0) })
        if !numerals.isEmpty, let next = s.dropFirst(numerals.count).first, "、.．".contains(next) { return true }
        if let open = s.first, "（(".contains(open) {
            let inner = s.dropFirst().prefix(while: { chineseNumerals.contains($0) || $0.isNumber })
            if !inner.isEmpty, let close = s.dropFirst(1 + inner.count).first, "）)".contains(close) { return true }
        }
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 2, let next = s.dropFirst(digits.count).first, "、.．".contains(next) {
            // "2022." is a year, not an item number
            return true
        }
        if s.hasPrefix("第"), let n = s.dropFirst().first, chineseNumerals.contains(n) { return true }
        return false
    }

    /// `2023年1月12日`, alone on its line (a signature date).
    public static func isDateLine(_ text: String) -> Bool {
        let t = text.filter { !$0.isWhitespace }
        guard t.count <= 12, t.hasSuffix("日") || t.hasSuffix("月") else { return false }
        return t.first?.isNumber ?? false && t.contains("年")
    }
}
