import Dispatch
import Foundation
import NianbaoCore
import NianbaoStore
import Synchronization

/// Counts for the end-of-run summary.
public struct Summary: CustomStringConvertible, Sendable {
    public var documents = 0
    public var withErrors = 0
    public var withWarnings = 0
    public var unreadable = 0
    public var writeFailures = 0
    public var elapsed: Double = 0
    public var usage = StageUsage()
    /// Documents whose NAME.json and NAME.txt already held their result and were left alone.
    public var outputsUnchanged = 0
    /// No document's output changed, and the corpus files were left alone.
    public var corpusUnchanged = false

    public var description: String {
        var s = String(format: "nianbao: %d document%@ in %.2f s: %d with errors, %d with warnings, %d unreadable",
                       documents, documents == 1 ? "" : "s", elapsed, withErrors, withWarnings, unreadable)
        if writeFailures > 0 { s += ", \(writeFailures) not written" }
        let stages = ["layout", "cleanup", "parse", "validate"]
        let reused = stages.map { usage.reused[$0, default: 0] }.reduce(0, +)
        let computed = stages.map { usage.computed[$0, default: 0] }.reduce(0, +)
        s += "\nnianbao: stage results: \(reused) reused, \(computed) recomputed ("
            + stages.map { "\($0) \(usage.reused[$0, default: 0])/\(usage.computed[$0, default: 0])" }.joined(separator: ", ")
            + " reused/recomputed)"
        s += "\nnianbao: outputs: \(documents - outputsUnchanged) written, \(outputsUnchanged) unchanged; corpus files "
            + (corpusUnchanged ? "unchanged" : "written")
        return s
    }
}

/// Runs the pipeline over the inputs with `jobs` Dispatch workers. Workers pull the next document from
/// a shared counter, read its bytes and process it; one serial queue owns the output directory, the
/// summary and the progress display, so results are written by a single owner and the bytes written
/// do not depend on `jobs`.
public final class Runner: @unchecked Sendable {
    let pipeline: Pipeline
    let files: [InputFile]
    let output: URL
    let jobs: Int
    /// nil with --no-cache.
    let store: SQLiteStageStore?
    /// Touched on the owner queue only.
    private let corpus: CorpusDatabase
    let progress: Progress
    private let next = Mutex(0)
    private let owner = DispatchQueue(label: "nianbao.output")
    private let state = Mutex(Summary())
    /// Results waiting for the owner, bounded so that memory stays flat however large the corpus.
    private let inFlight: DispatchSemaphore
    /// Per input (by index), what its NAME.json holds now; owner queue only.
    private var written: [Written?]
    /// Documents whose corpus rows are to be copied from the last corpus.sqlite; owner queue only.
    private var reused = 0

    /// What a document's files hold after the owner is done with it.
    struct Written {
        /// `ProcessedDocument.outputDigest`, or a digest of NAME.json for documents the pipeline never saw.
        var digest: String
        /// `OutputRecord.carry` of the file as it stands.
        var carry: String
        /// Left alone this run so far.
        var unchanged: Bool
    }

    public init(pipeline: Pipeline, files: [InputFile], output: URL, jobs: Int, store: SQLiteStageStore?, corpus: CorpusDatabase,
         progress: Progress) {
        self.pipeline = pipeline; self.files = files; self.output = output; self.jobs = jobs; self.store = store
        self.corpus = corpus; self.progress = progress
        inFlight = DispatchSemaphore(value: 2 * jobs)
        written = Array(repeating: nil, count: files.count)
    }

