import Dispatch
import Foundation
import NianbaoCore
import NianbaoStore
import Synchronization

/// Runs the pipeline over the inputs with `jobs` Dispatch workers. Workers pull the next document from
/// a shared counter, read its bytes and process it (`OutputPlanner.plan`); one serial queue owns the
/// output directory, the summary and the progress display, so results are written by a single owner and
/// the bytes written do not depend on `jobs`. The corpus files are finished once every document is
/// written (`CorpusFinisher`).
public final class Runner: @unchecked Sendable {
    let files: [InputFile]
    let jobs: Int
    let planner: OutputPlanner
    /// Touched on the owner queue only, then by `run` once the workers are done.
    private let finisher: CorpusFinisher
    let progress: Progress
    private let next = Mutex(0)
    private let owner = DispatchQueue(label: "nianbao.output")
    private let state = Mutex(Summary())
    /// Results waiting for the owner, bounded so that memory stays flat however large the corpus.
    private let inFlight: DispatchSemaphore
    /// Per input (by index), what its files hold now; owner queue only.
    private var written: [OutputPlanner.Written?]

    public init(
        pipeline: Pipeline, files: [InputFile], output: URL, jobs: Int, store: SQLiteStageStore?,
        corpus: CorpusDatabase, progress: Progress
    ) {
        self.files = files
        self.jobs = jobs
        self.progress = progress
        planner = OutputPlanner(pipeline: pipeline, store: store, output: output)
        finisher = CorpusFinisher(corpus: corpus, planner: planner, files: files)
        inFlight = DispatchSemaphore(value: 2 * jobs)
        written = Array(repeating: nil, count: files.count)
    }

    public func run() -> Summary {
        let start = DispatchTime.now()
        // What a killed run left: its publication finished, or its staged files dropped.
        do { try planner.publication.recover() } catch {
            FileHandle.standardError.write(
                Data(
                    "nianbao: cannot finish what an interrupted run left in \(planner.output.path): \(ErrorText.reason(error))\n"
                        .utf8))
        }
        DispatchQueue.concurrentPerform(iterations: min(jobs, files.count)) { _ in
            while true {
                let index = next.withLock { i -> Int in
                    defer { i += 1 }
                    return i
                }
                guard index < files.count else { return }
                let plan = planner.plan(files[index])
                state.withLock { $0.usage.add(plan.usage) }
                let prepared = plan.prepared(producer: planner.pipeline.producer)
                inFlight.wait()
                owner.async {
                    self.write(prepared, for: self.files[index], id: index + 1)
                    self.inFlight.signal()
                }
            }
        }
        owner.sync {}
        progress.finish()
        let finished = finisher.finish(&written)
        return state.withLock { s in
            s.outputsUnchanged -= finished.rewritten
            s.corpusUnchanged = finished.corpusUnchanged
            s.corpusFailed = finished.failed
            s.writeFailures += finished.notPublished
            s.notWritten = Set(files.indices.filter { written[$0] == nil }.map { files[$0].outputName })
            s.cacheDamaged = planner.store?.damagedCount ?? 0
            s.elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return s
        }
    }

    /// On the owner queue only.
    private func write(_ plan: OutputPlanner.Plan, for file: InputFile, id: Int) {
        let result = plan.result
        var failed = false
        var unchanged = false
        do {
            let now = try planner.write(plan, for: file)
            written[id - 1] = now
            unchanged = now.unchanged
            try finisher.add(plan, id: id, file: file)
        } catch {
            // Not written, whatever part of it was: counted as such, and not settled at the end.
            written[id - 1] = nil
            failed = true
            FileHandle.standardError.write(
                Data("nianbao: \(file.displayPath): cannot write output: \(ErrorText.reason(error))\n".utf8))
        }
        if result.unreadable != nil, let unreadable = result.findings.first(where: { $0.severity == .error }) {
            progress.message(
                "\(file.displayPath): \(unreadable.message.replacingOccurrences(of: "\(result.source): ", with: ""))")
        }
        state.withLock { s in
            s.documents += 1
            if result.unreadable != nil { s.unreadable += 1 }
            if result.findings.contains(where: { $0.severity == .error }) { s.withErrors += 1 }
            if result.findings.contains(where: { $0.severity == .warning }) { s.withWarnings += 1 }
            if failed { s.writeFailures += 1 } else if unchanged { s.outputsUnchanged += 1 }
        }
        progress.advance()
    }
}
