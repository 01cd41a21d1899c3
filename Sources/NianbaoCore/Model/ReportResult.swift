import Foundation

/// The pipeline's result for one document (what NAME.json and NAME.txt are written from).
public struct ReportResult: Sendable {
    public var source: String
    public var sha256: String
    public var template: Template?
    public var year: Int?
    public var issuer: String?
    /// The date the report was published, where the input says (a crawler's or CMS page's header).
    public var published: String?
    public var fields: [String: Decimal]
    public var evidence: [String: SourceLocation]
    public var findings: [Finding]
    /// cleanup rule id → repairs made.
    public var repairs: [String: Int]
    /// The cleaned text (`NAME.txt`).
    public var text: String
    /// Set when the document could not be read at all.
    public var unreadable: UnreadableDocument.Kind?
    public var pages: Int?

    public init(
        source: String, sha256: String, template: Template? = nil, year: Int? = nil, issuer: String? = nil,
        fields: [String: Decimal] = [:], evidence: [String: SourceLocation] = [:], findings: [Finding] = [],
        repairs: [String: Int] = [:], text: String = "", unreadable: UnreadableDocument.Kind? = nil, pages: Int? = nil
    ) {
        self.source = source
        self.sha256 = sha256
        self.template = template
        self.year = year
        self.issuer = issuer
        self.fields = fields
        self.evidence = evidence
        self.findings = findings
        self.repairs = repairs
        self.text = text
        self.unreadable = unreadable
        self.pages = pages
    }
}
