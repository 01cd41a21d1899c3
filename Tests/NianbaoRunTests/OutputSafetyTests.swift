import Foundation
import NianbaoCore
import NianbaoStore
import NianbaoTestSupport
import Testing

@testable import NianbaoRun

/// A report of Corpus/ copied to `url` (its folder made).
private func copyReport(_ name: String = "001_a8d23b48448f5a19.txt", to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repositoryFile("Corpus/\(name)"), to: url)
}

/// `nianbao run INPUTS --output OUTPUT`, as the command does it (the guard first).
@discardableResult
private func run(_ inputs: [String], into output: URL) throws -> Summary {
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let cache = output.appendingPathComponent(".nianbao-cache")
    let (files, _) = InputCollector.collect(inputs, excluding: [output, cache])
    try OutputGuard.prepare(files: files, output: output, cacheFile: cache.appendingPathComponent("stages.sqlite"))
    try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
    let store = try SQLiteStageStore(path: cache.appendingPathComponent("stages.sqlite").path)
    return Runner(
        pipeline: try popplerPipeline(), files: files, output: output, jobs: 2, store: store,
        corpus: try CorpusDatabase(directory: output), progress: Progress(total: files.count, quiet: true)
    ).run()
}

/// The names in a folder, hidden ones included.
private func names(_ folder: URL) throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
}

