import Foundation

/// One document through the pipeline: its result without the text, which is read on demand.
public struct ProcessedDocument {
    /// Everything but `text` (empty here).
    public var result: ReportResult
    public var usage: StageUsage
    /// A digest of everything the document's outputs (NAME.json, NAME.txt) are made of: equal digests,
    /// equal files. nil without a store (nothing is digested then).
    public var outputDigest: String?
    let text: () -> String

    /// The whole result, text included.
    public func withText() -> ReportResult {
        var r = result
        r.text = text()
        return r
    }
}
