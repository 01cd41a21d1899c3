import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoOCR
import NianbaoRun
import NianbaoSystem

/// `nianbao bench DIR`: speed and memory figures, measured in one run on the same files, as ratios.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract:
            "Measure nianbao against pdftotext -layout on the same PDFs, --jobs 1 against --jobs 2, and reruns after validation-rule edits.",
        discussion: """
            Every figure comes from child processes run one after another on the same files: CPU time and
            peak memory (max RSS) as the kernel reports them for each child (wait4), wall time around it.
            """)

    @Argument(help: "A folder of reports (PDFs for the comparison with pdftotext).")
    var directory: String

    @Option(help: "Scratch directory for outputs and caches (default: a temporary one, removed afterwards).")
    var work: String?

    @Flag(help: "The folder holds scanned reports: measure OCR (CPU per scanned page, --jobs 2, peak memory).")
    var scans = false

    @Flag(
        help:
            "Measure sharded runs: one shard process, then two at once (--jobs 1 each, nothing cached), each merged; pages per second, and the merge."
    )
    var shards = false

    @Option(
        help:
            "With --shards: a PostgreSQL URL of an empty database; nianbao-sink writes the merged folder into it (timed)."
    )
    var sink: String?

    /// Run by the scan bench on itself, in a child process of its own: Tesseract reads every page of the
    /// folder whole (`OCR.readWholePages`), the reference for OCR's CPU per page.
    @Flag(help: .hidden)
    var wholePages = false

    @OptionGroup var rules: RulesOptions

    struct Measure {
        var wall: Double
        var cpu: Double
        var maxRSS: Int  // bytes
        var status: Int32
    }

    /// Runs a program to completion and measures it.
    static func measure(_ arguments: [String], quietOutput: Bool = true, environment: [String]? = nil) -> Measure {
        let actions: [Platform.SpawnAction] =
            quietOutput
            ? [.openWriteOnly("/dev/null", as: .standardOutput), .openWriteOnly("/dev/null", as: .standardError)] : []
        let start = Date()
        guard
            let pid = try? Platform.spawn(arguments, searchingPath: true, environment: environment, actions: actions)
        else {
            return Measure(wall: 0, cpu: 0, maxRSS: 0, status: -1)
        }
        let (status, usage) = Platform.waitForExitMeasuring(pid)
        let wall = Date().timeIntervalSince(start)
        return Measure(wall: wall, cpu: usage.cpuSeconds, maxRSS: usage.maxResidentBytes, status: status)
    }

    func run() throws {
        let fm = FileManager.default
        let self_ = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let scratch =
            work.map { URL(fileURLWithPath: $0) }
            ?? fm.temporaryDirectory.appendingPathComponent("nianbao-bench-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { if work == nil { try? fm.removeItem(at: scratch) } }
        // The runs are given a folder of rules (the rerun measures edit a copy): the built-in ones written out.
        var rulesDirectory = scratch.appendingPathComponent("rules")
        if let directory = rules.resolve().directory {
            rulesDirectory = directory
        } else {
            try? fm.removeItem(at: rulesDirectory)
            _ = try BundledRules.write(to: rulesDirectory)
        }

        let (files, _) = InputCollector.collect([directory], excluding: nil)
        let pdfs = files.filter { $0.kind == .pdf }
        guard !files.isEmpty else { throw ValidationError("no reports in \(directory)") }
        print("nianbao bench: \(files.count) documents (\(pdfs.count) PDFs) in \(directory)")

        func nianbao(_ output: String, jobs: Int, rules dir: URL, extra: [String] = []) -> Measure {
            Self.measure(
                [
                    self_, "run", directory, "--output", scratch.appendingPathComponent(output).path,
                    "--jobs", String(jobs), "--quiet", "--rules", dir.path,
                ] + extra)
        }
        if wholePages {
            let ocrRules = try rules.load().ocr
            var read = 0
            for file in pdfs {
                read += (try? OCR.readWholePages([UInt8](Data(contentsOf: file.url)), rules: ocrRules)) ?? 0
            }
            print("pages read whole: \(read)")
            return
        }
        if scans {
            let reference = Self.measure([self_, "bench", directory, "--whole-pages", "--rules", rulesDirectory.path])
            try benchScans(nianbao: nianbao, rules: rulesDirectory, scratch: scratch, reference: reference)
            return
        }

        if shards {
            try benchShards(scratch: scratch, rules: rulesDirectory, documents: files.count)
            return
        }

        // 1. nianbao, one worker, nothing cached: the CPU cost of the whole pipeline.
        let one = nianbao("jobs1", jobs: 1, rules: rulesDirectory, extra: ["--no-cache"])
        let pages = Self.pages(in: scratch.appendingPathComponent("jobs1"))
        // 2. Two workers, nothing cached; and the same with documents read in the main process rather than
        //    in worker processes (what isolating the readers costs).
        let two = nianbao("jobs2", jobs: 2, rules: rulesDirectory, extra: ["--no-cache"])
        let inProcess = nianbao(
            "jobs2-in-process", jobs: 2, rules: rulesDirectory, extra: ["--no-cache", "--in-process"])
        // 3. pdftotext -layout, one process per file, on the same PDFs.
        var text = Measure(wall: 0, cpu: 0, maxRSS: 0, status: 0)
        if !pdfs.isEmpty {
            let start = Date()
            for file in pdfs {
                let m = Self.measure([
                    "pdftotext", "-layout", file.url.path, scratch.appendingPathComponent("p.txt").path,
                ])
                text.cpu += m.cpu
                text.maxRSS = max(text.maxRSS, m.maxRSS)
                if m.status != 0 { text.status = m.status }
            }
            text.wall = Date().timeIntervalSince(start)
        }
        // 4. A first run that fills the cache (the default way to run), then reruns after two edits of the
        //    validation rules: one that changes no result (a comment: every document is validated again,
        //    no output changes), and one that changes some (the first rule's severity).
        let first = nianbao("cached", jobs: 2, rules: rulesDirectory)
        func edited(_ name: String, _ edit: (String) -> String) throws -> URL {
            let directory = scratch.appendingPathComponent(name)
            try? fm.removeItem(at: directory)
            try fm.copyItem(at: rulesDirectory, to: directory)
            let validation = directory.appendingPathComponent("validation.yaml")
            try edit(try String(contentsOf: validation, encoding: .utf8)).write(
                to: validation, atomically: true, encoding: .utf8)
            return directory
        }
        let rerun = nianbao(
            "cached", jobs: 2,
            rules: try edited("rules-comment") { $0 + "\n# bench: an edit to the validation rules\n" })
        let severity = try edited("rules-severity") { yaml in
            guard let range = yaml.range(of: "severity: error") else { return yaml + "\n# no severity to change\n" }
            return yaml.replacingCharacters(in: range, with: "severity: warning")
        }
        let rerunChanged = nianbao("cached", jobs: 2, rules: severity)

        func rate(_ m: Measure) -> String { m.wall > 0 ? String(format: "%.1f pages/s", Double(pages) / m.wall) : "-" }
        func mb(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
        print("pages: \(pages)")
        print(
            String(
                format: "nianbao --jobs 1: %.2f s wall, %.2f s CPU (%.2f ms CPU/page), %@, peak %@",
                one.wall, one.cpu, 1000 * one.cpu / Double(max(pages, 1)), rate(one), mb(one.maxRSS)))
        print(
            String(
                format: "nianbao --jobs 2: %.2f s wall, %.2f s CPU, %@, peak %@", two.wall, two.cpu, rate(two),
                mb(two.maxRSS)))
        print(
            String(
                format:
                    "nianbao --jobs 2 --in-process: %.2f s wall, %.2f s CPU; worker processes cost %+.1f%% CPU, %+.1f%% wall",
                inProcess.wall, inProcess.cpu, 100 * (two.cpu / max(inProcess.cpu, 1e-9) - 1),
                100 * (two.wall / max(inProcess.wall, 1e-9) - 1)))
        if !pdfs.isEmpty {
            print(
                String(
                    format:
                        "pdftotext -layout (one process per file): %.2f s wall, %.2f s CPU (%.2f ms CPU/page), %@, peak %@",
                    text.wall, text.cpu, 1000 * text.cpu / Double(max(pages, 1)), rate(text), mb(text.maxRSS)))
            print(
                String(
                    format: "ratio, CPU per page, nianbao / pdftotext: %.2fx (target ≤ 2x)",
                    one.cpu / max(text.cpu, 1e-9)))
        }
        print(String(format: "speed-up --jobs 1 → --jobs 2: %.2fx (target ≥ 1.8x)", one.wall / max(two.wall, 1e-9)))
        if !pdfs.isEmpty {
            print(
                String(
                    format: "first run, --jobs 2, cache filled: %.2f s wall, %.2f ms CPU/page, %.2fx pdftotext's CPU",
                    first.wall, 1000 * first.cpu / Double(max(pages, 1)), first.cpu / max(text.cpu, 1e-9)))
        }
        print(
            String(
                format:
                    "rerun after a validation edit that changes no result: %.2f s; %.1fx faster than the first run (target ≥ 20x)",
                rerun.wall, first.wall / max(rerun.wall, 1e-9)))
        print(
            String(
                format: "rerun after a validation edit that changes results (a severity): %.2f s; %.1fx faster",
                rerunChanged.wall, first.wall / max(rerunChanged.wall, 1e-9)))
        print(
            "peak memory: \(mb(max(one.maxRSS, two.maxRSS, first.maxRSS, rerun.maxRSS, rerunChanged.maxRSS))) (target < 300 MB)"
        )
        for (name, m) in [
            ("jobs 1", one), ("jobs 2", two), ("jobs 2, in process", inProcess), ("first", first), ("rerun", rerun),
            ("rerun, severity", rerunChanged),
        ]
        where m.status != 0 {
            print("warning: the \(name) run exited with status \(m.status)")
        }
    }

    /// The scan figures: the folder read with OCR by one worker and by two, nothing cached; CPU per page,
    /// the speed-up, and the largest process's peak memory (the main process or one worker).
    func benchScans(
        nianbao: (String, Int, URL, [String]) -> Measure, rules: URL, scratch: URL, reference: Measure
    ) throws {
        let one = nianbao("scans-jobs1", 1, rules, ["--no-cache"])
        let pages = Self.pages(in: scratch.appendingPathComponent("scans-jobs1"))
        let read = Self.ocrPages(in: scratch.appendingPathComponent("scans-jobs1"))
        let two = nianbao("scans-jobs2", 2, rules, ["--no-cache"])
        func mb(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
        print("pages: \(pages), of which read by OCR: \(read)")
        print(
            String(
                format:
                    "nianbao --jobs 1: %.2f s wall, %.2f s CPU, %.2f s CPU per scanned page (target ≤ 3 s), peak %@",
                one.wall, one.cpu, one.cpu / Double(max(read, 1)), mb(one.maxRSS)))
        let perPage = one.cpu / Double(max(read, 1)), wholePerPage = reference.cpu / Double(max(read, 1))
        print(
            String(
                format:
                    "whole-page OCR (Tesseract's own layout, one call a page, same pages and resolution): %.2f s CPU per page; nianbao ÷ whole-page: %.2fx (the target, ≤ 3 s where whole-page took 3.5–4.3 s, asks for under 1x)",
                wholePerPage, perPage / max(wholePerPage, 1e-9)))
        print(String(format: "nianbao --jobs 2: %.2f s wall, %.2f s CPU, peak %@", two.wall, two.cpu, mb(two.maxRSS)))
        print(String(format: "speed-up --jobs 1 → --jobs 2: %.2fx (target ≥ 1.8x)", one.wall / max(two.wall, 1e-9)))
        print(
            "peak memory, largest process (main or one worker): \(mb(max(one.maxRSS, two.maxRSS))); "
                + "with 2 jobs at most main + 2 workers (target < 800 MB)")
        for (name, m) in [("whole-page reference", reference), ("jobs 1", one), ("jobs 2", two)] where m.status != 0 {
            print("warning: the \(name) run exited with status \(m.status)")
        }
    }

    /// The sharded figures: N = 1 and N = 2 shard processes (`run --shard K/N --jobs 1 --no-cache`, the N
    /// at once), each followed by the merge of its shards; then, with `--sink`, `nianbao-sink` on the merged
    /// folder, twice.
    func benchShards(scratch: URL, rules: URL, documents: Int) throws {
        let self_ = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        func shardRun(_ n: Int) -> (run: Measure, merge: Measure, folders: [String]) {
            let folders = (0..<n).map { scratch.appendingPathComponent("shards\(n)-\($0)").path }
            let start = Date()
            let pids = (0..<n).compactMap { k in
                try? Platform.spawn(
                    [
                        self_, "run", directory, "--output", folders[k], "--shard", "\(k)/\(n)", "--jobs", "1",
                        "--no-cache", "--quiet", "--rules", rules.path,
                    ],
                    actions: [
                        .openWriteOnly("/dev/null", as: .standardOutput),
                        .openWriteOnly("/dev/null", as: .standardError),
                    ])
            }
            var run = Measure(wall: 0, cpu: 0, maxRSS: 0, status: pids.count == n ? 0 : -1)
            for pid in pids {
                let (status, usage) = Platform.waitForExitMeasuring(pid)
                run.cpu += usage.cpuSeconds
                run.maxRSS = max(run.maxRSS, usage.maxResidentBytes)
                if status != 0 { run.status = status }
            }
            run.wall = Date().timeIntervalSince(start)
            let merge = Self.measure(
                [self_, "merge"] + folders + [
                    "--output", scratch.appendingPathComponent("merged\(n)").path, "--rules", rules.path,
                ])
            return (run, merge, folders)
        }
        let one = shardRun(1)
        let pages = Self.pages(in: scratch.appendingPathComponent("merged1"))
        let two = shardRun(2)
        print("pages: \(pages), documents: \(documents)")
        for (n, m) in [(1, one), (2, two)] {
            let total = m.run.wall + m.merge.wall
            print(
                String(
                    format:
                        "N = %d shard process%@ at once: %.2f s wall (%.1f pages/s, %.1f documents/s), %.2f s CPU, peak %.0f MB; merge %.2f s; with the merge %.1f pages/s",
                    n, n == 1 ? "" : "es", m.run.wall, Double(pages) / max(m.run.wall, 1e-9),
                    Double(documents) / max(m.run.wall, 1e-9), m.run.cpu, Double(m.run.maxRSS) / 1_048_576,
                    m.merge.wall, Double(pages) / max(total, 1e-9)))
        }
        print(
            String(
                format: "speed-up N = 1 → N = 2: %.2fx (shards alone), %.2fx (with the merge)",
                one.run.wall / max(two.run.wall, 1e-9),
                (one.run.wall + one.merge.wall) / max(two.run.wall + two.merge.wall, 1e-9)))
        if let sink {
            // The sink program on the merged folder, twice: into the empty database, then again (nothing
            // changed: every document is found as it would be written).
            let program = SinkOptions.program
            let merged = scratch.appendingPathComponent("merged2").path
            // The URL in the program's environment, as `--sink` gives it: never on a command line.
            let environment =
                ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + ["NIANBAO_SINK_URL=\(sink)"]
            let first = Self.measure([program, merged], environment: environment)
            let again = Self.measure([program, merged], environment: environment)
            print(
                String(
                    format:
                        "sink (nianbao-sink on the merged folder, into PostgreSQL): %.2f s, %.0f documents/s; again, nothing changed: %.2f s, %.0f documents/s%@",
                    first.wall, Double(documents) / max(first.wall, 1e-9), again.wall,
                    Double(documents) / max(again.wall, 1e-9),
                    first.status == 0 && again.status == 0 ? "" : " (exit status \(first.status), \(again.status))"))
        }
        for (name, m) in [
            ("N = 1", one.run), ("merge of N = 1", one.merge), ("N = 2", two.run), ("merge of N = 2", two.merge),
        ]
        where m.status != 0 {
            print("warning: the \(name) run exited with status \(m.status)")
        }
    }

    /// Pages OCR read: the `ocr` findings of each NAME.json, one per page or region read.
    static func ocrPages(in directory: URL) -> Int {
        sumOverReports(in: directory) { report in
            let findings = (report["findings"] as? [[String: Any]]) ?? []
            return Set(findings.filter { $0["rule"] as? String == FindingID.ocr }.compactMap { $0["page"] as? Int })
                .count
        }
    }

    /// Pages processed, from the `pages` of each NAME.json (1 for inputs without pages).
    static func pages(in directory: URL) -> Int {
        sumOverReports(in: directory) { ($0["pages"] as? Int) ?? 1 }
    }

    /// `count` of every NAME.json of an output folder, added up. One report is decoded at a time: the
    /// bench's own peak memory is where every process it spawns starts (the kernel's high-water mark of
    /// resident memory carries over the spawn), so holding 1,000 decoded reports made each later child
    /// seem to peak at 480 MB.
    static func sumOverReports(in directory: URL, _ count: ([String: Any]) -> Int) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var total = 0
        for name in names where name.hasSuffix(".json") {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)),
                let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            total += count(report)
        }
        return total
    }
}
