import Foundation

/// `Pipelines/pipeline.yaml`: the rule file each stage reads (the stages themselves and their order are
/// `Stage`'s, in code).
public struct RuleFiles: Sendable, Codable, Hashable {
    /// stage name → file name, relative to `pipeline.yaml`.
    public var rules: [String: String]
}

/// `cleanup.yaml`.
public struct CleanupRules: Sendable, Codable, Hashable {
    public struct Transforms: Sendable, Codable, Hashable {
        public var traditionalToSimplified: Bool = true
        public var foldFullwidthDigits: Bool = true
        public var foldRadicals: Bool = true
        public var joinCJKSpacing: Bool = true
        /// Minimum length of a prose line that is joined with the next when it ends mid-sentence; 0 = off.
        public var joinBrokenLines: Int = 16
        /// A prose line of 10+ characters repeated this many times is a running header; 0 = off.
        public var runningHeaderRepeats: Int = 3

        enum CodingKeys: String, CodingKey {
            case traditionalToSimplified = "traditional_to_simplified"
            case foldFullwidthDigits = "fold_fullwidth_digits"
            case foldRadicals = "fold_radicals"
            case joinCJKSpacing = "join_cjk_spacing"
            case joinBrokenLines = "join_broken_lines"
            case runningHeaderRepeats = "running_header_repeats"
        }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Transforms()
            traditionalToSimplified =
                try c.decodeIfPresent(Bool.self, forKey: .traditionalToSimplified) ?? d.traditionalToSimplified
            foldFullwidthDigits =
                try c.decodeIfPresent(Bool.self, forKey: .foldFullwidthDigits) ?? d.foldFullwidthDigits
            foldRadicals = try c.decodeIfPresent(Bool.self, forKey: .foldRadicals) ?? d.foldRadicals
            joinCJKSpacing = try c.decodeIfPresent(Bool.self, forKey: .joinCJKSpacing) ?? d.joinCJKSpacing
            joinBrokenLines = try c.decodeIfPresent(Int.self, forKey: .joinBrokenLines) ?? d.joinBrokenLines
            runningHeaderRepeats =
                try c.decodeIfPresent(Int.self, forKey: .runningHeaderRepeats) ?? d.runningHeaderRepeats
        }
    }
    public enum Scope: String, Sendable, Codable, Hashable { case all, table }
    public struct Replacement: Sendable, Codable, Hashable {
        public var id: String
        public var pattern: String
        public var with: String
        public var scope: Scope?
    }
    public struct DropLine: Sendable, Codable, Hashable {
        public var id: String
        public var pattern: String
    }
    public var transforms: Transforms
    public var replacements: [Replacement]
    public var dropLines: [DropLine]

    enum CodingKeys: String, CodingKey {
        case transforms, replacements
        case dropLines = "drop_lines"
    }
}

/// A row alias: how one template row is recognised from its printed label.
public struct RowAlias: Sendable, Codable, Hashable {
    public var key: String
    public var contains: [String]?
    public var exact: [String]?
    public var after: [String]?
}

/// `labels.yaml`.
public struct LabelRules: Sendable, Codable, Hashable {
    public struct Section: Sendable, Codable, Hashable {
        public var number: String
        public var keywords: [String]
    }
    public struct TemplateCues: Sendable, Codable, Hashable {
        public var citation: [String]
        public var table: [String]
    }
    public struct ActiveTable: Sendable, Codable, Hashable {
        public var rows: [RowAlias]
        /// template → row key → the row's numeric columns in printed order.
        public var columns: [String: [String: [String]]]
    }
    public struct ApplicationsTable: Sendable, Codable, Hashable {
        public var columns: [String]
        public var subtotalHeader: [String]
        public var rows: [RowAlias]
        enum CodingKeys: String, CodingKey {
            case columns, rows
            case subtotalHeader = "subtotal_header"
        }
    }
    public struct ReviewTable: Sendable, Codable, Hashable {
        public var groups: [String]
        public var columns: [String]
        /// Words of the table's header: where all but one of them stand in the section, the table is
        /// printed (a data row without a number is then blank, 0; without them the table is missing).
        public var header: [String]
    }
    /// Header fields that crawlers and CMS pages print before a report (`发布机构:…`).
    public struct MetadataKeys: Sendable, Codable, Hashable {
        /// Every key a crawler's header block may hold: a long line is cut before each of them.
        public var headerKeys: [String]
        /// Keys whose value names the reporting body, tried when the text itself names none.
        public var issuerKeys: [String]
        /// Keys whose value is the date the report was published.
        public var dateKeys: [String]?
        enum CodingKeys: String, CodingKey {
            case headerKeys = "header_keys"
            case issuerKeys = "issuer_keys"
            case dateKeys = "date_keys"
        }
    }
    public var sections: [Section]
    public var metadata: MetadataKeys?
    public var templates: [String: TemplateCues]
    public var active: ActiveTable
    public var applications: ApplicationsTable
    public var review: ReviewTable
}

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
