import Foundation

/// `Pipelines/pipeline.yaml`: the rule file each stage reads (the stages themselves and their order are
/// `Stage`'s, in code).
public struct RuleFiles: Sendable, Codable, Hashable {
    /// stage name → file name, relative to `pipeline.yaml`.
    public var rules: [String: String]
}
