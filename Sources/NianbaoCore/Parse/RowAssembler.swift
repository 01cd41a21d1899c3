import Foundation

/// One value position of a table row as printed: a number, or a blank cell.
public struct Slot: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case number(NumberReader.Reading)
        case blank
        /// Digits printed without separators, holding several cells (`Cell.glued`).
        case run(String)
    }
    public var value: Value
    public var text: String
    public var location: SourceLocation?
    /// Index of the line the slot was read from.
    public var line: Int
    /// The slot's line keeps cell positions (`Line.positional`).
    public var positional: Bool = false

    public var number: NumberReader.Reading? {
        if case .number(let n) = value { return n }
        return nil
    }
}

/// A table row rebuilt from the lines: its label (possibly in several parts: group labels, wrapped
/// text, headers) and the value slots that follow it, whether the source printed the row on one line
/// (tabs, pipes, a grid) or one cell per line.
public struct LogicalRow: Sendable, Hashable {
    public var labelParts: [String]
    public var slots: [Slot]
    /// Index of the line holding the last label part.
    public var labelLine: Int
    /// Index of the row's first line.
    public var firstLine: Int
    public var page: Int?
    /// Indices of every line the row was read from.
    public var lines: Set<Int> = []
    /// For each label part, whether its line holds labels only (`Line.labelsOnly`): a part that may be
    /// the label of a row printed blank.
    public var labelsOnly: [Bool] = []

    public var numbers: [Slot] { slots.filter { $0.number != nil } }
    /// The row's one glued run of digits, when it was printed as one (and no separate numbers).
    public var gluedRun: Slot? {
        guard numbers.isEmpty else { return nil }
        return slots.first { if case .run = $0.value { true } else { false } }
    }
    public var label: String { labelParts.joined() }
    /// The slots of the one positional line that holds all of the row's numbers: there, blank cells
    /// are real positions. Nil when the numbers are spread over lines or their line keeps no positions.
    public var positionalSlots: [Int]? {
        let numberLines = Set(slots.filter { $0.number != nil }.map(\.line))
        guard numberLines.count == 1, let line = numberLines.first else { return nil }
        let indices = slots.indices.filter { slots[$0].line == line }
        return slots[indices[0]].positional ? indices : nil
    }
}

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
            let skipLeading = firstFilled.map { NumberReader.read(cells[$0].text) == nil } ?? false ? firstFilled! : 0
            for cell in cells[skipLeading...] {
                let location = cell.location ?? (line.sourceLine.map { SourceLocation(page: line.page, line: $0) }
                    ?? line.page.map { SourceLocation(page: $0) })
                defer { current?.lines.insert(index) }
                if cell.glued {
                    if current == nil { current = LogicalRow(labelParts: [], slots: [], labelLine: index, firstLine: index, page: line.page) }
                    current!.slots.append(Slot(value: .run(cell.text), text: cell.text, location: location, line: index))
                } else if cell.isBlank {
                    if current != nil {
                        current!.slots.append(Slot(value: .blank, text: "", location: location, line: index, positional: line.positional))
                    }
                } else if let readings = Self.numbers(in: cell.text) {
                    if current == nil { current = LogicalRow(labelParts: [], slots: [], labelLine: index, firstLine: index, page: line.page) }
                    // Several numbers in one cell: cells a grid merged (a ruling line it did not see); their
                    // positions are not certain.
                    let positional = line.positional && readings.count == 1
                    for (text, reading) in readings {
                        current!.slots.append(Slot(value: .number(reading), text: text, location: location, line: index,
                                                   positional: positional))
                    }
                } else {
                    if let row = current, !row.slots.isEmpty {
                        rows.append(row)
                        current = nil
                    }
                    if current == nil { current = LogicalRow(labelParts: [], slots: [], labelLine: index, firstLine: index, page: line.page) }
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
