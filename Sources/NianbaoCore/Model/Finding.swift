/// A problem found in one document. See OUTPUT.md: `rule`, `severity`, `fields`, `message`.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error, warning, info
        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }
    public var rule: String
    public var severity: Severity
    public var fields: [String]
    public var message: String
    public var page: Int?

    public init(rule: String, severity: Severity, fields: [String] = [], message: String, page: Int? = nil) {
        self.rule = rule
        self.severity = severity
        self.fields = fields
        self.message = message
        self.page = page
    }
}
