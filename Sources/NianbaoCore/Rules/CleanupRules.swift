import Foundation

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
