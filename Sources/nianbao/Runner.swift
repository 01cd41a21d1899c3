import Dispatch
import Foundation
import NianbaoCore
import NianbaoStore
import Synchronization

/// Counts for the end-of-run summary.
struct Summary: CustomStringConvertible {
    var documents = 0
    var withErrors = 0
    var withWarnings = 0
    var unreadable = 0
    var writeFailures = 0
    var elapsed: Double = 0
    var usage = StageUsage()

    var description: String {
        var s = String(format: "nianbao: %d document%@ in %.2f s: %d with errors, %d with warnings, %d unreadable",
                       documents, documents == 1 ? "" : "s", elapsed, withErrors, withWarnings, unreadable)
        if writeFailures > 0 { s += ", \(writeFailures) not written" }
        let stages = ["layout", "cleanup", "parse", "validate"]
        let reused = stages.map { usage.reused[$0, default: 0] }.reduce(0, +)
        let computed = stages.map { usage.computed[$0, default: 0] }.reduce(0, +)
        s += "\nnianbao: stage results: \(reused) reused, \(computed) recomputed ("
            + stages.map { "\($0) \(usage.reused[$0, default: 0])/\(usage.computed[$0, default: 0])" }.joined(separator: ", ")
            + " reused/recomputed)"
        return s
    }
}

/// Runs the pipeline over the inputs with `jobs` Dispatch workers. Workers pull the next document from
/// a shared counter, read its bytes and process it; one serial queue owns the output directory, the
/// summary and the progress display, so results are written by a single owner and the bytes written
/// do not depend on `jobs`.
final class Runner: @unchecked Sendable {
    let pipeline: Pipeline
    let files: [InputFile]
    let output: URL
    let jobs: Int
    /// nil with --no-cache.
    let store: SQLiteStageStore?
    /// Touched on the owner queue only.
    private let corpus: CorpusStore
    let progress: Progress
    private let next = Mutex(0)
    private let owner = DispatchQueue(label: "nianbao.output")
    private let state = Mutex(Summary())
    /// Results waiting for the owner, bounded so that memory stays flat however large the corpus.
    private let inFlight: DispatchSemaphore

    init(pipeline: Pipeline, files: [InputFile], output: URL, jobs: Int, store: SQLiteStageStore?, corpus: CorpusStore,
         progress: Progress) {
        self.pipeline = pipeline; self.files = files; self.output = output; self.jobs = jobs; self.store = store
        self.corpus = corpus; self.progress = progress
        inFlight = DispatchSemaphore(value: 2 * jobs)
    }

    func run() -> Summary {
        let start = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: min(jobs, files.count)) { _ in
            while true {
                let index = next.withLock { i -> Int in
                    defer { i += 1 }
                    return i
                }
                guard index < files.count else { return }
                let outcome = process(files[index])
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
    }

    func process(_ file: InputFile, counted: Bool = true) -> Outcome {
        let name = file.url.lastPathComponent
        guard let kind = file.kind else {
            return Outcome(result: Pipeline.unreadable(name: name, sha256: "", UnreadableDocument(
                .unsupported, "unsupported file type '.\(file.url.pathExtension)' (nianbao reads .pdf, .txt and .html)")))
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url, options: [.mappedIfSafe])
        } catch {
            return Outcome(result: Pipeline.unreadable(name: name, sha256: "", UnreadableDocument(.io, "cannot read the file: \(error.localizedDescription)")))
        }
        let document = pipeline.run(name: name, bytes: [UInt8](data), kind: kind, store: store)
        if counted { state.withLock { $0.usage.add(document.usage) } }
        if let digest = document.outputDigest, let store, let record = outputRecord(digest, for: file),
           store.output(jsonURL(file).path) == record {
            return Outcome(result: document.result, outputDigest: digest, unchanged: true)
        }
        return Outcome(result: document.withText(), outputDigest: document.outputDigest)
    }

    func jsonURL(_ file: InputFile) -> URL { output.appendingPathComponent(file.outputName + ".json") }
    func textURL(_ file: InputFile) -> URL { output.appendingPathComponent(file.outputName + ".txt") }

    /// `digest` and the size and modification time of the document's two files; nil when one is missing.
    func outputRecord(_ digest: String, for file: InputFile) -> String? {
        var record = digest
        for url in [jsonURL(file), textURL(file)] {
            var info = stat()
            guard stat(url.path, &info) == 0 else { return nil }
            record += " \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return record
    }

    /// Rules across documents, then the corpus files. A document a cross-document rule has something to
    /// say about is taken again from the cache and its JSON rewritten with the new findings.
    private func finishCorpus() {
        do {
            if let chain = pipeline.rules.validation.carryChain {
                let found = try corpus.carryChain(severity: chain.severity)
                for file in files where found[file.outputName] != nil {
                    var result = process(file, counted: false).result
                    result.findings += found[file.outputName]!
                    try OutputFile.write(ReportJSON.encode(result), to: jsonURL(file))
                    // The file now holds more than its document's own result: the next run writes it afresh.
                    store?.setOutput(jsonURL(file).path, nil)
                }
                try corpus.addFindings(found)
            }
            try corpus.finish()
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
            if !outcome.unchanged {
                try OutputFile.write(ReportJSON.encode(result), to: jsonURL(file))
                try OutputFile.write(result.text, to: textURL(file))
                if let store, let digest = outcome.outputDigest {
                    store.setOutput(jsonURL(file).path, outputRecord(digest, for: file))
                }
            }
            try corpus.add(result, id: id, name: file.outputName, path: file.displayPath)
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
