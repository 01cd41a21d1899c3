/// Renders `NAME.txt`: the cleaned document in reading order, one table row a line with its cells
/// separated by tabs. A row that the source printed one cell per line (a flattened web table) is put
/// back on one line; every other line keeps its own cells.
public enum TextRenderer {
    public static func render(_ document: CleanDocument, sections: SectionMap) -> String {
        let lines = document.lines
        var merged: [Int: String] = [:]  // first line of a flattened row → the row as one line
        var covered = Set<Int>()
        for section in 2...4 {
            guard let range = sections.lines(section) else { continue }
            for row in RowAssembler.rows(lines, in: range) where row.lines.count > 1 {
                let flattened = row.lines.allSatisfy { i in lines[i].cells.filter { !$0.isBlank }.count <= 1 }
                guard flattened else { continue }
                merged[row.firstLine] = (row.labelParts + row.filled.map(\.text)).joined(separator: "\t")
                covered.formUnion(row.lines)
            }
        }
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            if let row = merged[index] {
                out.append(row)
                continue
            }
            if covered.contains(index) { continue }
            var cells = line.cells.filter { !$0.spanned }.map(\.text)
            while cells.last == "" { cells.removeLast() }
            if !cells.isEmpty { out.append(cells.joined(separator: "\t")) }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
