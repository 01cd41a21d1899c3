import Foundation

/// Rebuilds a table's logical rows from its laid-out lines.
public enum RowAssembler {
    /// Assembles the logical rows of `lines[range]`. A label cell that follows value slots starts a new
    /// row; consecutive label cells belong to one row; cells covered by a merged cell are skipped.
    public static func rows(_ lines: [Line], in range: Range<Int>) -> [LogicalRow] {
        var rows: [LogicalRow] = []
        var current: LogicalRow?
        for index in range {
            let line = lines[index]
            // Running prose inside a table section, and page furniture, are no part of a row.
            if line.kind == .furniture || (line.kind == .prose && Self.isRunningProse(line.text)) { continue }
            let cells = line.cells.filter { !$0.spanned }
            // Blank cells before a label on the same line are the label columns of a merged cell, not
            // positions of the row above.
            let firstFilled = cells.firstIndex { !$0.isBlank }
            let skipLeading =
                firstFilled.map { NumberReader.read(cells[$0].text) == nil && !NumberReader.isUnread(cells[$0].text) }
                    ?? false ? firstFilled! : 0
            for cell in cells[skipLeading...] {
                let location =
                    cell.location
                    ?? (line.sourceLine.map { SourceLocation(page: line.page, line: $0) }
                        ?? line.page.map { SourceLocation(page: $0) })
                defer { current?.lines.insert(index) }
                if cell.glued {
                    if current == nil {
                        current = LogicalRow(
                            labelParts: [], slots: [], labelLine: index, firstLine: index, page: line.page)
                    }
                    current!.slots.append(
                        Slot(value: .run(cell.text), text: cell.text, location: location, line: index))
                } else if cell.isBlank {
                    if current != nil {
                        current!.slots.append(
                            Slot(value: .blank, text: "", location: location, line: index, positional: line.positional))
                    }
                } else if NumberReader.isUnread(cell.text) {
                    if current == nil {
                        current = LogicalRow(
                            labelParts: [], slots: [], labelLine: index, firstLine: index, page: line.page)
                    }
                    current!.slots.append(
                        Slot(
                            value: .unread, text: cell.text, location: location, line: index,
                            positional: line.positional))
                } else if let readings = Self.numbers(in: cell.text) {
                    if current == nil {
                        current = LogicalRow(
                            labelParts: [], slots: [], labelLine: index, firstLine: index, page: line.page)
                    }
                    // Several numbers in one cell: cells a grid merged (a ruling line it did not see); their
                    // positions are not certain.
                    let positional = line.positional && readings.count == 1
                    for (text, reading) in readings {
                        current!.slots.append(
                            Slot(
                                value: .number(reading), text: text, location: location, line: index,
                                positional: positional))
                    }
                } else {
                    if let row = current, !row.slots.isEmpty {
                        rows.append(row)
                        current = nil
                    }
                    if current == nil {
                        current = LogicalRow(
                            labelParts: [], slots: [], labelLine: index, firstLine: index, page: line.page)
                    }
                    current!.labelParts.append(cell.text)
                    current!.labelsOnly.append(line.labelsOnly)
                    current!.labelLine = index
                    current!.page = line.page ?? current!.page
                }
            }
        }
        if let row = current { rows.append(row) }
        return rows
    }

    /// The number in a cell, or the numbers of a cell holding several separated by spaces.
    static func numbers(in text: String) -> [(String, NumberReader.Reading)]? {
        if let one = NumberReader.read(text) { return [(text, one)] }
        let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard tokens.count >= 2 else { return nil }
        let readings = tokens.compactMap { t in NumberReader.read(t).map { (t, $0) } }
        return readings.count == tokens.count ? readings : nil
    }

    static func isRunningProse(_ text: String) -> Bool {
        text.count > 40 && (text.contains("。") || text.contains("，"))
    }
}
