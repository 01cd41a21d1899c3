import Foundation
import NianbaoCore
import NianbaoRun
import NianbaoStore
import NianbaoTestSupport
import Testing

/// The text and web-page reports of Corpus/, and the PDF that is seed 002's body's report of the year
/// before (a carry_chain finding), copied to `directory`.
private func copyCorpus(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let corpus = repositoryFile("Corpus")
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path)
    where name.hasSuffix(".txt") || name.hasSuffix(".html") || name == "pdf_13_traditional.pdf" {
        try FileManager.default.copyItem(
            at: corpus.appendingPathComponent(name), to: directory.appendingPathComponent(name))
    }
}

/// Pipelines/ with `validation.yaml` edited.
private func rules(in scratch: Scratch, editingValidation edit: (String) -> String = { $0 }) throws -> RuleSet {
    try RuleSet.load(directory: try pipelinesCopy(in: scratch.url, editing: "validation.yaml", edit))
}

/// `nianbao run INPUTS --output OUTPUT [--no-cache]`.
@discardableResult
private func run(_ inputs: URL, into output: URL, rules: RuleSet, cache: Bool = true, jobs: Int = 2) throws -> Summary {
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let (files, _) = InputCollector.collect([inputs.path], excluding: output)
    var store: SQLiteStageStore?
    if cache {
        let directory = output.appendingPathComponent(".nianbao-cache")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStageStore(path: directory.appendingPathComponent("stages.sqlite").path)
    }
    let pipeline = try popplerPipeline(rules: rules)
    return Runner(
        pipeline: pipeline, files: files, output: output, jobs: jobs, store: store,
        corpus: try CorpusDatabase(directory: output), progress: Progress(total: files.count, quiet: true)
    ).run()
}

/// Every output file (cache excluded) → its bytes.
private func contents(_ directory: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
        out[name] = try Data(contentsOf: directory.appendingPathComponent(name))
    }
    return out
}

/// Every output file (cache excluded) → its modification time.
private func modificationTimes(_ directory: URL) throws -> [String: Date] {
    var out: [String: Date] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
        out[name] =
            try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[
                .modificationDate] as? Date
    }
    return out
}

@Suite("Incremental runs") struct IncrementalRunTests {
    @Test("a rerun with nothing changed rewrites no file")
    func nothingChanged() throws {
        let scratch = try Scratch()
        try copyCorpus(to: scratch.path("in"))
        let defaults = try rules(in: scratch)
        let first = try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        #expect(first.outputsUnchanged == 0 && !first.corpusUnchanged)
        let findings = String(
            decoding: try Data(contentsOf: scratch.path("out").appendingPathComponent("findings.csv")), as: UTF8.self)
        #expect(findings.contains("carry_chain,warning"))
        let before = try modificationTimes(scratch.path("out"))
        // An edit to the validation rules that changes no result: validation reruns, nothing is written.
        let second = try run(
            scratch.path("in"), into: scratch.path("out"), rules: try rules(in: scratch) { $0 + "\n# a comment\n" })
        #expect(second.usage.computed == [.validate: first.documents])
        #expect(second.outputsUnchanged == second.documents)
        #expect(second.corpusUnchanged)
        #expect(try modificationTimes(scratch.path("out")) == before)
    }

    /// Validation edits: severities that change some documents' findings and a carry_chain finding; only
    /// the carry_chain severity (every document's own result unchanged); a comment (nothing changes).
    static let edits: [(String, String)] = [
        ("  - id: outcome_sum\n    severity: error\n", "  - id: outcome_sum\n    severity: warning\n"),
        ("carry_chain:\n  severity: warning\n", "carry_chain:\n  severity: error\n"),
        ("rules:\n", "# an edit that changes nothing\nrules:\n"),
    ]

    @Test("after a validation change, a rerun's files are the files a fresh run writes", arguments: edits.indices)
    func sameAsAFreshRun(edit: Int) throws {
        let scratch = try Scratch()
        try copyCorpus(to: scratch.path("in"))
        try run(scratch.path("in"), into: scratch.path("out"), rules: try rules(in: scratch))
        let (old, new) = Self.edits[edit]
        let edited = try rules(in: scratch) { text in
            precondition(text.contains(old), "validation.yaml no longer has: \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
        let rerun = try run(scratch.path("in"), into: scratch.path("out"), rules: edited)
        #expect(rerun.corpusUnchanged == (edit == 2))
        try run(scratch.path("in"), into: scratch.path("fresh"), rules: edited, cache: false)
        let incremental = try contents(scratch.path("out")), fresh = try contents(scratch.path("fresh"))
        #expect(incremental.keys.sorted() == fresh.keys.sorted())
        for (name, data) in fresh { #expect(incremental[name] == data, "\(name) differs from a fresh run's") }
        let findings = String(decoding: try #require(fresh["findings.csv"]), as: UTF8.self)
        #expect(findings.contains(edit == 1 ? "carry_chain,error" : "carry_chain,warning"))
    }

    @Test("an output edited or removed by hand is written again; the rest is left alone")
    func editedOutputs() throws {
        let scratch = try Scratch()
        try copyCorpus(to: scratch.path("in"))
        let defaults = try rules(in: scratch)
        try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        let original = try contents(scratch.path("out"))
        let json = try #require(original.keys.sorted().first { $0.hasSuffix(".json") })
        let text = try #require(original.keys.sorted().last { $0.hasSuffix(".txt") })
        try Data("edited".utf8).write(to: scratch.path("out").appendingPathComponent(json))
        try FileManager.default.removeItem(at: scratch.path("out").appendingPathComponent(text))
        let rerun = try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        #expect(rerun.outputsUnchanged == rerun.documents - 2)
        #expect(try contents(scratch.path("out")) == original)
    }

    @Test("a deleted input leaves the corpus files")
    func deletedInput() throws {
        let scratch = try Scratch()
        try copyCorpus(to: scratch.path("in"))
        let defaults = try rules(in: scratch)
        let first = try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        try FileManager.default.removeItem(at: scratch.path("in").appendingPathComponent("bad_empty.txt"))
        let rerun = try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        #expect(rerun.documents == first.documents - 1 && !rerun.corpusUnchanged)
        let reports = String(
            decoding: try Data(contentsOf: scratch.path("out").appendingPathComponent("reports.csv")), as: UTF8.self)
        #expect(!reports.contains("bad_empty.txt"))
        #expect(reports.split(separator: "\r\n").count == rerun.documents + 1)
    }

    @Test("an input changed in place is read and laid out again; one rewritten with the same bytes is not")
    func changedInput() throws {
        let scratch = try Scratch()
        try copyCorpus(to: scratch.path("in"))
        let defaults = try rules(in: scratch)
        try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        let seed = scratch.path("in").appendingPathComponent("001_a8d23b48448f5a19.txt")
        let text = try String(contentsOf: seed, encoding: .utf8)
        try text.write(to: seed, atomically: false, encoding: .utf8)
        let same = try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        #expect(same.usage.computed.isEmpty && same.outputsUnchanged == same.documents)
        try text.replacingOccurrences(of: "2022", with: "2023").write(to: seed, atomically: false, encoding: .utf8)
        let changed = try run(scratch.path("in"), into: scratch.path("out"), rules: defaults)
        #expect(changed.usage.computed[.layout] == 1)
        #expect(changed.outputsUnchanged == changed.documents - 1)
    }
}
