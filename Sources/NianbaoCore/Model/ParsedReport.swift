import Foundation

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

    public init(
        template: Template? = nil, year: Int? = nil, issuer: String? = nil, fields: [String: Decimal] = [:],
        evidence: [String: SourceLocation] = [:], ambiguities: [Ambiguity] = [], findings: [Finding] = []
    ) {
        self.template = template
        self.year = year
        self.issuer = issuer
        self.fields = fields
        self.evidence = evidence
        self.ambiguities = ambiguities
        self.findings = findings
    }
}

extension ParsedReport: Codable {
    enum CodingKeys: String, CodingKey {
        case template, year, issuer, fields, evidence, ambiguities, findings, overview, published, ocr
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            template: try c.decodeIfPresent(Template.self, forKey: .template),
            year: try c.decodeIfPresent(Int.self, forKey: .year),
            issuer: try c.decodeIfPresent(String.self, forKey: .issuer),
            fields: FieldCoding.decodeFields(try c.decode(String.self, forKey: .fields)),
            evidence: FieldCoding.decodeEvidence(try c.decode(String.self, forKey: .evidence)),
            ambiguities: try c.decode([Ambiguity].self, forKey: .ambiguities),
            findings: try c.decode([Finding].self, forKey: .findings))
        overview = try c.decode(String.self, forKey: .overview)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        // How OCR read each field's cell travels beside the compact evidence, which has no room for it.
        for (id, reading) in try c.decodeIfPresent([String: OCRReading].self, forKey: .ocr) ?? [:] {
            evidence[id]?.ocr = reading
        }
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
        let ocr = evidence.compactMapValues(\.ocr)
        if !ocr.isEmpty { try c.encode(ocr, forKey: .ocr) }
    }
}
