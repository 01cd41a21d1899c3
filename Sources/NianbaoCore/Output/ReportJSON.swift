import Foundation

/// Writes `NAME.json` (OUTPUT.md): keys in a fixed order and every field of `fields.tsv`, so that the
/// same report always gives the same bytes. `producer`, when given, ends the object: what made the file.
public enum ReportJSON {
    public static func encode(_ r: ReportResult, producer: Producer? = nil) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("source")
        w.string(r.source)
        w.key("sha256")
        w.string(r.sha256)
        w.key("template")
        w.optional(r.template?.rawValue)
        w.key("year")
        if let year = r.year { w.raw(String(year)) } else { w.null() }
        w.key("issuer")
        w.optional(r.issuer)
        if let published = r.published {
            w.key("published")
            w.string(published)
        }
        w.key("fields")
        w.beginObject()
        for spec in FieldCatalog.all {
            w.key(spec.id)
            if let v = r.fields[spec.id] { w.raw(FieldCoding.format(v)) } else { w.null() }
        }
        w.endObject()
        w.key("findings")
        w.beginArray()
        writeFindings(r.findings, &w)
        w.endArray()
        if let kind = r.unreadable {
            w.key("unreadable")
            w.string(kind.rawValue)
        }
        if let pages = r.pages {
            w.key("pages")
            w.raw(String(pages))
        }
        w.key("evidence")
        w.beginObject()
        for spec in FieldCatalog.all {
            guard let loc = r.evidence[spec.id] else { continue }
            w.key(spec.id)
            w.beginObject()
            if let p = loc.page {
                w.key("page")
                w.raw(String(p))
            }
            if let b = loc.box {
                w.key("bbox")
                w.raw("[\([b.x0, b.y0, b.x1, b.y1].map(FieldCoding.format1).joined(separator: ", "))]")
            }
            if let l = loc.line {
                w.key("line")
                w.raw(String(l))
            }
            w.endObject()
        }
        w.endObject()
        w.key("repairs")
        w.beginObject()
        for (rule, count) in r.repairs.sorted(by: { $0.key < $1.key }) {
            w.key(rule)
            w.raw(String(count))
        }
        w.endObject()
        if let producer {
            w.key("producer")
            w.beginObject()
            w.key("tool")
            w.string(producer.tool)
            w.key("rules")
            w.string(producer.rules)
            w.endObject()
        }
        w.endObject()
        return w.output + "\n"
    }
}

extension ReportJSON {
    /// The elements of a findings array (`w` is inside it).
    static func writeFindings(_ findings: [Finding], _ w: inout JSONWriter) {
        for f in findings {
            w.element()
            w.beginObject()
            w.key("rule")
            w.string(f.rule)
            w.key("severity")
            w.string(f.severity.rawValue)
            w.key("fields")
            w.beginArray()
            for id in f.fields {
                w.element()
                w.string(id)
            }
            w.endArray()
            w.key("message")
            w.string(f.message)
            if let p = f.page {
                w.key("page")
                w.raw(String(p))
            }
            w.endObject()
        }
    }

    /// `json`, as `encode` wrote it, with `findings` added at the end of its findings array: the bytes
    /// `encode` gives for the result with those findings appended, without needing the result (findings
    /// across documents are added at the end of a run). nil when `json` is not in `encode`'s layout.
    public static func appendingFindings(_ findings: [Finding], to json: String) -> String? {
        guard !findings.isEmpty else { return json }
        guard let key = json.range(of: "\n  \"findings\": [") else { return nil }
        var w = JSONWriter()
        w.depth = 2
        if json[key.upperBound...].hasPrefix("]") {
            // `[]`: the array gets its first elements and its closing line.
            w.first = [false, true]
            writeFindings(findings, &w)
            return json[..<key.upperBound] + w.output + "\n  ]" + json[json.index(after: key.upperBound)...]
        }
        // The array's closing bracket is the first line that is `  ]` after its key (elements and their
        // contents are indented further; strings hold no line breaks).
        guard let close = json.range(of: "\n  ]", range: key.upperBound..<json.endIndex) else { return nil }
        w.first = [false, false]
        writeFindings(findings, &w)
        return json[..<close.lowerBound] + w.output + json[close.lowerBound...]
    }
}

extension ReportJSON {
    /// `json` on one line, for JSON Lines (`--jsonl`): the whitespace between tokens dropped, nothing
    /// else changed (keys in their order, numbers as written; strings hold no line breaks, only escapes).
    public static func oneLine(_ json: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(json.utf8.count)
        var inString = false, escaped = false
        for byte in json.utf8 {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\t"),
                byte != UInt8(ascii: "\r")
            {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A small streaming JSON writer: two-space indentation, keys written in the order given.
struct JSONWriter {
    var output = ""
    var depth = 0
    var first = [true]

    mutating func newline() {
        output += "\n" + String(repeating: "  ", count: depth)
    }
    mutating func separator() {
        if !first[first.count - 1] { output += "," }
        first[first.count - 1] = false
        newline()
    }
    mutating func beginObject() {
        output += "{"
        depth += 1
        first.append(true)
    }
    mutating func endObject() { close("}") }
    mutating func beginArray() {
        output += "["
        depth += 1
        first.append(true)
    }
    mutating func endArray() { close("]") }
    mutating func close(_ bracket: String) {
        let empty = first.removeLast()
        depth -= 1
        if !empty { newline() }
        output += bracket
    }
    mutating func key(_ k: String) {
        separator()
        string(k)
        output += ": "
    }
    mutating func element() { separator() }
    mutating func null() { output += "null" }
    mutating func optional(_ s: String?) { if let s { string(s) } else { null() } }
    mutating func raw(_ s: String) { output += s }
    mutating func string(_ s: String) {
        // Most strings need no escaping: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += "\""
            output += s
            output += "\""
            return
        }
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
