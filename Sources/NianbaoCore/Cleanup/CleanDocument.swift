import Foundation

/// The cleanup stage's output: the document's lines repaired, with how often each rule fired.
public struct CleanDocument: Sendable, Codable {
    public var lines: [Line]
    public var pageCount: Int?
    /// rule id → number of repairs it made in this document.
    public var repairs: [String: Int]
    /// What the layout stage found that did not make the document unreadable, passed on to the result.
    public var layoutFindings: [Finding]
    public init(lines: [Line], pageCount: Int?, repairs: [String: Int], layoutFindings: [Finding] = []) {
        self.lines = lines
        self.pageCount = pageCount
        self.repairs = repairs
        self.layoutFindings = layoutFindings
    }
}
