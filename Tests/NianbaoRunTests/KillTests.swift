import Foundation
import NianbaoTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A run killed (SIGKILL) at any moment, then run again, gives what one uninterrupted run gives, and
/// leaves no file of its own behind: killed several times at seeded random moments, with the cache's
/// write-ahead log deleted after some of the kills (as a user cleaning up might).
@Suite(.serialized) struct KillTests {
    static func inputs(in scratch: Scratch) throws -> URL {
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let corpus = repositoryFile("Corpus")
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        where name.hasSuffix(".txt") || name.hasSuffix(".html") || name.hasPrefix("pdf_0") || name.hasPrefix("pdf_13") {
            try FileManager.default.copyItem(
                at: corpus.appendingPathComponent(name), to: inputs.appendingPathComponent(name))
        }
        return inputs
    }

    /// Every file under `directory` but the cache → its bytes.
    static func files(_ directory: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name != ".nianbao-cache" {
            out[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return out
    }

    /// Starts `nianbao run` and kills it after `seconds`; returns whether it was still running then.
    static func runAndKill(_ arguments: [String], after seconds: Double) throws -> Bool {
        let process = Process()
        process.executableURL = nianbaoExecutable
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(seconds * 1e6))
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running
    }

    @Test func killedRunsThenARerunEqualAFreshRun() throws {
        let scratch = try Scratch()
        let inputs = try Self.inputs(in: scratch)
        let fresh = scratch.path("fresh"), out = scratch.path("out")
        let reference = try runNianbao(["run", inputs.path, "--output", fresh.path, "--quiet", "--no-cache"])
        #expect(reference.status == 0)
        let expected = try Self.files(fresh)
        let arguments = ["run", inputs.path, "--output", out.path, "--quiet", "--jobs", "2"]
        var generator = SeededGenerator(seed: 10)
        var killed = 0
        // From the start of a run to about its end (the run takes `reference.seconds` without a cache; the
        // runs after a kill resume from the cache and are shorter, and a busy machine makes the reference
        // slow, so a kill may find the run done: the moments after one are drawn from before it).
        var latest = reference.seconds * 0.9
        for round in 0..<8 {
            let moment = Double.random(in: 0.02...max(0.03, latest), using: &generator)
            if try Self.runAndKill(arguments, after: moment) { killed += 1 } else { latest = moment / 2 }
            if round % 3 == 1 {
                try? FileManager.default.removeItem(at: out.appendingPathComponent(".nianbao-cache/stages.sqlite-wal"))
            }
            // Between two runs, whatever a reader sees of the corpus files comes from one run.
            let csv = out.appendingPathComponent("reports.csv")
            if FileManager.default.fileExists(atPath: csv.path) {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("corpus.sqlite").path))
            }
        }
        #expect(killed >= 2)
        let rerun = try runNianbao(arguments)
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(try Self.files(out) == expected)
        // And a run after that changes nothing.
        #expect(try runNianbao(arguments).standardError.contains("0 written"))
    }
}
