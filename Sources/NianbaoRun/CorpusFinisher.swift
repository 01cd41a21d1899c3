import Foundation
import NianbaoCore
import NianbaoStore

/// The corpus files: collects each document's rows as the owner writes it (`add`), then, once every
/// document is written, runs the rules across documents, adds their findings to the NAME.json files they
/// concern, and writes the corpus files, or leaves them alone when nothing in them would change (`finish`).
/// Owner queue only, then the thread that finishes the run.
final class CorpusFinisher {
    let corpus: CorpusDatabase
    let planner: OutputPlanner
    let files: [InputFile]
    /// nil when `validation.yaml` has no carry_chain.
    let carryChain: ValidationRules.CarryChain?
    /// Documents whose rows are to be copied from the last corpus.sqlite.
    private var reused = 0

    init(corpus: CorpusDatabase, planner: OutputPlanner, files: [InputFile]) {
        self.corpus = corpus
        self.planner = planner
        self.files = files
        carryChain = planner.pipeline.rules.validation.carryChain
    }

    /// Adds a document's rows, or has them copied from the last corpus files when those hold this very
    /// result. `id` is the document's place in `files`, from 1.
    func add(_ plan: OutputPlanner.Plan, id: Int, file: InputFile) throws {
        if plan.inCorpus {
            try corpus.reuse(id: id, name: file.outputName, path: file.displayPath)
            reused += 1
        } else {
            let rows = plan.rows ?? CorpusDatabase.Rows(plan.result)
            try corpus.add(rows, id: id, name: file.outputName, path: file.displayPath)
        }
    }

    /// What finishing changed, for the summary.
    struct Outcome {
        /// Documents left alone so far whose NAME.json got new cross-document findings.
        var rewritten = 0
        var corpusUnchanged = false
        var failed = false
        /// Documents whose files were written but could not be moved into place.
        var notPublished = 0
    }

    /// Rules across documents, then the corpus files, then every file of the run published at once
    /// (`OutputPublication`). `written` (by index into `files`; nil where a document's files could not be
    /// written) is what each document's files hold, updated here.
    func finish(_ written: inout [OutputPlanner.Written?]) -> Outcome {
        var outcome = Outcome()
        let paths = CorpusDatabase.fileNames.map { planner.output.appendingPathComponent($0) }
        var corpusDigest: String?
        do {
            // The corpus files as the last run wrote them; nil when none were recorded, or they changed since.
            let last = planner.store?.ledger.entry(.corpus, paths.map(\.path))
                .flatMap { $0.stamps == FileStamp.of(paths) ? $0 : nil }
            // When the last corpus holds exactly this run's documents, all unchanged, the rules across
            // documents read it as it is, and its rows are copied only if the corpus files are written again.
            let readLast = try last != nil && reused == files.count && corpus.previousHoldsExactlyReused()
            if !readLast { try copyReused(trusted: last != nil) }
            let found =
                try carryChain.map { rule -> [String: [Finding]] in
                    let documents = try corpus.documentSummaries(fields: CarryChain.fieldIDs, inPrevious: readLast)
                    return CarryChain.check(documents, rule: rule)
                } ?? [:]
            for (index, file) in files.enumerated() {
                guard let now = written[index],
                    let settled = try planner.settle(found[file.outputName] ?? [], in: file, written: now)
                else { continue }
                if now.unchanged { outcome.rewritten += 1 }
                written[index] = settled
            }
            let digest = Self.digest(files, written, headers: corpus.headers, producer: corpus.producer)
            if let last, last.digest == digest, !written.contains(where: { $0 == nil }) {
                try corpus.discard()
                outcome.corpusUnchanged = true
            } else {
                if readLast { try copyReused(trusted: true) }
                try corpus.addFindings(found)
                try corpus.finish(into: planner.publication.staging)
                corpusDigest = digest
            }
        } catch {
            // The documents' files are published all the same; corpus files half made are not.
            for name in CorpusDatabase.fileNames + [CorpusDatabase.databaseName + ".ordered"] {
                try? FileManager.default.removeItem(at: planner.publication.staged(name))
            }
            FileHandle.standardError.write(
                Data(
                    "nianbao: cannot write the corpus files (reports.csv, findings.csv, fields.csv, corpus.sqlite): \(ErrorText.reason(error))\n"
                        .utf8
                ))
            outcome.failed = true
        }
        let unpublished: [OutputFile.WriteError]
        do {
            unpublished = try planner.publication.publish()
        } catch {
            FileHandle.standardError.write(
                Data("nianbao: cannot move the outputs into place: \(ErrorText.reason(error))\n".utf8))
            outcome.failed = true
            return outcome
        }
        let failedPaths = Set(unpublished.map(\.path))
        for failure in unpublished {
            FileHandle.standardError.write(Data("nianbao: cannot write output: \(failure)\n".utf8))
        }
        for (index, file) in files.enumerated()
        where written[index] != nil
            && (failedPaths.contains(planner.jsonURL(file).path) || failedPaths.contains(planner.textURL(file).path))
        {
            written[index] = nil
            outcome.notPublished += 1
        }
        if paths.contains(where: { failedPaths.contains($0.path) }) {
            outcome.failed = true
            return outcome
        }
        if let corpusDigest, let ledger = planner.store?.ledger, let stamps = FileStamp.of(paths) {
            ledger.setCorpusRows(
                zip(files, written).compactMap { file, w in
                    w.map { (planner.jsonURL(file).path, $0.digest) }
                })
            ledger.setEntry(.corpus, paths.map(\.path), .init(digest: corpusDigest, carry: nil, stamps: stamps))
        }
        return outcome
    }

    /// Copies the rows of the documents passed to `reuse` from the last corpus.sqlite (with `trusted`,
    /// i.e. it is as the last run wrote it); those it does not hold are built again.
    private func copyReused(trusted: Bool) throws {
        for id in try corpus.copyReused(trusted: trusted) {
            let file = files[id - 1]
            try corpus.add(planner.plan(file).result, id: id, name: file.outputName, path: file.displayPath)
        }
    }

    /// The corpus files are a function of every document's output, in order: a digest of those.
    static func digest(
        _ files: [InputFile], _ written: [OutputPlanner.Written?], headers: CorpusHeaders = .id,
        producer: Producer? = nil
    ) -> String {
        var parts = [
            Pipeline.outputVersion, CorpusDatabase.formatVersion, headers.rawValue, producer?.tool ?? "-",
            producer?.rules ?? "-",
        ]
        for (file, w) in zip(files, written) {
            parts.append(
                [file.outputName, file.displayPath, w?.digest ?? "-", w?.carry ?? "-"].joined(separator: "\t"))
        }
        return Pipeline.sha256(Array(parts.joined(separator: "\n").utf8))
    }
}
