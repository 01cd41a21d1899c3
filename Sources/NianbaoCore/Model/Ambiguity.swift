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
