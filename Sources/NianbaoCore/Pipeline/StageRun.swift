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
