import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoOCR
import NianbaoPDF
import NianbaoRun
import NianbaoStore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Process reports (files or folders of *.pdf, *.txt, *.html) into NAME.json and NAME.txt.")

    @Argument(help: "Report files or folders (searched recursively).")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output directory.")
    var output: String = "out"

    @Option(name: .shortAndLong, help: "Documents processed at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Exit with status 1 when any document could not be read.")
    var strict = false

    @Flag(name: .shortAndLong, help: "No progress on stderr; the summary only.")
    var quiet = false

    @Option(help: "Directory of the stage cache (default: OUTPUT/.nianbao-cache).")
    var cache: String?

    @Flag(help: "Recompute every stage (the cache is neither read nor kept).")
    var noCache = false

    @Option(help: "A document's time budget in seconds for reading it (its layout, in a worker process).")
    var docTimeout: Double = 120

    @Option(help: "A worker process's memory ceiling in MiB (address space; 0: none).")
    var docMemory: Int = 4096

    @Flag(help: "Give documents quarantined by an earlier run (their worker died or ran over budget) a worker again.")
    var retryFailed = false

    @Flag(help: "Read documents in this process rather than in worker processes (no budget, no isolation).")
    var inProcess = false

    @Option(help: "OCR for scans, tables as pictures and garbled fonts: auto (when a PDF needs it) or off.")
    var ocr: OCRMode = .auto

    @Option(help: "The column names of reports.csv: id (the fields' ids) or zh (the template's row and column labels).")
    var headers: CorpusHeaders = .id

    @Flag(
        help:
            "Print every report's NAME.json on standard output, one line each (JSON Lines), in input order, once the corpus is finished."
    )
    var jsonl = false

    @Option(
        help:
            "Run only shard K of N (K from 0): the inputs whose path's SHA-256 falls there; `auto` takes K (and N) from a Kubernetes Indexed Job or a Slurm array, `auto/N` gives N. `nianbao merge` puts the shards' outputs together."
    )
    var shard: String?

    @OptionGroup var rules: RulesOptions

    @OptionGroup var sink: SinkOptions

    /// `--shard`, read.
    func shardGiven() throws -> Shard? {
        guard let shard else { return nil }
        if shard == "auto" || shard.hasPrefix("auto/") {
            let count = shard == "auto" ? nil : Int(shard.dropFirst(5))
            if shard != "auto" && count == nil { throw ValidationError("--shard auto/N: N must be a number") }
            switch Shard.fromEnvironment(ProcessInfo.processInfo.environment, count: count) {
            case .success(let s): return s
            case .failure(let why): throw ValidationError(why.description)
            }
        }
        guard let s = Shard(shard) else { throw ValidationError("--shard K/N: K from 0 to N - 1, e.g. 0/4") }
        return s
    }

    func validate() throws {
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        guard docTimeout > 0 else { throw ValidationError("--doc-timeout must be a positive number of seconds") }
        guard docMemory >= 0 else { throw ValidationError("--doc-memory must be 0 (none) or a number of MiB") }
    }

    func run() throws {
        let ruleSet = try rules.load()
        // OCR: said once when it cannot run, so that a user knows why scans stay unreadable.
        var ocrSetup: OCRSetup?
        var ocrOff = "OCR is off (--ocr off)"
        if ocr == .auto {
            switch OCR.setup(rules: ruleSet.ocr) {
            case .success(let setup): ocrSetup = setup
            case .failure(let why):
                ocrOff = "OCR is not available: \(why)"
                FileHandle.standardError.write(Data("nianbao: \(ocrOff); scanned pages are not read\n".utf8))
            }
        }
        // Documents are read (the layout stage, where poppler, libxml2 and iconv work) in worker processes,
        // so that a crash or a hang there costs one document; `--in-process` reads them here.
        var pool: WorkerPool?
        var isolation: LayoutIsolation?
        if inProcess {
            // poppler sets up global state lazily and without a lock: once, here, before the workers start.
            PDFExtractor.warmUp()
        } else {
            let executable = WorkerPool.currentExecutable
            var command = [executable.path, "extract", "--memory", String(docMemory)]
            if ocrSetup != nil {
                command += ["--ocr-rules", String(decoding: try JSONEncoder().encode(ruleSet.ocr), as: UTF8.self)]
            }
            let workers = WorkerPool(command: command, timeout: docTimeout)
            do { try workers.start() } catch {
                FileHandle.standardError.write(Data("nianbao: \(error)\n".utf8))
                throw Exit.software
            }
            pool = workers
            isolation = LayoutIsolation(runner: workers, identity: executable.identity, retryFailed: retryFailed)
        }
        defer { pool?.shutDown() }
        let pipeline = try Pipeline(
            rules: ruleSet, pdfReader: PDFReading.extractor, isolation: isolation, ocr: ocrSetup, ocrOff: ocrOff)
        if ruleSet.cleanup.transforms.traditionalToSimplified, case .icu(let reason) = ChineseText.simplifier {
            FileHandle.standardError.write(
                Data(
                    "nianbao: \(reason); traditional characters are simplified by ICU, character by character (反覆 stays 反覆)\n"
                        .utf8))
        }
        let outputURL = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
        } catch {
            FileHandle.standardError.write(
                Data("nianbao: cannot create the output folder \(output): \(ErrorText.reason(error))\n".utf8))
            throw Exit.cannotCreate
        }
        let cacheDirectory =
            cache.map { URL(fileURLWithPath: $0) } ?? outputURL.appendingPathComponent(".nianbao-cache")
        let (corpusFiles, problems) = InputCollector.collect(inputs, excluding: [outputURL, cacheDirectory])
        // A shard lists the whole corpus (its names are a whole run's) and runs its part of it.
        let shard = try shardGiven()
        let files = shard.map { s in corpusFiles.filter { s.contains($0) } } ?? corpusFiles
        if shard != nil { ShardManifest.remove(from: outputURL) }
        for problem in problems {
            FileHandle.standardError.write(Data("nianbao: \(problem.path): \(problem.message)\n".utf8))
        }
        guard !corpusFiles.isEmpty else {
            FileHandle.standardError.write(Data("nianbao: no input documents\n".utf8))
            throw Exit.noInput
        }
        if let shard, files.isEmpty {
            // A shard of a small corpus can be empty: it says so, for the merge.
            try writeManifest(shard, corpus: corpusFiles, files: files, complete: true, producer: pipeline.producer)
            FileHandle.standardError.write(
                Data("nianbao: shard \(shard) holds none of the \(corpusFiles.count) documents\n".utf8))
            return
        }
        // Nothing is written (not even the cache) when an output would be written over an input.
        let cacheFile = cacheDirectory.appendingPathComponent("stages.sqlite")
        do {
            try OutputGuard.prepare(files: files, output: outputURL, cacheFile: noCache ? nil : cacheFile)
        } catch {
            FileHandle.standardError.write(Data("nianbao: \(error)\n".utf8))
            throw Exit.cannotCreate
        }
        // Without the cache nothing is stored: every stage is computed and its result not even encoded.
        var store: SQLiteStageStore?
        let corpus: CorpusDatabase
        if !noCache {
            let opened = SQLiteStageStore.open(directory: cacheDirectory)
            store = opened.store
            if let notice = opened.notice { FileHandle.standardError.write(Data("nianbao: \(notice)\n".utf8)) }
        }
        do {
            corpus = try CorpusDatabase(directory: outputURL, headers: headers, producer: pipeline.producer)
        } catch {
            FileHandle.standardError.write(
                Data("nianbao: cannot write in the output folder \(outputURL.path): \(ErrorText.reason(error))\n".utf8))
            throw Exit.cannotCreate
        }
        let runner = Runner(
            pipeline: pipeline, files: files, output: outputURL, jobs: jobs, store: store, corpus: corpus,
            progress: Progress(total: files.count, quiet: quiet))
        let summary = runner.run()
        // What this run used of the cache: `nianbao cache prune` keeps that and drops the rest. A run that
        // did not read scans (OCR off or missing) records nothing: their OCR results stay.
        if ocrSetup != nil { try? store?.recordUse(by: "run " + outputURL.standardizedFileURL.path) }
        if let shard {
            try writeManifest(
                shard, corpus: corpusFiles, files: files,
                complete: summary.writeFailures == 0 && !summary.corpusFailed, producer: pipeline.producer)
        }
        FileHandle.standardError.write(Data((summary.description + "\n").utf8))
        if jsonl { Self.printLines(files.filter { !summary.notWritten.contains($0.outputName) }, output: outputURL) }
        // Files not written lose data: a failure with or without --strict; so is an input that was named
        // but not found (the others were processed all the same).
        if summary.writeFailures > 0 || summary.corpusFailed { throw Exit.ioError }
        // The sink gets the corpus as corpus.sqlite has it; a shard's findings across documents see only
        // its part of the corpus, and are left to the merge.
        try sink.write(folder: outputURL, shard: shard != nil)
        if !problems.isEmpty { throw Exit.noInput }
        if strict && summary.failsStrict { throw Exit.strictFailure }
    }
}

