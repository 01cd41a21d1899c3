import Foundation

/// Compact text forms of a report's fields and evidence, for stored stage results (a report has
/// hundreds of each; as JSON objects they cost most of a cached rerun) and for NAME.json's numbers.
public enum FieldCoding {
    /// `12.5` → "12.5", `3` → "3": a decimal as printed, without going through NSDecimalNumber.
    public static func format(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        if value == value.rounded, let i = Int(exactly: NSDecimalNumber(decimal: value).int64Value), Decimal(i) == value
        {
            return String(i)
        }
        return value.description
    }

    /// A coordinate with one decimal, as NAME.json's `bbox` writes it.
    public static func format1(_ x: Double) -> String {
        let tenths = scaled(x, 10)
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return "\(sign)\(a / 10).\(a % 10)"
    }

    /// `x × factor`, rounded, as an integer: a coordinate from a damaged PDF (a glyph 10³² points wide,
    /// infinity) is held to ±10¹⁵ (0 when not a number) rather than trap in the conversion.
    static func scaled(_ x: Double, _ factor: Double) -> Int {
        let v = (x * factor).rounded()
        guard !v.isNaN else { return 0 }
        return Int(min(max(v, -1e15), 1e15))
    }

    static func encode(_ fields: [String: Decimal]) -> String {
        fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.description)" }.joined(separator: recordSeparator)
    }

    /// The inverse of `encode(_ fields:)`. Runs on every document of a cached rerun, so it reads bytes:
    /// plain decimals (`-12.50`) directly, anything else through `Decimal(string:)`.
    static func decodeFields(_ text: String) -> [String: Decimal] {
        var out: [String: Decimal] = [:]
        out.reserveCapacity(256)
        forEachLine(text) { line in
            guard let space = line.firstIndex(of: 0x20) else { return }
            let key = String(decoding: UnsafeBufferPointer(rebasing: line[..<space]), as: UTF8.self)
            let number = UnsafeBufferPointer(rebasing: line[(space + 1)...])
            if let v = plainDecimal(number) ?? Decimal(string: String(decoding: number, as: UTF8.self)) { out[key] = v }
        }
        return out
    }

    /// `-?[0-9]+(\.[0-9]+)?` with at most 18 digits, else nil.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var i = 0, negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        var significand: UInt64 = 0, digits = 0, fraction = 0, dot = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                guard digits < 18 else { return nil }
                significand = significand * 10 + UInt64(b - 0x30)
                digits += 1
                if dot { fraction += 1 }
            } else if b == UInt8(ascii: "."), !dot, digits > 0 {
                dot = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, !(dot && fraction == 0) else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(significand))
    }

    /// `id page line x0 y0 x1 y1`, `-` for what is absent; coordinates in hundredths of a point (boxes are
    /// rounded so when laid out, see `LayoutDocument.roundedForStorage`).
    static func encode(_ evidence: [String: SourceLocation]) -> String {
        func hundredths(_ x: Double) -> String { String(scaled(x, 100)) }
        return evidence.sorted { $0.key < $1.key }.map { id, loc in
            let box =
                loc.box.map { "\(hundredths($0.x0)) \(hundredths($0.y0)) \(hundredths($0.x1)) \(hundredths($0.y1))" }
                ?? "- - - -"
            return "\(id) \(loc.page.map(String.init) ?? "-") \(loc.line.map(String.init) ?? "-") \(box)"
        }.joined(separator: recordSeparator)
    }

    static func decodeEvidence(_ text: String) -> [String: SourceLocation] {
        var out: [String: SourceLocation] = [:]
        out.reserveCapacity(256)
        forEachLine(text) { line in
            // id, then six numbers (or `-`), separated by single spaces; no allocation but the key.
            guard let space = line.firstIndex(of: 0x20) else { return }
            var numbers: (Int?, Int?, Int?, Int?, Int?, Int?) = (nil, nil, nil, nil, nil, nil)
            var count = 0, start = space + 1
            for i in (space + 1)...line.endIndex where i == line.endIndex || line[i] == 0x20 {
                let value = integer(UnsafeBufferPointer(rebasing: line[start..<i]))
                switch count {
                case 0: numbers.0 = value
                case 1: numbers.1 = value
                case 2: numbers.2 = value
                case 3: numbers.3 = value
                case 4: numbers.4 = value
                case 5: numbers.5 = value
                default: return
                }
                count += 1
                start = i + 1
            }
            guard count == 6 else { return }
            var box: Box?
            if let x0 = numbers.2, let y0 = numbers.3, let x1 = numbers.4, let y1 = numbers.5 {
                box = Box(x0: Double(x0) / 100, y0: Double(y0) / 100, x1: Double(x1) / 100, y1: Double(y1) / 100)
            }
            let key = String(decoding: UnsafeBufferPointer(rebasing: line[line.startIndex..<space]), as: UTF8.self)
            out[key] = SourceLocation(page: numbers.0, box: box, line: numbers.1)
        }
        return out
    }

    /// `-?[0-9]+`, else nil (`-` alone is absent).
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, negative = false, value = 0
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        guard i < bytes.count, bytes.count - i <= 18 else { return nil }
        while i < bytes.count {
            let b = bytes[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
            i += 1
        }
        return negative ? -value : value
    }

    /// Between the entries of the compact forms: `|`, which JSON (the cache's encoding) does not escape, so
    /// decoding them is a plain copy. Decoding also splits at line breaks, the separator of older caches.
    static let recordSeparator = "|"

    /// Calls `body` with each non-empty entry of `text`, as UTF-8 bytes.
    static func forEachLine(_ text: String, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Void) {
        var text = text
        text.withUTF8 { buffer in
            var start = 0
            for i in 0...buffer.count where i == buffer.count || buffer[i] == 0x7C || buffer[i] == 0x0A {
                if i > start { body(buffer[start..<i]) }
                start = i + 1
            }
        }
    }
}
