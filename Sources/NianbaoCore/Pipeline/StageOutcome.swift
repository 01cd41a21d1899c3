/// A stage's result: its value, or why the document could not be read, which every later stage passes
/// on unchanged (stored too, so that a rerun neither reopens a broken file nor lets documents unreadable
/// for different reasons share a result).
public enum StageOutcome<Value: Codable & Sendable>: Sendable, Codable {
    case value(Value)
    case unreadable(UnreadableDocument)

    /// The next stage's outcome: `transform` of the value, or the same unreadable document.
    func then<Next>(_ transform: (Value) -> StageOutcome<Next>) -> StageOutcome<Next> {
        switch self {
        case .value(let v): transform(v)
        case .unreadable(let why): .unreadable(why)
        }
    }
}
