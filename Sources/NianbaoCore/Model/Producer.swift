/// What made a dataset: nianbao's version and the fingerprint of the rules it ran with
/// (`RuleSet.fingerprint`). Written into every `NAME.json` (`producer`) and into corpus.sqlite's `meta`
/// table, so a dataset says what made it; `--version` prints the same two.
public struct Producer: Sendable, Equatable {
    /// `nianbao 0.8.0`.
    public var tool: String
    /// Hex SHA-256 over the stages' rule files.
    public var rules: String

    public init(tool: String = "nianbao " + NianbaoVersion.string, rules: String) {
        self.tool = tool
        self.rules = rules
    }

    public init(_ rules: RuleSet) {
        self.init(rules: rules.fingerprint)
    }
}
