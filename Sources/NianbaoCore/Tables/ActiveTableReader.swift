import Foundation

/// Reads table 二 (active disclosure) into the `active.*` fields.
enum ActiveTableReader {
    static let columnNames: [String: String] = [
        "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数", "decisions": "本年处理决定数量",
        "amount": "金额", "made": "本年新制作数量", "published": "本年新公开数量", "total_public": "对外公开总数量",
        "prev_items": "上一年项目数量", "change": "本年增/减", "items": "采购项目数量",
    ]

    static func read(
        _ lines: [Line], range: Range<Int>, rules: LabelRules.ActiveTable, template: Template
    ) -> TableOutput {
        var output = TableOutput()
        let matcher = Labels.Matcher(rules.rows, fieldPrefix: "active.")
        var seen = Set<String>()
        var blank: [(key: String, row: LogicalRow)] = []  // rows printed blank (labels only, no cell)
        let rows = RowAssembler.rows(lines, in: range)
        // A row read from real cells wins over one read from a glued run of digits.
        let real = Set(
            rows.filter { $0.gluedRun == nil && !$0.filled.isEmpty }.compactMap {
                matcher.resolve($0, previous: nil).key
            })
        // The row each row was read as (nil: none), for naming rows by their place.
        var named: [String?] = Array(repeating: nil, count: rows.count)
        for (index, row) in rows.enumerated() {
            let (found, blanks) = matcher.resolve(row, previous: nil)
            blank += blanks.map { ($0.key, row) }
            named[index] = found
            guard let key = found, !seen.contains(key), row.gluedRun == nil || !real.contains(key) else { continue }
            let other: Template = template == .y2021 ? .y2019 : .y2021
            var layout = rules.columns[template.rawValue]?[key]
            // The row's numbers may fit the other template's layout (a 2019-style row in a 2021 report).
            if let alt = rules.columns[other.rawValue]?[key],
                layout == nil || (row.filled.count == alt.count && row.filled.count != layout!.count)
            {
                layout = alt
            }
            guard let layout else { continue }
            seen.insert(key)
            let ids = layout.map { "active.\(key).\($0)" }
            let emitter = RowEmitter(
                table: "二", fieldIDs: ids, columnNames: layout.map { columnNames[$0] ?? $0 }, row: row,
                label: row.labelParts.last ?? key)
            var sub = TableOutput()
            // Table 二 has no identities: a glued row that can be cut several ways stays open, and
            // validation keeps only what every way agrees on.
            if emitter.emitGlued(groups: [], into: &sub) {
                output.merge(sub)
                continue
            }
            let result = SlotResolver.read(row, width: layout.count, totalIndex: nil, accept: nil)
            emitter.emit(result, into: &sub)
            // With no identity to choose by, an open reading takes the most likely one, with a warning.
            for a in sub.ambiguities {
                sub.fields.merge(a.readings[0].values) { _, b in b }
                sub.evidence.merge(a.readings[0].evidence) { _, b in b }
                sub.findings.append(
                    Finding(
                        rule: a.rule, severity: .warning, fields: ids,
                        message:
                            "table 二, row \(a.rowLabel): \(a.printed.count) numbers printed for \(a.width) cells (\(a.printed.joined(separator: ", "))); read as \(a.readings[0].description)",
                        page: a.page))
            }
            sub.ambiguities = []
            output.merge(sub)
        }
        let known = seen.union(blank.map(\.key))
        for (index, key) in byPlace(rows, named: named, seen: known, rules: rules, template: template) {
            let row = rows[index]
            guard let layout = rules.columns[template.rawValue]?[key] else { continue }
            seen.insert(key)
            let ids = layout.map { "active.\(key).\($0)" }
            var sub = TableOutput()
            RowEmitter(
                table: "二", fieldIDs: ids, columnNames: layout.map { columnNames[$0] ?? $0 }, row: row, label: key
            )
            .emit(SlotResolver.read(row, width: layout.count, totalIndex: nil, accept: nil), into: &sub)
            sub.findings.append(
                Finding(
                    rule: FindingID.labelByPlace, severity: .warning, fields: ids,
                    message:
                        "table 二, row \(row.label): OCR read a label no row has; read as \(key), the one row of the template that stands there and has \(layout.count) \(layout.count == 1 ? "cell" : "cells")",
                    page: row.page))
            output.merge(sub)
        }
        // A row printed blank is 0 in each of its template's columns, unless it is printed with numbers too.
        for (key, row) in blank where seen.insert(key).inserted {
            guard let layout = rules.columns[template.rawValue]?[key] else { continue }
            var empty = row
            empty.slots = []
            let ids = layout.map { "active.\(key).\($0)" }
            RowEmitter(table: "二", fieldIDs: ids, columnNames: layout, row: empty, label: key)
                .emit(SlotResolver.read(empty, width: ids.count, totalIndex: nil, accept: nil), into: &output)
        }
        return output
    }

    /// Rows whose label OCR misread past recognition (`规癌` for 规章, `行政志业性费收`) or did not read at
    /// all, named by their
    /// place: between the rows read before and after it, the one row of the template not read yet whose
    /// cells are as many as the row's numbers. Only rows OCR read, each with its numbers and nothing else
    /// to go by; never a row when two could stand there.
    static func byPlace(
        _ rows: [LogicalRow], named: [String?], seen: Set<String>, rules: LabelRules.ActiveTable, template: Template
    ) -> [(index: Int, key: String)] {
        let order = rules.rows.map(\.key).filter { rules.columns[template.rawValue]?[$0] != nil }
        var taken = seen
        var out: [(index: Int, key: String)] = []
        for (index, row) in rows.enumerated() where named[index] == nil {
            // Numbers OCR read, and nothing else but blank cells (a label cell OCR read nothing in).
            guard !row.filled.isEmpty, row.filled.allSatisfy({ $0.location?.ocr != nil }),
                row.slots.allSatisfy({ $0.number != nil || $0.isUnread || $0.text.allSatisfy(\.isWhitespace) })
            else { continue }
            // The nearest rows read before and after it that the template has.
            let before = named[..<index].compactMap { $0.flatMap(order.firstIndex(of:)) }.last ?? -1
            let after = named[(index + 1)...].compactMap { $0.flatMap(order.firstIndex(of:)) }.first ?? order.count
            guard before < after else { continue }
            let candidates = order[(before + 1)..<after].filter {
                !taken.contains($0) && rules.columns[template.rawValue]?[$0]?.count == row.filled.count
            }
            guard candidates.count == 1, let key = candidates.first else { continue }
            taken.insert(key)
            out.append((index, key))
        }
        return out
    }
}
