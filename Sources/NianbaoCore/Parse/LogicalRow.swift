import Foundation

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
    /// The cells with a value printed: the numbers, and the cells that could not be read (`Slot.isUnread`).
    public var filled: [Slot] { slots.filter { $0.number != nil || $0.isUnread } }
    /// The row's one glued run of digits, when it was printed as one (and no separate numbers).
    public var gluedRun: Slot? {
        guard filled.isEmpty else { return nil }
        return slots.first { if case .run = $0.value { true } else { false } }
    }
    public var label: String { labelParts.joined() }
    /// The slots of the one positional line that holds all of the row's numbers: there, blank cells
    /// are real positions. Nil when the numbers are spread over lines or their line keeps no positions.
    public var positionalSlots: [Int]? {
        let numberLines = Set(slots.filter { $0.number != nil || $0.isUnread }.map(\.line))
        guard numberLines.count == 1, let line = numberLines.first else { return nil }
        let indices = slots.indices.filter { slots[$0].line == line }
        return slots[indices[0]].positional ? indices : nil
    }
}
