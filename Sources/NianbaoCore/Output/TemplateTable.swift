/// Tables 二, 三 and 四 of a template laid out as the official form prints them: rows and columns of
/// field ids, taken from the field catalogue's labels (`Pipelines/fields.tsv`). What `nianbao show` and
/// the review site draw a report's values into.
///
/// A label names its row and its column: in table 三 `ROW × COLUMN`, elsewhere `ROW / COLUMN` (the
/// last part is the column). Rows that have the same columns, one after another, make one block, as
/// the blocks of table 二 and the three lines of table 四 stand in the form.
public struct TemplateTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The row's label, its parts from the outer heading in (`三、本年度办理结果`, `（三）不予公开`,
        /// `1.属于国家秘密`).
        public var label: [String]
        /// One field id per column.
        public var fields: [String]
    }

    /// 2, 3 or 4: the template's table.
    public var section: Int
    /// The columns' labels, their parts from the outer heading in (`法人或其他组织`, `商业企业`).
    public var columns: [[String]]
    public var rows: [Row]

    /// The section's name as the form prints it.
    public static let sectionNames = [
        2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况", 4: "四、政府信息公开行政复议、行政诉讼情况",
    ]

    /// The tables of `template` (the 2021 form when it is not known), in the catalogue's order, with the
    /// fields of `extra` that the other template has (a 2021 report that prints （六）其他处理 as one row, as
    /// the 2019 form does, has values there).
    public static func tables(for template: Template?, including extra: Set<String> = []) -> [TemplateTable] {
        let template = template ?? .y2021
        // Rows in order of their first field, each with its columns.
        var rows: [(section: Int, label: [String], cells: [(column: [String], id: String)])] = []
        for spec in FieldCatalog.all where spec.templates.contains(template) || extra.contains(spec.id) {
            var (label, column) = place(spec)
            // A heading the catalogue abbreviates (`三` for `三、本年度办理结果`) is the one above it.
            if let above = rows.last?.label {
                for i in label.indices where i < above.count && above[i] != label[i] && above[i].hasPrefix(label[i]) {
                    label[i] = above[i]
                }
            }
            if let last = rows.last, last.section == spec.section, last.label == label {
                rows[rows.count - 1].cells.append((column, spec.id))
            } else {
                rows.append((spec.section, label, [(column, spec.id)]))
            }
        }
        // Rows one after another with the same columns make one block.
        var tables: [TemplateTable] = []
        for row in rows {
            let columns = row.cells.map(\.column)
            let fields = Row(label: row.label, fields: row.cells.map(\.id))
            if let last = tables.last, last.section == row.section, last.columns == columns {
                tables[tables.count - 1].rows.append(fields)
            } else {
                tables.append(TemplateTable(section: row.section, columns: columns, rows: [fields]))
            }
        }
        return tables
    }

    /// The parts of row `index`'s label a reader needs: from the first that differs from the row above.
    public func shownLabel(_ index: Int) -> [String] {
        let label = rows[index].label
        guard index > 0 else { return label }
        let above = rows[index - 1].label
        let same = zip(label, above).prefix { $0 == $1 }.count
        return Array(label[min(same, label.count - 1)...])
    }

    /// A field's row and column, from its label.
    static func place(_ spec: FieldSpec) -> (row: [String], column: [String]) {
        var label = spec.label
        // Notes for the reader of the catalogue: ` — …` and ` (in …)`.
        for note in [" — ", " ("] {
            if let r = label.range(of: note) {
                let rest = label[r.upperBound...]
                // A note ends the row part (before ` × `) or the whole label.
                if let times = rest.range(of: " × ") {
                    label = String(label[..<r.lowerBound]) + String(rest[times.lowerBound...])
                } else {
                    label = String(label[..<r.lowerBound])
                }
            }
        }
        let parts: (Substring, Substring)
        if let times = label.range(of: " × ") {
            parts = (label[..<times.lowerBound], label[times.upperBound...])
            return (split(parts.0), split(parts.1))
        }
        var all = split(Substring(label))
        let column = all.removeLast()
        return (all, [column])
    }

    static func split(_ text: Substring) -> [String] {
        text.components(separatedBy: " / ").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
