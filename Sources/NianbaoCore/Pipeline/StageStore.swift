import Foundation

/// Where stage results are kept between runs. The core only needs `load` and `save`; the
/// executable provides an SQLite store (NianbaoStore).
public protocol StageStore: Sendable {
    /// The stored result for `key`: its digest (SHA-256 of `value`) and the encoded value.
    func load(_ key: String) -> StoredResult?
    /// The digest alone, when the value is not needed (a stage whose successor is cached too).
    func digest(_ key: String) -> String?
    func save(_ key: String, stage: String, result: StoredResult)
    /// The value under `key` failed its check (its bytes do not give the digest stored with them, or do
    /// not decode): the store counts it and drops it, and the stage is computed again.
    func damaged(_ key: String)
}

public struct StoredResult: Sendable {
    /// Whether `value` gives `digest`: a value damaged in the store (flipped bits, an edit) does not.
    public var isIntact: Bool { StageCodec.digest(value) == digest }

    public var digest: String
    public var value: Data
    /// `value` with its digest.
    public init(value: Data) {
        self.init(digest: StageCodec.digest(value), value: value)
    }
    public init(digest: String, value: Data) {
        self.digest = digest
        self.value = value
    }
}
