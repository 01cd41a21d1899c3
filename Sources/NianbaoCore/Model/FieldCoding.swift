import Foundation

/// Compact text forms of a report's fields and evidence, for stored stage results (a report has
/// hundreds of each; as JSON objects they cost most of a cached rerun) and for NAME.json's numbers.
enum FieldCoding {
    /// `12.5` → "12.5", `3` → "3": a decimal as printed, without going through NSDecimalNumber.
    static func format(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        if value == value.rounded, let i = Int(exactly: NSDecimalNumber(decimal: value).int64Value), Decimal(i) == value {
            return String(i)
        }
        return value.description
    }

    /// A coordinate with one decimal, as NAME.json's `bbox` writes it.
    static func format1(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return "\(sign)\(a / 10).\(a % 10)"
    }

    static func encode(_ fields: [String: Decimal]) -> String {
        fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.description)" }.joined(separator: "\n")
    }

    static func decodeFields(_ text: String) -> [String: Decimal] {
        var out: [String: Decimal] = [:]
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let number = line[line.index(after: space)...]
            // Most fields are whole numbers: Int parsing is far cheaper than Decimal(string:).
            guard let v = Int(number).map({ Decimal($0) }) ?? Decimal(string: String(number)) else { continue }
            out[String(line[..<space])] = v
        }
        return out
    }

    /// `id page line x0 y0 x1 y1`, `-` for what is absent.
    static func encode(_ evidence: [String: SourceLocation]) -> String {
        evidence.sorted { $0.key < $1.key }.map { id, loc in
            let box = loc.box.map { "\($0.x0) \($0.y0) \($0.x1) \($0.y1)" } ?? "- - - -"
            return "\(id) \(loc.page.map(String.init) ?? "-") \(loc.line.map(String.init) ?? "-") \(box)"
        }.joined(separator: "\n")
    }

    static func decodeEvidence(_ text: String) -> [String: SourceLocation] {
        var out: [String: SourceLocation] = [:]
        out.reserveCapacity(256)
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let p = line.split(separator: UInt8(ascii: " "))
            guard p.count == 7 else { continue }
            func double(_ s: Substring.UTF8View.SubSequence) -> Double? { Double(Substring(s)) }
            func int(_ s: Substring.UTF8View.SubSequence) -> Int? { Int(Substring(s)) }
            var box: Box?
            if let x0 = double(p[3]), let y0 = double(p[4]), let x1 = double(p[5]), let y1 = double(p[6]) {
                box = Box(x0: x0, y0: y0, x1: x1, y1: y1)
            }
            out[String(Substring(p[0]))] = SourceLocation(page: int(p[1]), box: box, line: int(p[2]))
        }
        return out
    }
}
