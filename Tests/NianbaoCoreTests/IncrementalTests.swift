import Foundation
import NianbaoTestSupport
import Synchronization
import Testing

@testable import NianbaoCore

/// A store in memory, for tests.
final class MemoryStore: StageStore {
    let entries = Mutex<[String: StoredResult]>([:])
    func load(_ key: String) -> StoredResult? { entries.withLock { $0[key] } }
    func digest(_ key: String) -> String? { entries.withLock { $0[key]?.digest } }
    func save(_ key: String, stage: String, result: StoredResult) { entries.withLock { $0[key] = result } }
    let damage = Mutex<[String]>([])
    func damaged(_ key: String) {
        damage.withLock { $0.append(key) }
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}

@Suite struct IncrementalTests {
    /// A copy of Pipelines/ with one rule file edited, loaded.
    func rules(editing file: String, _ edit: (String) -> String) throws -> RuleSet {
        try RuleSet.load(directory: try pipelinesCopy(editing: file, edit))
    }

    let bytes = Array(report().utf8)

    @Test func aSecondRunReusesEveryStage() {
        let store = MemoryStore()
        let first = defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        #expect(first.usage.computed == [.layout: 1, .cleanup: 1, .parse: 1, .validate: 1])
        let second = defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        #expect(second.usage.computed.isEmpty)
        #expect(second.usage.reused == [.layout: 1, .cleanup: 1, .parse: 1, .validate: 1])
        #expect(ReportJSON.encode(first.result) == ReportJSON.encode(second.result))
    }

    /// Every stored value damaged in turn (one byte changed, the digest beside it left as it was; or the
    /// digest changed): the result is the fresh one, the damage is reported to the store, and the value
    /// is stored again intact.
    @Test(arguments: [false, true])
    func aDamagedValueIsRecomputed(damagingDigest: Bool) throws {
        let fresh = ReportJSON.encode(defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text))
        let store = MemoryStore()
        _ = defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        let keys = store.entries.withLock { Array($0.keys) }.sorted()
        #expect(keys.count == 5)
        for key in keys {
            let intact = try #require(store.entries.withLock { $0[key] })
            var damaged = intact
            if damagingDigest {
                damaged.digest = String(damaged.digest.reversed())
            } else {
                // A bit flipped in the middle of the stored value: a different number or text, or no JSON.
                damaged.value[damaged.value.count / 2] ^= 0x01
            }
            store.entries.withLock { $0[key] = damaged }
            store.damage.withLock { $0 = [] }
            // Only stages whose values are read see the damage: the last stages' values are, so every key
            // is read when the stages after it are dropped too.
            let later = keys.filter { $0 != key }
            let saved = store.entries.withLock { s in later.map { (k: $0, v: s.removeValue(forKey: $0)!) } }
            let again = defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
            #expect(ReportJSON.encode(again.result) == fresh)
            #expect(store.damage.withLock { $0 } == [key] || damagingDigest)
            #expect(store.entries.withLock { $0[key] }?.isIntact == true)
            store.entries.withLock { s in
                s[key] = intact
                for (k, v) in saved { s[k] = v }
            }
        }
    }

    @Test func aValidationRuleChangeRecomputesValidationOnly() throws {
        let store = MemoryStore()
        _ = defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        let edited = try Pipeline(
            rules: try rules(editing: "validation.yaml") {
                $0.replacingOccurrences(
                    of: "  - id: review_total\n    severity: error", with: "  - id: review_total\n    severity: warning"
                )
            })
        let rerun = edited.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        #expect(rerun.usage.computed == [.validate: 1])
        #expect(rerun.usage.reused[.layout] == 1 && rerun.usage.reused[.parse] == 1)
    }

    @Test func aCleanupRuleChangeDoesNotRedoLayout() throws {
        // The PDF extractor counts its calls: a cleanup change must not reopen the PDF.
        let opened = Mutex(0)
        var t = Typesetter()
        t.text("测试县2022年政府信息公开工作年度报告", x: 50, y: 40)
        let page = t.page()
        let extractor: GlyphExtractor = { _, _ in
            opened.withLock { $0 += 1 }
            return [page]
        }
        let store = MemoryStore()
        _ = try Pipeline(rules: defaultRules, pdfReader: extractor).process(
            name: "a.pdf", bytes: [1, 2, 3], kind: .pdf, store: store)
        let edited = try rules(editing: "cleanup.yaml") {
            $0.replacingOccurrences(of: "join_broken_lines: 16", with: "join_broken_lines: 20")
        }
        let rerun = try Pipeline(rules: edited, pdfReader: extractor).process(
            name: "a.pdf", bytes: [1, 2, 3], kind: .pdf, store: store)
        #expect(opened.withLock { $0 } == 1)
        #expect(rerun.usage.computed[.layout] == nil)
        #expect(rerun.usage.computed[.cleanup] == 1)
        // The edit changed nothing in this document's cleaned text: parse and validation are reused.
        #expect(rerun.usage.reused[.parse] == 1 && rerun.usage.reused[.validate] == 1)
    }

    @Test func aLabelRuleChangeRecomputesParseAndWhatItChanges() throws {
        let store = MemoryStore()
        _ = defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        // An alias added that this report does not use: parse reruns, its result is the same, so
        // validation is reused.
        let same = try Pipeline(
            rules: try rules(editing: "labels.yaml") {
                $0.replacingOccurrences(of: "contains: [重复申请]", with: "contains: [重复申请, 重复提出]")
            })
        #expect(same.process(name: "r.txt", bytes: bytes, kind: .text, store: store).usage.computed == [.parse: 1])
        // An alias taken away that it does use: the parse result changes and validation reruns.
        let different = try Pipeline(
            rules: try rules(editing: "labels.yaml") {
                $0.replacingOccurrences(of: "contains: [重复申请]", with: "contains: [重复提出的申请]")
            })
        let rerun = different.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        #expect(rerun.usage.computed == [.parse: 1, .validate: 1])
        #expect(rerun.result.fields["apps.not_processed.repeated.total"] == nil)
    }

    @Test func aChangedInputIsRecomputedFromTheStart() {
        let store = MemoryStore()
        _ = defaultPipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: store)
        let changed = Array(report(year: 2023).utf8)
        let rerun = defaultPipeline.process(name: "r.txt", bytes: changed, kind: .text, store: store)
        #expect(rerun.usage.computed[.layout] == 1)
        #expect(rerun.result.year == 2023)
    }

    @Test func documentsUnreadableForDifferentReasonsKeepTheirOwnReason() {
        let store = MemoryStore()
        let empty = defaultPipeline.process(name: "e.txt", bytes: [], kind: .text, store: store)
        let binary = defaultPipeline.process(
            name: "b.txt", bytes: Array(UInt8.min...UInt8.max) + Array(UInt8.min...UInt8.max), kind: .text, store: store
        )
        #expect(empty.result.unreadable == .empty)
        #expect(binary.result.unreadable == .binary)
        #expect(binary.result.findings.first?.message.contains("binary") == true)
    }

    @Test func anUnreadableDocumentIsStoredToo() {
        let store = MemoryStore()
        let first = defaultPipeline.process(name: "e.txt", bytes: [], kind: .text, store: store)
        let second = defaultPipeline.process(name: "renamed.txt", bytes: [], kind: .text, store: store)
        #expect(first.result.unreadable == .empty && second.result.unreadable == .empty)
        #expect(second.usage.computed.isEmpty)
        #expect(second.result.findings.first?.message.hasPrefix("renamed.txt: ") == true)
    }
}
