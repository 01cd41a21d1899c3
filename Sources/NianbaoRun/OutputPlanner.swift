import Foundation
import NianbaoCore
import NianbaoStore

/// Decides what a run writes for each document: runs the pipeline over an input (an input unchanged
/// since a run read it is not read again), and leaves NAME.json and NAME.txt alone when they already
/// hold the result, as the ledger (`OutputLedger`) and the files' stamps show. Writes what it decided
/// (on the owner queue) and records it for the next run.
struct OutputPlanner: Sendable {
    let pipeline: Pipeline
    /// nil with --no-cache: everything is computed and written.
    let store: SQLiteStageStore?
    let output: URL
    /// Where files are written until the run publishes them.
    let publication: OutputPublication

    /// A document's result, and whether its files already hold it.
    struct Plan {
        /// Without its text when `unchanged`.
        var result: ReportResult
        var outputDigest: String?
        /// What the stage cache gave and what was computed.
        var usage = StageUsage()
        /// NAME.json and NAME.txt are as the last run wrote them and that run wrote them from equal
        /// results: they are left alone.
        var unchanged = false
        /// For an unchanged document, the cross-document findings its NAME.json holds (`Written.carry`).
        var carry: String?
        /// The last corpus files hold this very result for the document: its rows can be copied from there.
        var inCorpus = false
        /// NAME.json and the corpus rows, made by the worker so that the one writing thread only writes.
        var json: String?
        var rows: CorpusDatabase.Rows?

        /// Prepares what the owner will write; NAME.json says `producer` made it.
        func prepared(producer: Producer) -> Plan {
            var p = self
            if !unchanged { p.json = ReportJSON.encode(result, producer: producer) }
            if !inCorpus { p.rows = CorpusDatabase.Rows(result) }
            return p
        }
    }

    /// What a document's files hold after the owner is done with it.
    struct Written {
        /// `ProcessedDocument.outputDigest`, or a digest of NAME.json for documents the pipeline never saw.
        var digest: String
        /// `carry(_:)` of the cross-document findings NAME.json holds besides its document's own result;
        /// nil when it holds none.
        var carry: String?
        /// Left alone this run so far.
        var unchanged: Bool
    }

    init(pipeline: Pipeline, store: SQLiteStageStore?, output: URL) {
        self.pipeline = pipeline
        self.store = store
        self.output = output
        publication = OutputPublication(output: output)
    }

    func jsonURL(_ file: InputFile) -> URL { output.appendingPathComponent(file.outputName + ".json") }
    func textURL(_ file: InputFile) -> URL { output.appendingPathComponent(file.outputName + ".txt") }
    /// Where this run writes a file until it publishes it.
    func staged(_ url: URL) -> URL { publication.staged(url.lastPathComponent) }
    /// The file as it will be once the run publishes: the staged one if this run wrote one, else the
    /// one in place.
    func pending(_ url: URL) -> URL {
        let staged = staged(url)
        return FileManager.default.fileExists(atPath: staged.path) ? staged : url
    }

