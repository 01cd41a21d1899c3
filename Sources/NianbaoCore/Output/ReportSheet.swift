import Foundation

/// One report for a terminal (`nianbao show`): its identity, tables 二, 三 and 四 laid out as the form
/// prints them (`TemplateTable`) with the values read, and its findings under them. A cell a finding
/// names is marked `!` (error), `?` (warning) or `i` (info); a cell the report does not print is `-`.
public enum ReportSheet {
    /// Row labels are cut to this many terminal columns.
    static let labelWidth = 30

    public static func render(_ r: ReportResult) -> String {
        printable(sheet(r))
    }

    /// `text` without control characters but line breaks and tabs (a report's text can hold a few, and
    /// an escape sequence would drive the terminal): each is shown as U+FFFD.
    static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let control = (v < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(v)
            out.append(control ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    static func sheet(_ r: ReportResult) -> String {
        var out = "\(r.source)  \(r.issuer ?? "(issuer unknown)")  \(r.year.map(String.init) ?? "(year unknown)")"
        out += "  template \(r.template?.rawValue ?? "unknown")\n"
        if let unreadable = r.unreadable { out += "unreadable: \(unreadable.rawValue)\n" }
        var marks: [String: Finding.Severity] = [:]
        for f in r.findings {
            for id in f.fields { marks[id] = min(marks[id] ?? f.severity, f.severity) }
        }
        var section = 0
        for table in TemplateTable.tables(for: r.template, including: Set(r.fields.keys)) {
            if table.section != section {
                section = table.section
                out += "\n" + (TemplateTable.sectionNames[section] ?? "") + "\n"
            }
            out += "\n" + block(table, r.fields, marks)
        }
        out += "\n"
        if !marks.isEmpty { out += "(a cell a finding names: ! error, ? warning, i info; - not printed)\n\n" }
        if r.findings.isEmpty { out += "no findings\n" }
        for f in r.findings {
            let page = f.page.map { " (page \($0))" } ?? ""
            let fields = f.fields.isEmpty ? "" : " [\(f.fields.joined(separator: ", "))]"
            out += "\(f.severity.rawValue) \(f.rule)\(page)\(fields): \(f.message)\n"
        }
        return out
    }

    static func block(
        _ table: TemplateTable, _ fields: [String: Decimal], _ marks: [String: Finding.Severity]
    )
        -> String
    {
        let header = [""] + table.columns.map { $0.last ?? "" }
        var lines = [header]
        for (i, row) in table.rows.enumerated() {
            // A sub-row is indented under the heading above it.
            let shown = table.shownLabel(i)
            let indent = String(repeating: "  ", count: row.label.count - shown.count)
            let label = cut(indent + shown.joined(separator: " "), labelWidth)
            lines.append(
                [label]
                    + row.fields.map { id in
                        let value = fields[id].map(FieldCoding.format) ?? "-"
                        switch marks[id] {
                        case .error: return value + "!"
                        case .warning: return value + "?"
                        case .info: return value + "i"
                        case nil: return value
                        }
                    })
        }
        let widths = (0..<header.count).map { c in lines.map { width($0[c]) }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - width(text))
                return c == 0 ? text + pad : pad + text
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        .joined(separator: "\n") + "\n"
    }

    /// Columns a terminal gives `text`: two for each wide (CJK, fullwidth) character.
    public static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default: return false
        }
    }

    /// `text` cut to `limit` columns, ending in `…` when cut.
    static func cut(_ text: String, _ limit: Int) -> String {
        guard width(text) > limit else { return text }
        var out = "", used = 0
        for ch in text {
            let w = width(String(ch))
            if used + w > limit - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }
}
