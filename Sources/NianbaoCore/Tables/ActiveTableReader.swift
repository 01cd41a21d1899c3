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
            rows.filter { $0.gluedRun == nil && !$0.numbers.isEmpty }.compactMap {
                matcher.resolve($0, previous: nil).key
            })
        for row in rows {
            let (found, blanks) = matcher.resolve(row, previous: nil)
            blank += blanks.map { ($0.key, row) }
            guard let key = found, !seen.contains(key), row.gluedRun == nil || !real.contains(key) else { continue }
            let other: Template = template == .y2021 ? .y2019 : .y2021
            var layout = rules.columns[template.rawValue]?[key]
            // The row's numbers may fit the other template's layout (a 2019-style row in a 2021 report).
            if let alt = rules.columns[other.rawValue]?[key],
                layout == nil || (row.numbers.count == alt.count && row.numbers.count != layout!.count)
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
}
