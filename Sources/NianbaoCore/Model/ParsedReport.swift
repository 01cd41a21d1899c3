import Foundation

/// A reading of one table row that the printed text leaves open: which positions its numbers stand in
/// (blank cells dropped by an extractor), or which printed number is surplus. The parse stage lists the
/// possible readings, most likely first; the validate stage picks the one the template's identities
/// support best and reports the choice as a warning.
public struct Ambiguity: Sendable, Hashable, Codable {
    public struct Reading: Sendable, Hashable, Codable {
        /// field id → value; fields of the row absent here and listed in `nulls` are not known.
        public var values: [String: Decimal]
        public var nulls: [String]
        public var evidence: [String: SourceLocation]
        /// e.g. `自然人 4, 总计 4, other cells blank (0)`.
        public var description: String
        /// field id → the printed cell, for money printed in 元 and stored in 万元.
        public var converted: [String: String] = [:]
    }
    public var rule: String
    public var table: String
    public var rowLabel: String
    public var page: Int?
    public var printed: [String]
    public var width: Int
    public var readings: [Reading]
}

/// Readings are cached with every parsed report that has ambiguous rows, several per row: their fields
/// and evidence use the compact text forms of `FieldCoding`, as the report's own do.
extension Ambiguity.Reading {
    enum CodingKeys: String, CodingKey { case values, nulls, evidence, description, converted }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        values = FieldCoding.decodeFields(try c.decode(String.self, forKey: .values))
        nulls = try c.decode([String].self, forKey: .nulls)
        evidence = FieldCoding.decodeEvidence(try c.decode(String.self, forKey: .evidence))
        description = try c.decode(String.self, forKey: .description)
        converted = try c.decodeIfPresent([String: String].self, forKey: .converted) ?? [:]
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(FieldCoding.encode(values), forKey: .values)
        try c.encode(nulls, forKey: .nulls)
        try c.encode(FieldCoding.encode(evidence), forKey: .evidence)
        try c.encode(description, forKey: .description)
        if !converted.isEmpty { try c.encode(converted, forKey: .converted) }
    }
}

/// The parse stage's output: what the report says, before validation.
public struct ParsedReport: Sendable {
    public var template: Template?
    public var year: Int?
    public var issuer: String?
    /// field id → value, for the cells the report prints (absent = null).
    public var fields: [String: Decimal]
    public var evidence: [String: SourceLocation]
    public var ambiguities: [Ambiguity]
    public var findings: [Finding]
    /// The prose of section 一 (总体情况), for the narrative rule.
    public var overview: String = ""
    /// The date the report was published, as a page's header gives it (`YYYY-MM-DD`).
    public var published: String?

    public init(template: Template? = nil, year: Int? = nil, issuer: String? = nil, fields: [String: Decimal] = [:],
                evidence: [String: SourceLocation] = [:], ambiguities: [Ambiguity] = [], findings: [Finding] = []) {
        self.template = template; self.year = year; self.issuer = issuer; self.fields = fields
        self.evidence = evidence; self.ambiguities = ambiguities; self.findings = findings
    }
}

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

    public init(source: String, sha256: String, template: Template? = nil, year: Int? = nil, issuer: String? = nil,
                fields: [String: Decimal] = [:], evidence: [String: SourceLocation] = [:], findings: [Finding] = [],
                repairs: [String: Int] = [:], text: String = "", unreadable: UnreadableDocument.Kind? = nil, pages: Int? = nil) {
        self.source = source; self.sha256 = sha256; self.template = template; self.year = year; self.issuer = issuer
        self.fields = fields; self.evidence = evidence; self.findings = findings; self.repairs = repairs
        self.text = text; self.unreadable = unreadable; self.pages = pages
    }
}

extension ParsedReport: Codable {
    enum CodingKeys: String, CodingKey { case template, year, issuer, fields, evidence, ambiguities, findings, overview, published }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(template: try c.decodeIfPresent(Template.self, forKey: .template), year: try c.decodeIfPresent(Int.self, forKey: .year),
                  issuer: try c.decodeIfPresent(String.self, forKey: .issuer),
                  fields: FieldCoding.decodeFields(try c.decode(String.self, forKey: .fields)),
                  evidence: FieldCoding.decodeEvidence(try c.decode(String.self, forKey: .evidence)),
                  ambiguities: try c.decode([Ambiguity].self, forKey: .ambiguities), findings: try c.decode([Finding].self, forKey: .findings))
        overview = try c.decode(String.self, forKey: .overview)
        published = try c.decodeIfPresent(String.self, forKey: .published)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(template, forKey: .template)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encodeIfPresent(issuer, forKey: .issuer)
        try c.encode(FieldCoding.encode(fields), forKey: .fields)
        try c.encode(FieldCoding.encode(evidence), forKey: .evidence)
        try c.encode(ambiguities, forKey: .ambiguities)
        try c.encode(findings, forKey: .findings)
        try c.encode(overview, forKey: .overview)
        try c.encodeIfPresent(published, forKey: .published)
    }
}