@Suite("Safe outputs") struct OutputSafetyTests {
    @Test("an output that is an input refuses the run before anything is written")
    func neverOverAnInput() throws {
        let scratch = try Scratch()
        let d = scratch.path("d")
        try copyReport(to: d.appendingPathComponent("report.txt"))
        let before = try Data(contentsOf: d.appendingPathComponent("report.txt"))
        // `nianbao run d/report.txt --output d`: NAME.txt of d/report.txt is d/report.txt.
        let (files, _) = InputCollector.collect([d.appendingPathComponent("report.txt").path], excluding: [d])
        let cacheFile = d.appendingPathComponent(".nianbao-cache/stages.sqlite")
        let overwrite = try #require(OutputGuard.overwrite(files: files, output: d, cacheFile: cacheFile))
        #expect(overwrite.output.hasSuffix("d/report.txt") && overwrite.input.hasSuffix("d/report.txt"))
        #expect(throws: OutputGuard.Overwrite.self) {
            try run([d.appendingPathComponent("report.txt").path], into: d)
        }
        #expect(try names(d) == ["report.txt"])
        #expect(try Data(contentsOf: d.appendingPathComponent("report.txt")) == before)
    }

    @Test("an output reached through a symlink or a hard link, or a corpus file, is the input too")
    func linkedOutputs() throws {
        let scratch = try Scratch()
        let input = scratch.path("in/report.txt")
        try copyReport(to: input)
        let (files, _) = InputCollector.collect([input.path], excluding: [])
        // The output folder is a symlink to the input's folder.
        try FileManager.default.createSymbolicLink(at: scratch.path("linked"), withDestinationURL: scratch.path("in"))
        #expect(
            OutputGuard.overwrite(files: files, output: scratch.path("linked"), cacheFile: nil)?.input == input.path)
        // NAME.json is a hard link to the input.
        try FileManager.default.createDirectory(at: scratch.path("out"), withIntermediateDirectories: true)
        try FileManager.default.linkItem(at: input, to: scratch.path("out/report.json"))
        #expect(OutputGuard.overwrite(files: files, output: scratch.path("out"), cacheFile: nil) != nil)
        // reports.csv named as an input (any file named explicitly is one), and the cache file.
        let csv = scratch.path("out2/reports.csv")
        try copyReport(to: csv)
        let (named, _) = InputCollector.collect([csv.path], excluding: [])
        #expect(OutputGuard.overwrite(files: named, output: scratch.path("out2"), cacheFile: nil)?.input == csv.path)
        #expect(OutputGuard.overwrite(files: files, output: scratch.path("o"), cacheFile: input)?.input == input.path)
        #expect(OutputGuard.overwrite(files: files, output: scratch.path("o"), cacheFile: csv) == nil)
    }

    @Test("an output folder reached through a symlink is never read as input, and symlink loops end")
    func symlinkedOutputFolder() throws {
        let scratch = try Scratch()
        try copyReport(to: scratch.path("in/a.txt"))
        try copyReport("002_98d5d9cfaf16f11b.txt", to: scratch.path("in/b.txt"))
        try FileManager.default.createDirectory(at: scratch.path("in/out"), withIntermediateDirectories: true)
        // The output folder as given is a symlink to a folder inside the input folder.
        try FileManager.default.createSymbolicLink(
            at: scratch.path("outlink"), withDestinationURL: scratch.path("in/out"))
        // A symlink inside the input folder to the output folder, and one to the input folder itself.
        try FileManager.default.createSymbolicLink(
            at: scratch.path("in/link"), withDestinationURL: scratch.path("in/out"))
        try FileManager.default.createSymbolicLink(at: scratch.path("in/loop"), withDestinationURL: scratch.path("in"))
        for _ in 0..<3 {
            let summary = try run([scratch.path("in").path], into: scratch.path("outlink"))
            #expect(summary.documents == 2 && summary.writeFailures == 0 && !summary.corpusFailed)
        }
        let jsons = try names(scratch.path("in/out")).filter { $0.hasSuffix(".json") }
        #expect(jsons == ["a.json", "b.json"], "\(jsons)")
        let (files, _) = InputCollector.collect([scratch.path("in").path], excluding: [scratch.path("outlink")])
        #expect(files.map(\.outputName) == ["a", "b"])
    }

    @Test("a 250-byte input name is written, also when another input shares its stem")
    func longNames() throws {
        let scratch = try Scratch()
        // 82 characters of 3 bytes and ".txt": 250 bytes.
        let stem = String(repeating: "年度报告政府信息公开", count: 9).prefix(82)
        let name = stem + ".txt"
        #expect(name.utf8.count == 250)
        try copyReport(to: scratch.path("in/\(name)"))
        try copyReport("002_98d5d9cfaf16f11b.txt", to: scratch.path("in/b/\(name)"))
        try copyReport(to: scratch.path("alone/\(name)"))
        let summary = try run([scratch.path("in").path], into: scratch.path("out"))
        #expect(summary.documents == 2 && summary.writeFailures == 0)
        let written = try names(scratch.path("out")).filter { $0.hasSuffix(".json") || $0.hasSuffix(".txt") }
        #expect(written.count == 4)
        for file in written {
            #expect(file.utf8.count <= 255)
            #expect(file.hasPrefix(String(stem.prefix(80))), "\(file)")
        }
        // Alone, it keeps its name.
        let alone = try run([scratch.path("alone").path], into: scratch.path("out-alone"))
        #expect(alone.writeFailures == 0)
        #expect(try names(scratch.path("out-alone")).contains(stem + ".json"))
        #expect(!(try names(scratch.path("out")).contains { $0.hasSuffix(".tmp") }))
    }

    @Test("a literal report-XXXXXXXX beside two report.txt whose path hashes to it: three names, three files")
    func literalSuffixCollision() throws {
        let scratch = try Scratch()
        let root = scratch.path("in")
        try copyReport(to: root.appendingPathComponent("a/report.txt"))
        try copyReport("002_98d5d9cfaf16f11b.txt", to: root.appendingPathComponent("b/report.txt"))
        // The name a/report.txt is given when two inputs share its stem.
        let hashA = Pipeline.sha256(Array((root.path as NSString).appendingPathComponent("a/report.txt").utf8))
        let hashB = Pipeline.sha256(Array((root.path as NSString).appendingPathComponent("b/report.txt").utf8))
        let literal = "report-\(hashA.prefix(8))"
        try copyReport("003_fdfecf9552ed6044.txt", to: root.appendingPathComponent("\(literal).txt"))
        let (files, _) = InputCollector.collect([root.path], excluding: [])
        let byPath = Dictionary(
            uniqueKeysWithValues: files.map { (String($0.displayPath.dropFirst(root.path.count + 1)), $0.outputName) })
        #expect(byPath["\(literal).txt"] == literal)
        #expect(byPath["b/report.txt"] == "report-\(hashB.prefix(8))")
        #expect(byPath["a/report.txt"] == "report-\(hashA.prefix(9))")
        #expect(Set(byPath.values).count == 3)
        // The same inputs give the same names, run after run.
        #expect(InputCollector.collect([root.path], excluding: []).files.map(\.outputName) == files.map(\.outputName))
        let summary = try run([root.path], into: scratch.path("out"))
        #expect(summary.documents == 3 && summary.writeFailures == 0 && !summary.corpusFailed)
        for file in files {
            let json = try Data(contentsOf: scratch.path("out/\(file.outputName).json"))
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            let sha = Pipeline.sha256([UInt8](try Data(contentsOf: file.url)))
            #expect(object["sha256"] as? String == sha, "\(file.outputName).json holds another input's result")
        }
    }

    @Test("names: taken stems and suffixed names never meet, and names that collide with nothing stay")
    func uniqueNames() {
        func names(_ paths: [String]) -> [String] {
            InputCollector.uniqueNames(paths.map { (URL(fileURLWithPath: "/x/" + $0), $0) }).map(\.outputName)
        }
        #expect(names(["a.txt", "b.pdf", "c.html"]) == ["a", "b", "c"])
        let hash = Pipeline.sha256(Array("p/r.txt".utf8))
        #expect(
            names(["p/r.txt", "q/r.txt"]) == [
                "r-\(hash.prefix(8))", "r-\(Pipeline.sha256(Array("q/r.txt".utf8)).prefix(8))",
            ])
        // A literal name equal to a suffixed one keeps it; the suffixed one takes a digit more.
        let literal = "r-\(hash.prefix(8))"
        let named = names(["p/r.txt", "q/r.txt", "z/\(literal).txt"])
        #expect(named == ["r-\(hash.prefix(9))", "r-\(Pipeline.sha256(Array("q/r.txt".utf8)).prefix(8))", literal])
        // A stem too long for NAME.json is cut at a character boundary, and suffixed.
        let long = String(repeating: "报", count: 90)  // 270 bytes
        let cut = names(["\(long).txt"])[0]
        #expect(cut.utf8.count + ".json".utf8.count <= 255 && cut.hasPrefix(String(repeating: "报", count: 80)))
        #expect(cut.hasSuffix("-\(Pipeline.sha256(Array("\(long).txt".utf8)).prefix(8))"))
    }

    @Test("a document whose files cannot be written fails --strict, and is never counted as written")
    func notWritten() throws {
        let scratch = try Scratch()
        try copyReport(to: scratch.path("in/a.txt"))
        try copyReport("002_98d5d9cfaf16f11b.txt", to: scratch.path("in/b.txt"))
        // A folder where b.json would go: renaming the written file over it fails.
        try FileManager.default.createDirectory(
            at: scratch.path("out/b.json/inside"), withIntermediateDirectories: true)
        let summary = try run([scratch.path("in").path], into: scratch.path("out"))
        #expect(summary.documents == 2 && summary.unreadable == 0)
        #expect(summary.writeFailures == 1 && summary.outputsWritten == 1)
        #expect(summary.failsStrict)
        #expect(summary.description.contains("outputs: 1 written, 0 unchanged, 1 not written"), "\(summary)")
        #expect(!(try names(scratch.path("out")).contains { $0.hasSuffix(".tmp") }))
    }

    @Test("the summary's written, unchanged and not written add up to the documents")
    func summaryArithmetic() {
        var summary = Summary()
        summary.documents = 10
        summary.outputsUnchanged = 6
        summary.writeFailures = 3
        #expect(summary.outputsWritten == 1)
        #expect(summary.description.contains("outputs: 1 written, 6 unchanged, 3 not written; corpus files written"))
        #expect(summary.failsStrict)
        summary.writeFailures = 0
        #expect(!summary.failsStrict)
        summary.corpusFailed = true
        #expect(summary.failsStrict && summary.description.contains("corpus files not written"))
    }

    @Test("temporary files a killed run left are removed at the start of a run; nothing else is")
    func leftovers() throws {
        let scratch = try Scratch()
        let out = scratch.path("out")
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent(".nianbao-cache"), withIntermediateDirectories: true)
        // No process has this id (Linux's pid_max is at most 2^22).
        let gone = 2_147_483_646
        let leftovers = [
            ".nianbao-\(gone)-3.tmp", ".report.json.\(gone).tmp", ".report.txt.\(gone).tmp",
            ".a.b.json.\(gone).tmp",
        ]
        let kept = [
            ".notes.tmp", ".report.csv.\(gone).tmp", "report.json", ".nianbao-x-1.tmp", "report.json.\(gone).tmp",
            ".nianbao-\(gone)-3.tmp.bak", ".json.\(gone).tmp",
            // A run still writing (this process's parent is alive) keeps its files.
            ".nianbao-\(getppid())-1.tmp",
        ]
        for name in leftovers + kept { try Data("x".utf8).write(to: out.appendingPathComponent(name)) }
        #expect(try Set(OutputGuard.prepare(files: [], output: out, cacheFile: nil)) == Set(leftovers))
        #expect(try names(out) == Set(kept + [".nianbao-cache"]))
        // A temporary name is short whatever the target's name.
        let target = out.appendingPathComponent(String(repeating: "报", count: 83) + ".json")
        #expect(OutputFile.temporaryURL(beside: target).lastPathComponent.utf8.count < 40)
        #expect(OutputFile.temporaryOwner(OutputFile.temporaryURL(beside: target).lastPathComponent) == getpid())
    }
}
