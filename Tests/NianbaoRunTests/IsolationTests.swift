import Foundation
import NianbaoCore
import NianbaoTestSupport
import Testing

/// Documents are read in worker processes: a worker that crashes or hangs on a document costs that
/// document only (an error finding saying so), the document is quarantined for the runs after, and
/// `--retry-failed` reads it again. The faults are made on purpose by the worker's test hook
/// (`NIANBAO_WORKER_FAULT`), on the one input that holds a mark.
@Suite(.serialized) struct IsolationTests {
    /// Three seed reports and a PDF of Corpus/; the mark is a phrase only seed 001 holds.
    static func inputs(in scratch: Scratch) throws -> (URL, mark: String) {
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for name in [
            "000_84813c9e2f9c14b8.txt", "001_a8d23b48448f5a19.txt", "002_98d5d9cfaf16f11b.txt",
            "pdf_01_ruled_basic.pdf",
        ] {
            try FileManager.default.copyItem(
                at: repositoryFile("Corpus/\(name)"), to: inputs.appendingPathComponent(name))
        }
        return (inputs, "年，利通区人")
    }

    static func json(_ output: URL, _ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: output.appendingPathComponent(name + ".json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func rules(_ json: [String: Any]) -> [String] {
        (json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }

    @Test(arguments: ["crash", "hang"])
    func aFaultCostsOneDocument(_ fault: String) throws {
        let scratch = try Scratch()
        let (inputs, mark) = try Self.inputs(in: scratch)
        let clean = scratch.path("clean"), out = scratch.path("out")
        let reference = try runNianbao(["run", inputs.path, "--output", clean.path, "--quiet", "--no-cache"])
        #expect(reference.status == 0)

        let faulty = try runNianbao(
            ["run", inputs.path, "--output", out.path, "--quiet", "--doc-timeout", "3", "--jobs", "2"],
            environment: ["NIANBAO_WORKER_FAULT": "\(fault):\(mark)"])
        #expect(faulty.status == 0 && !faulty.signaled, "\(faulty.standardError)")
        #expect(faulty.seconds < 60)
        let rule = fault == "crash" ? FindingID.crash : FindingID.budget
        let hit = try Self.json(out, "001_a8d23b48448f5a19")
        #expect(hit["unreadable"] as? String == rule)
        #expect(Self.rules(hit) == [rule])
        #expect(faulty.standardError.contains("001_a8d23b48448f5a19.txt"))
        // Every other document is as a run without the fault gives it.
        for name in ["000_84813c9e2f9c14b8", "002_98d5d9cfaf16f11b", "pdf_01_ruled_basic"] {
            #expect(
                try Data(contentsOf: out.appendingPathComponent(name + ".json"))
                    == Data(contentsOf: clean.appendingPathComponent(name + ".json")), "\(name)")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("reports.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 5)

        // The next run, fault gone: quarantined, not retried.
        let rerun = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"])
        #expect(rerun.status == 0)
        let quarantined = try Self.json(out, "001_a8d23b48448f5a19")
        #expect(quarantined["unreadable"] as? String == rule)
        #expect(rerun.standardError.contains("quarantined"))

        // --retry-failed reads it, as a run that never had the fault.
        let retried = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet", "--retry-failed"])
        #expect(retried.status == 0)
        #expect(
            try Data(contentsOf: out.appendingPathComponent("001_a8d23b48448f5a19.json"))
                == Data(contentsOf: clean.appendingPathComponent("001_a8d23b48448f5a19.json")))
    }

    /// Reading in worker processes gives the bytes reading in this process gives.
    @Test func workersAndInProcessAgree() throws {
        let scratch = try Scratch()
        let (inputs, _) = try Self.inputs(in: scratch)
        let a = scratch.path("a"), b = scratch.path("b")
        #expect(try runNianbao(["run", inputs.path, "--output", a.path, "--quiet"]).status == 0)
        #expect(try runNianbao(["run", inputs.path, "--output", b.path, "--quiet", "--in-process"]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: a.path) where !name.hasPrefix(".") {
            #expect(
                try Data(contentsOf: a.appendingPathComponent(name))
                    == Data(contentsOf: b.appendingPathComponent(name)),
                "\(name)")
        }
    }
}
