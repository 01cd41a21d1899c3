import Foundation

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
    ///
    /// A stored value is checked before it is used: one whose bytes do not give the digest stored with
    /// it, or that does not decode, is damaged (flipped bits, an edit): the store is told (`damaged`),
    /// and the stage is computed again and saved afresh, so a damaged cache costs time, never a number.
    mutating func step<T: Codable>(
        _ name: String, key: String, counted: Bool = true, keep: @escaping () -> Bool = { true },
        compute: @escaping () -> T
    ) -> Step<T> {
        step(name, key: key, counted: counted, keep: keep) { (compute(), nil) }
    }

    /// `step`, for a stage whose computation may come encoded already (`encoded`, as `StageCodec.encode`
    /// gives it, from a worker process): it is stored as it came rather than encoded again.
    mutating func step<T: Codable>(
        _ name: String, key: String, counted: Bool = true, keep: @escaping () -> Bool = { true },
        compute: @escaping () -> (value: T, encoded: StoredResult?)
    ) -> Step<T> {
        let stage = counted ? Stage(rawValue: name) : nil
        if let store, let digest = store.digest(key) {
            if let stage { usage.reused[stage, default: 0] += 1 }
            let cache = Box<T>()
            return Step(digest: digest) {
                if let v = cache.value { return v }
                let v: T
                if let stored = store.load(key), let decoded = Self.verified(T.self, stored) {
                    v = decoded
                } else {
                    store.damaged(key)
                    let (value, encoded) = compute()
                    if keep() { store.save(key, stage: name, result: encoded ?? StageCodec.encode(value)) }
                    v = value
                }
                cache.value = v
                return v
            }
        }
        let (value, encoded) = compute()
        if let stage { usage.computed[stage, default: 0] += 1 }
        // Without a store nothing is keyed, so nothing needs encoding: the digest is not used.
        guard let store else { return Step(digest: "") { value } }
        let stored = encoded ?? StageCodec.encode(value)
        if keep() { store.save(key, stage: name, result: stored) }
        return Step(digest: stored.digest) { value }
    }

    /// A stored value, if it is intact and decodes.
    static func verified<T: Decodable>(_ type: T.Type, _ stored: StoredResult) -> T? {
        stored.isIntact ? StageCodec.decode(type, stored) : nil
    }

    final class Box<T> { var value: T? }

    struct Step<T> {
        var digest: String
        var value: () -> T
    }
}
