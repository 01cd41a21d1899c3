import Foundation

/// Which stages a document's processing took from the store and which it computed.
public struct StageUsage: Sendable, Hashable {
    public var reused: [Stage: Int] = [:]
    public var computed: [Stage: Int] = [:]
    public init() {}
    public mutating func add(_ other: StageUsage) {
        reused.merge(other.reused, uniquingKeysWith: +)
        computed.merge(other.computed, uniquingKeysWith: +)
    }
}
