/// A document as the rules across documents see it: the corpus's row for it (`corpus.sqlite`'s
/// `documents`) and the fields a rule asked for, as the corpus stores them (numbers as doubles).
public struct DocumentSummary: Sendable, Hashable {
    /// The output name (`NAME` of `NAME.json`): the document the findings go to.
    public var name: String
    /// The input's file name, as findings quote it.
    public var source: String
    /// As the report prints it; each rule normalises it as it needs.
    public var issuer: String
    public var year: Int
    /// Field id → value, for the fields asked for that the report prints.
    public var fields: [String: Double]

    public init(name: String, source: String, issuer: String, year: Int, fields: [String: Double] = [:]) {
        self.name = name
        self.source = source
        self.issuer = issuer
        self.year = year
        self.fields = fields
    }
}
