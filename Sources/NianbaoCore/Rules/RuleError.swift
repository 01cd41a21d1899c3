import Crypto
import Foundation
import Yams

/// A rule file that could not be used, with the place in it that is wrong.
public struct RuleError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the offending node, where known.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