    public func run() -> Summary {
        let start = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: min(jobs, files.count)) { _ in
            while true {
                let index = next.withLock { i -> Int in
                    defer { i += 1 }
                    return i
                }
                guard index < files.count else { return }
                let outcome = process(files[index]).prepared()
                inFlight.wait()
                owner.async {
                    self.write(outcome, for: self.files[index], id: index + 1)
                    self.inFlight.signal()
                }
            }
        }
        owner.sync {}
        progress.finish()
        finishCorpus()
        return state.withLock { s in
            s.elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return s
        }
    }

    /// A document's result, and whether its files already hold it.
    struct Outcome {
        /// Without its text when `unchanged`.
        var result: ReportResult
        var outputDigest: String?
        /// NAME.json and NAME.txt are as the last run wrote them and that run wrote them from equal
        /// results: they are left alone.
        var unchanged = false
        /// For an unchanged document, the cross-document findings its NAME.json holds (`OutputRecord.carry`).
        var carry = OutputRecord.noCarry
        /// The last corpus files hold this very result for the document: its rows can be copied from there.
        var inCorpus = false
        /// NAME.json and the corpus rows, made by the worker so that the one writing thread only writes.
        var json: String?
        var rows: CorpusDatabase.Rows?

        /// Prepares what the owner will write.
        func prepared() -> Outcome {
            var o = self
            if !unchanged { o.json = ReportJSON.encode(result) }
            if !inCorpus { o.rows = CorpusDatabase.Rows(result) }
            return o
        }
    }

    /// The key under which the digest of the result the corpus files hold for `file` is recorded.
    func corpusKey(_ file: InputFile) -> String { "corpus:" + jsonURL(file).path }

    func process(_ file: InputFile, counted: Bool = true) -> Outcome {
        let name = file.url.lastPathComponent
        guard let kind = file.kind else {
            return Outcome(result: Pipeline.unreadable(name: name, sha256: "", UnreadableDocument(
                .unsupported, "unsupported file type '.\(file.url.pathExtension)' (nianbao reads .pdf, .txt and .html)")))
        }
        func read() -> Result<[UInt8], UnreadableDocument> {
            do {
                return .success([UInt8](try Data(contentsOf: file.url, options: [.mappedIfSafe])))
            } catch {
                return .failure(UnreadableDocument(.io, "cannot read the file: \(error.localizedDescription)"))
            }
        }
        // A file unchanged since a run read it (same size, times and inode) has the digest recorded then:
        // it is not read again unless its layout has to be computed.
        let inputKey = "input:" + file.url.path
        let stamp = OutputRecord.inputStamp(file.url)
        let document: ProcessedDocument
        if let store, let stamp, let known = store.output(inputKey), known.hasPrefix(stamp + " ") {
            document = pipeline.run(name: name, digest: String(known.dropFirst(stamp.count + 1)), kind: kind, store: store, read: read)
        } else {
            let bytes: [UInt8]
            switch read() {
            case .success(let b): bytes = b
            case .failure(let error): return Outcome(result: Pipeline.unreadable(name: name, sha256: "", error))
            }
            document = pipeline.run(name: name, bytes: bytes, kind: kind, store: store)
            if let store, let stamp { store.setOutput(inputKey, stamp + " " + document.result.sha256) }
        }
        if counted { state.withLock { $0.usage.add(document.usage) } }
        if let digest = document.outputDigest, let store, let stamp = OutputRecord.stamp(jsonURL(file), textURL(file)),
           let record = store.output(jsonURL(file).path).flatMap(OutputRecord.init), record.digest == digest, record.files == stamp {
            return Outcome(result: document.result, outputDigest: digest, unchanged: true, carry: record.carry,
                           inCorpus: store.output(corpusKey(file)) == digest)
        }
        return Outcome(result: document.withText(), outputDigest: document.outputDigest)
    }

    func jsonURL(_ file: InputFile) -> URL { output.appendingPathComponent(file.outputName + ".json") }
    func textURL(_ file: InputFile) -> URL { output.appendingPathComponent(file.outputName + ".txt") }

    /// Remembers what `file`'s outputs now hold, for the next run.
    private func record(_ file: InputFile, digest: String, carry: String) {
        guard let store, let stamp = OutputRecord.stamp(jsonURL(file), textURL(file)) else { return }
        store.setOutput(jsonURL(file).path, OutputRecord(digest: digest, carry: carry, files: stamp).text)
    }

    /// Rules across documents, then the corpus files. A document a cross-document rule has something new
    /// to say about gets the findings appended to its NAME.json (one that held such findings and holds
    /// other ones now is made again from the cache). When no document's output changed, the corpus files
    /// are left as they are.
    private func finishCorpus() {
        do {
            // Documents whose rows were to be copied from the last corpus but are not there (or the file was
            // changed by someone else since): built again.
            let key = output.appendingPathComponent(CorpusDatabase.databaseName).path
            let corpusFiles = CorpusDatabase.fileNames.map { output.appendingPathComponent($0) }
            let lastCorpus = store?.output(key).flatMap(OutputRecord.init)
            let intact = lastCorpus != nil && lastCorpus?.files == OutputRecord.stamp(corpusFiles)
            func copyReused() throws {
                for id in try corpus.copyReused(trusted: intact) {
                    let file = files[id - 1]
                    try corpus.add(process(file, counted: false).result, id: id, name: file.outputName, path: file.displayPath)
                }
            }
            // When the last corpus holds exactly this run's documents, unchanged, the cross-document rules
            // read it as it is, and its rows are copied only if the corpus files have to be written again.
            var allReused = false
            if intact && reused == files.count { allReused = try corpus.previousHoldsExactlyReused() }
            if !allReused { try copyReused() }
            var found: [String: [Finding]] = [:]
            if let chain = pipeline.rules.validation.carryChain {
                found = CarryChain.check(try corpus.documentSummaries(fields: CarryChain.fieldIDs, inPrevious: allReused), rule: chain)
            }
            for (index, file) in files.enumerated() {
                let carry = found[file.outputName].map(OutputRecord.carry) ?? OutputRecord.noCarry
                guard let now = written[index], now.carry != carry else { continue }
                let added = found[file.outputName] ?? []
                // A file holding its document's own result only gets the findings appended as it is; one
                // holding other cross-document findings is made again from the result.
                let appended = now.carry == OutputRecord.noCarry
                    ? (try? String(contentsOf: jsonURL(file), encoding: .utf8)).flatMap { ReportJSON.appendingFindings(added, to: $0) }
                    : nil
                let json = appended ?? {
                    var result = process(file, counted: false).result
                    result.findings += added
                    return ReportJSON.encode(result)
                }()
                try OutputFile.write(json, to: jsonURL(file))
                if now.unchanged { state.withLock { $0.outputsUnchanged -= 1 } }
                written[index]?.carry = carry
                written[index]?.unchanged = false
                record(file, digest: now.digest, carry: carry)
            }
            // The corpus files are a function of every document's output, in order.
            var parts = [Pipeline.outputVersion, CorpusDatabase.formatVersion]
            for (index, file) in files.enumerated() {
                parts.append([file.outputName, file.displayPath, written[index]?.digest ?? "-", written[index]?.carry ?? "-"].joined(separator: "\t"))
            }
            let digest = Pipeline.sha256(Array(parts.joined(separator: "\n").utf8))
            if store != nil, intact, !written.contains(where: { $0 == nil }), lastCorpus?.digest == digest {
                try corpus.discard()
                state.withLock { $0.corpusUnchanged = true }
                return
            }
            if allReused { try copyReused() }
            try corpus.addFindings(found)
            try corpus.finish()
            if let store, let stamp = OutputRecord.stamp(corpusFiles) {
                store.setOutputs(zip(self.files, written).compactMap { file, w in w.map { (corpusKey(file), $0.digest) } })
                store.setOutput(key, OutputRecord(digest: digest, carry: OutputRecord.noCarry, files: stamp).text)
            }
        } catch {
            FileHandle.standardError.write(Data("nianbao: cannot write the corpus files (reports.csv, findings.csv, corpus.sqlite): \(error)\n".utf8))
            state.withLock { $0.writeFailures += 1 }
        }
    }

    /// On the owner queue only.
    private func write(_ outcome: Outcome, for file: InputFile, id: Int) {
        let result = outcome.result
        var failed = false
        do {
            if outcome.unchanged, let digest = outcome.outputDigest {
                written[id - 1] = Written(digest: digest, carry: outcome.carry, unchanged: true)
                state.withLock { $0.outputsUnchanged += 1 }
            } else {
                let json = outcome.json ?? ReportJSON.encode(result)
                try OutputFile.write(json, to: jsonURL(file))
                try OutputFile.write(result.text, to: textURL(file))
                let digest = outcome.outputDigest ?? Pipeline.sha256(Array(json.utf8))
                written[id - 1] = Written(digest: digest, carry: OutputRecord.noCarry, unchanged: false)
                if outcome.outputDigest != nil { record(file, digest: digest, carry: OutputRecord.noCarry) }
            }
            if outcome.inCorpus {
                try corpus.reuse(id: id, name: file.outputName, path: file.displayPath)
                reused += 1
            } else {
                try corpus.add(outcome.rows ?? CorpusDatabase.Rows(result), id: id, name: file.outputName, path: file.displayPath)
            }
        } catch {
            failed = true
            FileHandle.standardError.write(Data("nianbao: \(file.displayPath): cannot write output: \(error)\n".utf8))
        }
        if let unreadable = result.findings.first(where: { $0.rule == FindingID.unreadable }), result.unreadable != nil {
            progress.message("\(file.displayPath): \(unreadable.message.replacingOccurrences(of: "\(result.source): ", with: ""))")
        }
        state.withLock { s in
            s.documents += 1
            if result.unreadable != nil { s.unreadable += 1 }
            if result.findings.contains(where: { $0.severity == .error }) { s.withErrors += 1 }
            if result.findings.contains(where: { $0.severity == .warning }) { s.withWarnings += 1 }
            if failed { s.writeFailures += 1 }
        }
        progress.advance()
    }
}
