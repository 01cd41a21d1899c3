/// Renders `NAME.txt`: the cleaned document in reading order, each table row on one line with its
/// cells separated by tabs (a row printed one cell per line is put back together).
public enum TextRenderer {
    public static func render(_ document: CleanDocument, sections: SectionMap) -> String {
        let lines = document.lines
        var tableLines = Set<Int>()
        var rowsByFirstLine: [Int: LogicalRow] = [:]
        for section in 2...4 {
            guard let range = sections.lines(section) else { continue }
            for row in RowAssembler.rows(lines, in: range) {
                rowsByFirstLine[row.firstLine] = row
                tableLines.formUnion(row.lines)
            }
        }
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            if let row = rowsByFirstLine[index] {
                var cells = row.labelParts
                var slots = row.slots.map(\.text)
                while slots.last == "" { slots.removeLast() }
                cells += slots
                out.append(cells.joined(separator: "\t"))
            } else if tableLines.contains(index) {
                continue
            } else if line.kind == .tableRow {
                var cells = line.cells.filter { !$0.spanned }.map(\.text)
                while cells.last == "" { cells.removeLast() }
                if !cells.isEmpty { out.append(cells.joined(separator: "\t")) }
            } else {
                let text = line.text
                if !text.isEmpty { out.append(text) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
