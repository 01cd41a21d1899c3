import Foundation

/// `validation.yaml`.
public struct ValidationRules: Sendable, Codable, Hashable {
    public enum ForEach: String, Sendable, Codable, Hashable { case column, row }
    /// One side of an identity: a field pattern, or alternatives of which the first fully printed counts.
    public enum Term: Sendable, Codable, Hashable {
        case field(String)
        case oneOf([[String]])

        enum CodingKeys: String, CodingKey { case oneOf = "one_of" }
        public init(from decoder: any Decoder) throws {
            if let s = try? decoder.singleValueContainer().decode(String.self) {
                self = .field(s)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self = .oneOf(try c.decode([[String]].self, forKey: .oneOf))
        }
        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .field(let s):
                var c = encoder.singleValueContainer()
                try c.encode(s)
            case .oneOf(let alternatives):
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(alternatives, forKey: .oneOf)
            }
        }
    }
    public struct Rule: Sendable, Codable, Hashable {
        public var id: String
        public var severity: Finding.Severity
        public var description: String
        public var forEach: ForEach?
        public var left: [Term]
        public var right: [Term]
        /// How the message names each side, e.g. "（七）总计" and "the outcomes （一）–（六）".
        public var leftLabel: String?
        public var rightLabel: String?
        enum CodingKeys: String, CodingKey {
            case id, severity, description, left, right
            case forEach = "for_each"
            case leftLabel = "left_label"
            case rightLabel = "right_label"
        }
    }
    /// Figures quoted in the prose of section 一 that must agree with the tables.
    public struct Narrative: Sendable, Codable, Hashable {
        public struct Statement: Sendable, Codable, Hashable {
            /// A regular expression whose first group is the quoted number.
            public var pattern: String
            /// The field the number must equal.
            public var field: String
        }
        public var severity: Finding.Severity
        public var statements: [Statement]
    }
    /// Bodies' carry-over across years: 二、上年结转 of year N = 四、结转下年度继续办理 of year N−1.
    public struct CarryChain: Sendable, Codable, Hashable {
        public var severity: Finding.Severity
    }
    public var rules: [Rule]
    public var narrative: Narrative?
    public var carryChain: CarryChain?

    enum CodingKeys: String, CodingKey {
        case rules, narrative
        case carryChain = "carry_chain"
    }
}
