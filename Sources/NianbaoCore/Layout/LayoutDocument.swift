/// The layout stage's output: a document as lines of cells in reading order.
///
/// Every input kind (plain text, HTML, PDF) is brought to this shape before cleanup, so that the later
/// stages never need to know where a document came from. A prose line is one cell; a table row is one
/// cell per table cell, with blank cells kept where the source kept them.

/// A document after layout: lines in reading order. `pageCount` is nil for inputs without pages.
public struct LayoutDocument: Sendable, Codable {
    public var lines: [Line]
    public var pageCount: Int?
    /// Problems the layout stage met that do not make the document unreadable (a page without text).
    public var findings: [Finding]
    /// The pages and regions of a PDF its text layer could not give, for the OCR stage (`OCRPlan`); their
    /// text is not in `lines`. nil when there are none.
    public var ocrRequests: [OCRRequest]?
    public init(lines: [Line], pageCount: Int? = nil, findings: [Finding] = []) {
        self.lines = lines
        self.pageCount = pageCount
        self.findings = findings
    }
}

extension LayoutDocument {
    /// The document with every box rounded as it is stored (`Box`'s coding keeps 1/100 pt), so that what
    /// a run computes and what a later run reads back from the cache are the same values, and give the
    /// same outputs.
    func roundedForStorage() -> LayoutDocument {
        var copy = self
        for i in copy.lines.indices {
            for j in copy.lines[i].cells.indices {
                guard let box = copy.lines[i].cells[j].location?.box else { continue }
                copy.lines[i].cells[j].location?.box = box.roundedForStorage()
            }
        }
        return copy
    }
}