    /// Runs `file` through the pipeline (any worker thread) and decides what its files need.
    func plan(_ file: InputFile) -> Plan {
        let name = file.url.lastPathComponent
        guard let kind = file.kind else {
            return Plan(
                result: Pipeline.unreadable(
                    name: name, sha256: "",
                    UnreadableDocument(
                        .unsupported,
                        "unsupported file type '.\(file.url.pathExtension)' (nianbao reads .pdf, .txt and .html)")))
        }
        func read() -> Result<[UInt8], UnreadableDocument> {
            do {
                return .success([UInt8](try Data(contentsOf: file.url, options: [.mappedIfSafe])))
            } catch {
                return .failure(UnreadableDocument(.io, "cannot read the file: \(error.localizedDescription)"))
            }
        }
        // A file unchanged since a run read it (same identity) has the digest recorded then: it is not read
        // again unless its layout has to be computed.
        let identity = store == nil ? nil : InputIdentity(file.url)
        let document: ProcessedDocument
        if let store, let identity, let known = store.ledger.input(file.url.path), known.identity == identity {
            document = pipeline.run(name: name, digest: known.digest, kind: kind, store: store, read: read)
        } else {
            let bytes: [UInt8]
            switch read() {
            case .success(let b): bytes = b
            case .failure(let error): return Plan(result: Pipeline.unreadable(name: name, sha256: "", error))
            }
            document = pipeline.run(name: name, bytes: bytes, kind: kind, store: store)
            if let store, let identity {
                store.ledger.setInput(file.url.path, identity: identity, digest: document.result.sha256)
            }
        }
        if let digest = document.outputDigest, let store, let stamps = FileStamp.of([jsonURL(file), textURL(file)]),
            let known = store.ledger.entry(.document, [jsonURL(file).path, textURL(file).path]),
            known.digest == digest, known.stamps == stamps
        {
            return Plan(
                result: document.result, outputDigest: digest, usage: document.usage, unchanged: true,
                carry: known.carry, inCorpus: store.ledger.corpusRows(jsonURL(file).path) == digest)
        }
        return Plan(result: document.withText(), outputDigest: document.outputDigest, usage: document.usage)
    }

    /// Writes NAME.json and NAME.txt unless the plan leaves them alone (owner queue only). Throws when a
    /// file cannot be written.
    func write(_ plan: Plan, for file: InputFile) throws -> Written {
        if plan.unchanged, let digest = plan.outputDigest {
            return Written(digest: digest, carry: plan.carry, unchanged: true)
        }
        let json = plan.json ?? ReportJSON.encode(plan.result, producer: pipeline.producer)
        try OutputFile.write(json, to: staged(jsonURL(file)))
        try OutputFile.write(plan.result.text, to: staged(textURL(file)))
        // Only files made from a pipeline digest can be left alone next time: record those.
        if let digest = plan.outputDigest { record(file, digest: digest, carry: nil) }
        return Written(digest: plan.outputDigest ?? Pipeline.sha256(Array(json.utf8)), carry: nil, unchanged: false)
    }

    /// Brings the cross-document findings in `file`'s NAME.json to `findings` (found at the end of the
    /// run); nil when it holds them already. A file this run wrote (its document's own result only) gets
    /// them appended as it is; one left in place is made again from the result, never appended to: what
    /// it holds besides its result is known only from the ledger, and a ledger that lost a write (a
    /// damaged cache) would have them appended twice.
    func settle(_ findings: [Finding], in file: InputFile, written: Written) throws -> Written? {
        let carry = findings.isEmpty ? nil : Self.carry(findings)
        guard written.carry != carry else { return nil }
        let appended =
            !written.unchanged && written.carry == nil
            ? (try? String(contentsOf: staged(jsonURL(file)), encoding: .utf8))
                .flatMap { ReportJSON.appendingFindings(findings, to: $0) }
            : nil
        let json =
            appended
            ?? {
                var result = plan(file).result
                result.findings += findings
                return ReportJSON.encode(result, producer: pipeline.producer)
            }()
        try OutputFile.write(json, to: staged(jsonURL(file)))
        record(file, digest: written.digest, carry: carry)
        return Written(digest: written.digest, carry: carry, unchanged: false)
    }

    /// A digest of cross-document findings, as `Written.carry` and the ledger keep it.
    static func carry(_ findings: [Finding]) -> String {
        Pipeline.sha256(
            Array(
                findings.map { "\($0.rule)\t\($0.severity)\t\($0.fields)\t\($0.message)\t\($0.page ?? -1)" }
                    .joined(separator: "\n").utf8))
    }

    /// Remembers what `file`'s outputs hold once published, for the next run (a rename keeps a file's stamp).
    private func record(_ file: InputFile, digest: String, carry: String?) {
        guard let store, let stamps = FileStamp.of([pending(jsonURL(file)), pending(textURL(file))]) else { return }
        store.ledger.setEntry(
            .document, [jsonURL(file).path, textURL(file).path],
            .init(digest: digest, carry: carry, stamps: stamps))
    }
}
