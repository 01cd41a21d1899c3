import Foundation

/// Where stage results are kept between runs. The core only needs `load` and `save`; the
/// executable provides an SQLite store (NianbaoStore).
public protocol StageStore: Sendable {
    /// The stored result for `key`: its digest (SHA-256 of `value`) and the encoded value.
    func load(_ key: String) -> StoredResult?
    /// The digest alone, when the value is not needed (a stage whose successor is cached too).
    func digest(_ key: String) -> String?
    func save(_ key: String, stage: String, result: StoredResult)
}

public struct StoredResult: Sendable {
    public var digest: String
    public var value: Data
    public init(digest: String, value: Data) {
        self.digest = digest
        self.value = value
    }
}