extension RunCommand {
    /// `shard.json` beside the shard's outputs (`ShardManifest`), for `merge`.
    func writeManifest(
        _ shard: Shard, corpus: [InputFile], files: [InputFile], complete: Bool, producer: Producer
    )
        throws
    {
        let place = Dictionary(uniqueKeysWithValues: corpus.enumerated().map { ($1.outputName, $0) })
        let manifest = ShardManifest(
            shard: shard, files: corpus, documents: files.compactMap { place[$0.outputName] }, complete: complete,
            producer: producer, headers: headers.rawValue)
        do { try manifest.write(to: URL(fileURLWithPath: output)) } catch {
            FileHandle.standardError.write(
                Data("nianbao: cannot write \(ShardManifest.fileName) in \(output): \(ErrorText.reason(error))\n".utf8))
            throw Exit.ioError
        }
    }

    /// `--jsonl`: each document's NAME.json as the run left it, on one line, in input order. Written when
    /// the corpus is finished, since the findings across documents (`carry_chain`) are added to NAME.json
    /// then. `files` are those whose files this run wrote or found as they should be.
    static func printLines(_ files: [InputFile], output: URL) {
        let out = FileHandle.standardOutput
        for file in files {
            let url = output.appendingPathComponent(file.outputName + ".json")
            guard let data = try? Data(contentsOf: url) else { continue }
            out.write(Data((ReportJSON.oneLine(String(decoding: data, as: UTF8.self)) + "\n").utf8))
        }
    }
}

extension CorpusHeaders: ExpressibleByArgument {}

/// `--ocr`.
enum OCRMode: String, ExpressibleByArgument, CaseIterable {
    case auto, off
}
