import Foundation
import NianbaoCore
import NianbaoStore
import NianbaoTestSupport
import Testing

@testable import NianbaoRun

/// Sharded runs (`run --shard K/N`) merged (`merge`) give what one run over the whole corpus gives.
@Suite("Shards") struct ShardTests {
    /// Corpus/'s texts, web pages and PDFs that need no OCR, and two inputs that share a stem in
    /// different folders (their names are settled over the whole corpus, whatever shard each falls in).
    func corpus(in scratch: Scratch) throws -> URL {
        let inputs = scratch.path("in")
        let fm = FileManager.default
        try fm.createDirectory(at: inputs, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: repositoryFile("Corpus").path)
        where (name.hasSuffix(".txt") || name.hasSuffix(".html") || name.hasSuffix(".pdf"))
            && !name.hasPrefix("ocr_") && !name.hasPrefix("pdf_27") && !name.hasPrefix("pdf_28")
        {
            try fm.copyItem(at: repositoryFile("Corpus/" + name), to: inputs.appendingPathComponent(name))
        }
        for folder in ["a", "b"] {
            try fm.createDirectory(at: inputs.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try fm.copyItem(
            at: repositoryFile("Corpus/001_a8d23b48448f5a19.txt"), to: inputs.appendingPathComponent("a/report.txt"))
        try fm.copyItem(
            at: repositoryFile("Corpus/crawl_2019_dept.txt"), to: inputs.appendingPathComponent("b/report.txt"))
        return inputs
    }

    /// Every file under `folder` but the cache → its bytes.
    func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = nianbaoExecutable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("four shards at once, one killed mid-run and run again, merged: byte for byte one run's output")
    func shardsMergeToOneRun() throws {
        let scratch = try Scratch()
        _ = try corpus(in: scratch)
        let whole = try runNianbao(["run", "in", "--output", "whole", "--quiet"], directory: scratch.url)
        #expect(whole.status == 0, "\(whole.standardError)")
        let expected = try contents(scratch.path("whole"))
        #expect(String(decoding: expected["findings.csv"] ?? Data(), as: UTF8.self).contains("carry_chain,"))

        // Shards 0, 2 and 3 run to the end; shard 1 is killed once it has stored a few stage results.
        let shards = (0..<4).map { scratch.path("shard\($0)") }
        var processes: [Process] = []
        for k in 0..<4 {
            processes.append(
                try start(
                    ["run", "in", "--output", "shard\(k)", "--shard", "\(k)/4", "--jobs", "1", "--quiet"],
                    in: scratch.url))
        }
        let cache = shards[1].appendingPathComponent(".nianbao-cache/stages.sqlite")
        var stored = 0
        while processes[1].isRunning && stored < 3 {
            Thread.sleep(forTimeInterval: 0.05)
            if FileManager.default.fileExists(atPath: cache.path) {
                stored = (try? SQLiteStageStore(path: cache.path).counts().values.reduce(0, +)) ?? 0
            }
        }
        try #require(processes[1].isRunning, "shard 1 finished before it could be killed")
        kill(processes[1].processIdentifier, SIGKILL)
        for p in processes { p.waitUntilExit() }
        #expect(processes.enumerated().allSatisfy { $0.offset == 1 || $0.element.terminationStatus == 0 })
        // Killed, it left no manifest: a merge now refuses, naming it.
        #expect(!FileManager.default.fileExists(atPath: shards[1].appendingPathComponent("shard.json").path))
        let refused = try runNianbao(
            ["merge"] + shards.map(\.path) + ["--output", scratch.path("merged").path], directory: scratch.url)
        #expect(refused.status == 66)
        #expect(refused.standardError.contains("\(shards[1].path) (no shard.json: its run did not finish)"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("merged/reports.csv").path))

        // Run again, it resumes from what it stored.
        let again = try runNianbao(
            ["run", "in", "--output", "shard1", "--shard", "1/4", "--jobs", "1", "--quiet"], directory: scratch.url)
        #expect(again.status == 0, "\(again.standardError)")
        let reused = again.standardError.firstMatch(of: /stage results: (\d+) reused/).flatMap { Int($0.1) } ?? 0
        #expect(reused >= 1, "\(again.standardError)")

        // Every document in exactly one shard.
        let manifests = try shards.map { try ShardManifest.read(from: $0) }
        let indices = manifests.flatMap(\.documents)
        #expect(indices.sorted() == Array(0..<manifests[0].inputs))
        #expect(manifests.allSatisfy { $0.complete && !$0.documents.isEmpty })

        let merge = try runNianbao(
            ["merge"] + shards.map(\.path) + ["--output", scratch.path("merged").path], directory: scratch.url)
        #expect(merge.status == 0, "\(merge.standardError)")
        let merged = try contents(scratch.path("merged"))
        #expect(merged.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected { #expect(merged[name] == data, "\(name) differs from one run's") }
    }

    @Test("a missing shard is named, and only --partial merges without it")
    func missingShard() throws {
        let scratch = try Scratch()
        _ = try corpus(in: scratch)
        for k in [0, 2] {
            let run = try runNianbao(
                ["run", "in", "--output", "s\(k)", "--shard", "\(k)/3", "--quiet"], directory: scratch.url)
            #expect(run.status == 0, "\(run.standardError)")
        }
        let refused = try runNianbao(["merge", "s0", "s2", "--output", "m"], directory: scratch.url)
        #expect(refused.status == 66)
        #expect(
            refused.standardError.contains("the corpus is not complete: shard 1/3 missing"), "\(refused.standardError)")
        let partial = try runNianbao(["merge", "s0", "s2", "--output", "m", "--partial"], directory: scratch.url)
        #expect(partial.status == 0, "\(partial.standardError)")
        #expect(partial.standardError.contains("from 2 of 3 shards; missing: 1/3"), "\(partial.standardError)")
        let documents = try CorpusDatabase.documents(in: scratch.path("m"))
        let listed = try [0, 2].flatMap { try CorpusDatabase.documents(in: scratch.path("s\($0)")) }
        #expect(Set(documents.map(\.name)) == Set(listed.map(\.name)))
    }

    @Test("shards split a corpus into parts that cover it once; K/N and the engines' environments are read")
    func partition() throws {
        let files = (0..<200).map {
            InputFile(
                url: URL(fileURLWithPath: "/c/\($0).txt"), displayPath: "c/\($0).txt", kind: .text, outputName: "\($0)")
        }
        let shards = (0..<4).map { Shard(index: $0, count: 4) }
        for file in files { #expect(shards.filter { $0.contains(file) }.count == 1) }
        #expect(shards.allSatisfy { shard in files.contains { shard.contains($0) } })
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3"] { #expect(Shard(bad) == nil, "\(bad)") }
        #expect(
            try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "3", "NIANBAO_SHARD_COUNT": "8"]).get()
                == Shard(index: 3, count: 8))
        #expect(
            try Shard.fromEnvironment([
                "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "10",
            ]).get() == Shard(index: 4, count: 10))
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1"], count: 2).get() == Shard(index: 1, count: 2))
        #expect((try? Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1"]).get()) == nil)
        #expect((try? Shard.fromEnvironment(["NIANBAO_SHARD_COUNT": "2"]).get()) == nil)
        #expect((try? Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "NIANBAO_SHARD_COUNT": "2"]).get()) == nil)
    }
}
