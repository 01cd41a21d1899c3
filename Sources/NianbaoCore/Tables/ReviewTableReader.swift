import Foundation

/// Reads table 四 (administrative review and lawsuits) into the fields of its three groups.
enum ReviewTableReader {
    static func read(_ lines: [Line], range: Range<Int>, rules: LabelRules.ReviewTable) -> TableOutput {
        var output = TableOutput()
        let rows = RowAssembler.rows(lines, in: range)
        let groups = rules.groups, columns = rules.columns
        let ids = groups.flatMap { g in columns.map { "\(g).\($0)" } }
        let width = ids.count
        let size = columns.count
        let names = ["行政复议", "直接起诉", "复议后起诉"].flatMap { g in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map { "\(g)\($0)" }
        }
        // A data row printed as one glued run (crawled text): the longest run that can hold every cell.
        if !rows.contains(where: { $0.filled.count >= 5 }),
            let glued = rows.filter({ row in row.gluedRun.map { $0.text.filter(\.isNumber).count >= width } ?? false })
                .max(by: { $0.gluedRun!.text.count < $1.gluedRun!.text.count })
        {
            let totals = groups.indices.map { g in
                GluedSplitter.Group(members: Array((g * size)..<(g * size + size - 1)), total: g * size + size - 1)
            }
            _ = RowEmitter(table: "四", fieldIDs: ids, columnNames: names, row: glued, label: "数据行")
                .emitGlued(groups: totals, into: &output)
            return output
        }
        // A glued data row too short to hold the fifteen cells (a crawler dropped blank cells): not read,
        // and never taken for a table printed blank.
        if !rows.contains(where: { !$0.filled.isEmpty }), let short = rows.first(where: { $0.gluedRun != nil }) {
            output.leaveNull(
                ids,
                "table 四: the data row printed without separators (\(short.gluedRun!.text)) has fewer digits than its \(width) cells; left null",
                page: short.page)
            return output
        }
        // The data row: the row with the most numbers, at least five of them, or fewer on a line that
        // keeps its blank cells (a row of mostly blank zeros).
        guard let row = rows.max(by: { $0.filled.count < $1.filled.count }), !row.filled.isEmpty else {
            // Not a number in the section: a table printed with its header and an empty data row (no
            // case at all) is blank, 0; a section without the table's header has no table.
            let tableLines = range.map { lines[$0] }.filter {
                $0.kind != .furniture && !RowAssembler.isRunningProse($0.text)
            }
            let text = Labels.normalize(tableLines.map(\.text).joined())
            guard
                rules.header.filter({ text.containsBytes(Labels.normalize($0)) }).count
                    >= max(1, rules.header.count - 1),
                let first = rows.first
            else { return output }
            var empty = first
            empty.slots = []
            RowEmitter(table: "四", fieldIDs: ids, columnNames: names, row: empty, label: "数据行")
                .emit(SlotResolver.read(empty, width: width, totalIndex: nil, accept: nil), into: &output)
            return output
        }
        guard row.filled.count >= 5 || (row.positionalSlots?.count ?? 0) >= 10 else { return output }
        let totals = Set(groups.indices.map { $0 * size + size - 1 })
        let accept: ([Decimal]) -> Bool = { v in
            groups.indices.allSatisfy { g in
                let base = g * size
                return v[base..<(base + size - 1)].reduce(0, +) == v[base + size - 1]
            }
        }
        let result = SlotResolver.read(row, width: width, totalIndex: nil, preferred: totals, accept: accept)
        RowEmitter(table: "四", fieldIDs: ids, columnNames: names, row: row, label: "数据行").emit(result, into: &output)
        return output
    }
}
