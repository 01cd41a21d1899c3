import Foundation

/// What the parse stage passes on: the parsed report and what the final result needs from the
/// stages before it. The rendered text is stored beside it, separately (see `Pipeline.run`).
public struct ParseOutcome: Sendable, Codable {
    public var report: ParsedReport
    public var repairs: [String: Int]
    public var pages: Int?
    public var layoutFindings: [Finding]
}
