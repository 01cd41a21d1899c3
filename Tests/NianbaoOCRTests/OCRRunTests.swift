import Foundation
import NianbaoCore
import NianbaoTestSupport
import Testing

/// OCR through the binary: a scan read in a worker, its reading cached as a stage of its own (a rule
/// change never reads the scan again), `--ocr off`, and a machine without the model.
@Suite(.serialized) struct OCRRunTests {
    /// A scan of Corpus/ (a colour scan, skewed, with a staple shadow) alone in a folder.
    func scan(in scratch: Scratch) throws -> URL {
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryFile("Corpus/ocr_16_scan250_color_staple.pdf"),
            to: inputs.appendingPathComponent("scan.pdf"))
        return inputs
    }

    func report(_ output: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: output.appendingPathComponent("scan.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aRuleChangeNeverReadsAScanAgain() throws {
        let scratch = try Scratch()
        let inputs = try scan(in: scratch)
        let out = scratch.path("out")
        let first = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("ocr 0/1"), "\(first.standardError)")
        let report = try report(out)
        let truth =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: repositoryFile("Corpus/expected/ocr_16_scan250_color_staple.json")))
            as? [String: Any]
        #expect(report["issuer"] as? String == truth?["issuer"] as? String)
        #expect(report["year"] as? Int == truth?["year"] as? Int)
        let findings = (report["findings"] as? [[String: Any]]) ?? []
        #expect(findings.filter { $0["rule"] as? String == FindingID.ocr }.count == 3)
        let json = try Data(contentsOf: out.appendingPathComponent("scan.json"))

        // A validation rule edited: validation runs again, OCR does not.
        let rules = try pipelinesCopy(in: scratch.url, editing: "validation.yaml") { $0 + "\n# an edit\n" }
        let second = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet", "--rules", rules.path])
        #expect(second.status == 0)
        #expect(second.standardError.contains("ocr 1/0"), "\(second.standardError)")
        #expect(second.standardError.contains("validate 0/1"), "\(second.standardError)")
        #expect(try Data(contentsOf: out.appendingPathComponent("scan.json")) == json)

        // ocr.yaml edited: the scan is read again.
        let ocrRules = try pipelinesCopy(in: scratch.url, editing: "ocr.yaml") { $0 + "\n# an edit\n" }
        let third = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet", "--rules", ocrRules.path])
        #expect(third.standardError.contains("ocr 0/1"), "\(third.standardError)")
    }

    @Test func ocrOffKeepsAScanUnreadable() throws {
        let scratch = try Scratch()
        let inputs = try scan(in: scratch)
        let out = scratch.path("out")
        let run = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet", "--ocr", "off"])
        #expect(run.status == 0)
        let report = try report(out)
        #expect((report["fields"] as? [String: Any])?.values.allSatisfy { $0 is NSNull } == true)
        let findings = (report["findings"] as? [[String: Any]]) ?? []
        let message = findings.first { $0["rule"] as? String == FindingID.unreadable }?["message"] as? String
        #expect(
            message?.contains("no text layer") == true && message?.contains("OCR is off") == true, "\(message ?? "")")
    }

    @Test func withoutTheModelOCRIsSaidToBeMissingOnce() throws {
        let scratch = try Scratch()
        let inputs = try scan(in: scratch)
        try FileManager.default.copyItem(
            at: repositoryFile("Corpus/ocr_13_scan_viol_row_total.pdf"), to: inputs.appendingPathComponent("b.pdf"))
        let empty = scratch.path("tessdata")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let out = scratch.path("out")
        let run = try runNianbao(
            ["run", inputs.path, "--output", out.path, "--quiet"], environment: ["TESSDATA_PREFIX": empty.path])
        #expect(run.status == 0)
        // Said once for the run; each scan's own line says why it stays unreadable.
        let notices = run.standardError.split(separator: "\n").filter { $0.hasPrefix("nianbao: OCR is not available") }
        #expect(notices.count == 1, "\(run.standardError)")
        let report = try report(out)
        #expect(report["unreadable"] as? String == "no_text_layer")
    }
}
