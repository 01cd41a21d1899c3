import Foundation

/// One value position of a table row as printed: a number, or a blank cell.
public struct Slot: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case number(NumberReader.Reading)
        case blank
        /// Digits printed without separators, holding several cells (`Cell.glued`).
        case run(String)
        /// A cell with a value printed that could not be read (`NumberReader.isUnread`): null, not 0.
        case unread
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

    public var isUnread: Bool { value == .unread }
}
