import Crypto
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

/// What the parse stage passes on: the parsed report and what the final result needs from the
/// stages before it. The rendered text is stored beside it, separately (see `Pipeline.run`).
public struct ParseOutcome: Sendable, Codable {
    public var report: ParsedReport
    public var repairs: [String: Int]
    public var pages: Int?
    public var layoutFindings: [Finding]
}

/// One document through the pipeline: its result without the text, which is read on demand.
public struct ProcessedDocument {
    /// Everything but `text` (empty here).
    public var result: ReportResult
    public var usage: StageUsage
    /// A digest of everything the document's outputs (NAME.json, NAME.txt) are made of: equal digests,
    /// equal files. nil without a store (nothing is digested then).
    public var outputDigest: String?
    let text: () -> String

    /// The whole result, text included.
    public func withText() -> ReportResult {
        var r = result
        r.text = text()
        return r
    }
}

enum StageCodec {
    static func encode<T: Encodable>(_ value: T) -> StoredResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // equal values give equal bytes, hence equal digests
        let data = (try? encoder.encode(value)) ?? Data()
        return StoredResult(digest: hex(SHA256.hash(data: data)), value: data)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ stored: StoredResult) -> T? {
        try? JSONDecoder().decode(type, from: stored.value)
    }

    static func key(_ parts: String...) -> String {
        hex(SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)))
    }

    /// Lower-case hex digits of `bytes` (a digest).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One document's walk through the stages against a store.
struct StageRun {
    let store: StageStore?
    /// stage → the fingerprint of the rule file it reads.
    let fingerprints: [Stage: String]
    var usage = StageUsage()

    /// The cache key of `stage`'s result for `input` (the digest of what the stage reads).
    func key(_ stage: Stage, input: String) -> String {
        StageCodec.key(stage.name, stage.version, fingerprints[stage] ?? "", input)
    }

    /// The next stage after `previous`: `compute` of its value, or its unreadable document passed on.
    mutating func step<In, Out>(
        _ stage: Stage, after previous: Step<StageOutcome<In>>,
        compute: @escaping (In) -> StageOutcome<Out>
    ) -> Step<StageOutcome<Out>> {
        step(stage.name, key: key(stage, input: previous.digest)) { previous.value().then(compute) }
    }

    /// A stage's digest, and its value on demand: taken from the store when the key is there (the
    /// value is read only if a later stage needs it), else computed, saved, and kept in memory so the
    /// next stage does not decode what was just encoded. Without a store the value is only computed.
    /// `counted: false` for a second value a stage stores (the parse stage's text): not a stage of its own
    /// in the usage.
    /// `keep`, asked after computing, says whether the value may be stored.
    mutating func step<T: Codable>(
        _ name: String, key: String, counted: Bool = true, keep: () -> Bool = { true },
        compute: @escaping () -> T
    ) -> Step<T> {
        let stage = counted ? Stage(rawValue: name) : nil
        if let store, let digest = store.digest(key) {
            if let stage { usage.reused[stage, default: 0] += 1 }
            let cache = Box<T>()
            return Step(digest: digest) {
                if let v = cache.value { return v }
                let v = store.load(key).flatMap { StageCodec.decode(T.self, $0) } ?? compute()
                cache.value = v
                return v
            }
        }
        let value = compute()
        if let stage { usage.computed[stage, default: 0] += 1 }
        // Without a store nothing is keyed, so nothing needs encoding: the digest is not used.
        guard let store else { return Step(digest: "") { value } }
        let stored = StageCodec.encode(value)
        if keep() { store.save(key, stage: name, result: stored) }
        return Step(digest: stored.digest) { value }
    }

    final class Box<T> { var value: T? }

    struct Step<T> {
        var digest: String
        var value: () -> T
    }
}
