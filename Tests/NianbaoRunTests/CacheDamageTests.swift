import Foundation
import NianbaoTestSupport
import Testing

/// A damaged stage cache costs time, never a number: whatever happened to `stages.sqlite`, a run gives
/// the outputs a run without a cache gives, and exits 0.
@Suite(.serialized) struct CacheDamageTests {
    /// The text and web-page reports of Corpus/ and two PDFs.
    static func inputs(in scratch: Scratch) throws -> URL {
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let corpus = repositoryFile("Corpus")
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        where name.hasSuffix(".txt") || name.hasSuffix(".html") || name.hasPrefix("pdf_01") || name.hasPrefix("pdf_13")
        {
            try FileManager.default.copyItem(
                at: corpus.appendingPathComponent(name), to: inputs.appendingPathComponent(name))
        }
        return inputs
    }

    /// Every output file (the cache left out) → its bytes.
    static func outputs(_ directory: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            out[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return out
    }

    /// Removes the outputs, keeping the cache: the next run makes every file from what the cache holds.
    static func removeOutputs(_ directory: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    static func cacheFile(_ output: URL) -> URL { output.appendingPathComponent(".nianbao-cache/stages.sqlite") }

    /// 200 bits flipped at random places of the cache file (five seeds), then a run from the cache alone.
    @Test(arguments: 1...5)
    func flippedBits(seed: UInt64) throws {
        let scratch = try Scratch()
        let inputs = try Self.inputs(in: scratch)
        let fresh = scratch.path("fresh"), out = scratch.path("out")
        #expect(try runNianbao(["run", inputs.path, "--output", fresh.path, "--quiet", "--no-cache"]).status == 0)
        #expect(try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"]).status == 0)
        let expected = try Self.outputs(fresh)

        var bytes = [UInt8](try Data(contentsOf: Self.cacheFile(out)))
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let bit = Int.random(in: 0..<(bytes.count * 8), using: &generator)
            bytes[bit / 8] ^= 1 << UInt8(bit % 8)
        }
        try Data(bytes).write(to: Self.cacheFile(out))
        try Self.removeOutputs(out)

        let rerun = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"])
        #expect(rerun.status == 0 && !rerun.signaled, "\(rerun.standardError)")
        #expect(try Self.outputs(out) == expected)
        // And the run after it, from the cache as that run left it.
        try Self.removeOutputs(out)
        #expect(try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"]).status == 0)
        #expect(try Self.outputs(out) == expected)
    }

    /// A value edited in place (a year changed, its digest left): recomputed, counted in the summary.
    @Test func editedValue() throws {
        let scratch = try Scratch()
        let inputs = try Self.inputs(in: scratch)
        let fresh = scratch.path("fresh"), out = scratch.path("out")
        #expect(try runNianbao(["run", inputs.path, "--output", fresh.path, "--quiet", "--no-cache"]).status == 0)
        #expect(try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"]).status == 0)
        var bytes = [UInt8](try Data(contentsOf: Self.cacheFile(out)))
        // Every stored "year":2023 (the parse stage's result, in JSON) becomes 2029.
        let from = Array("\"year\":2023".utf8), to = Array("\"year\":2029".utf8)
        var edits = 0
        var i = 0
        while i + from.count <= bytes.count {
            if bytes[i..<(i + from.count)].elementsEqual(from) {
                bytes.replaceSubrange(i..<(i + from.count), with: to)
                edits += 1
            }
            i += 1
        }
        #expect(edits > 0)
        try Data(bytes).write(to: Self.cacheFile(out))
        try Self.removeOutputs(out)
        let rerun = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"])
        #expect(rerun.status == 0)
        #expect(rerun.standardError.contains("cache entries damaged, recomputed"))
        #expect(try Self.outputs(out) == Self.outputs(fresh))
    }

    /// A cache file that is not a database, or cut short: moved aside, made anew, said in one line.
    @Test(arguments: ["garbage", "truncated"])
    func unopenable(_ damage: String) throws {
        let scratch = try Scratch()
        let inputs = try Self.inputs(in: scratch)
        let fresh = scratch.path("fresh"), out = scratch.path("out")
        #expect(try runNianbao(["run", inputs.path, "--output", fresh.path, "--quiet", "--no-cache"]).status == 0)
        #expect(try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"]).status == 0)
        let file = Self.cacheFile(out)
        if damage == "garbage" {
            try Data(repeating: 0x5A, count: 50_000).write(to: file)
        } else {
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: 1000)
            try handle.close()
        }
        try Self.removeOutputs(out)
        let rerun = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(try Self.outputs(out) == Self.outputs(fresh))
        let aside = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("stages.sqlite.damaged-") }
        if damage == "garbage" {
            #expect(rerun.standardError.contains("moved aside"))
            #expect(!aside.isEmpty)
        }
    }

    /// A cache folder that cannot be made: the run goes on without a cache, and says so.
    @Test func unusable() throws {
        let scratch = try Scratch()
        let inputs = try Self.inputs(in: scratch)
        let fresh = scratch.path("fresh"), out = scratch.path("out")
        #expect(try runNianbao(["run", inputs.path, "--output", fresh.path, "--quiet", "--no-cache"]).status == 0)
        let run = try runNianbao([
            "run", inputs.path, "--output", out.path, "--quiet", "--cache", "/proc/nianbao-cache",
        ])
        #expect(run.status == 0)
        #expect(run.standardError.contains("running without a cache"))
        #expect(try Self.outputs(out) == Self.outputs(fresh))
    }
}
