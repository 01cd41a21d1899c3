import Foundation
import Testing
@testable import NianbaoCore

/// Every report in Corpus/ with an expected file in Corpus/expected/ must come out as expected: every
/// field, the year and the template right, each declared violation found as an error, no identity
/// rule firing falsely, and an unreadable document reported as such.
@Suite struct GoldenTests {
    static let identityRules: Set<String> = ["balance", "row_total", "outcome_sum", "review_total", "suit_direct_total",
                                             "suit_after_review_total"]

    static var cases: [String] {
        let dir = repositoryRoot.appendingPathComponent("Corpus/expected")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static func kind(_ source: String) -> InputKind? { InputKind(pathExtension: (source as NSString).pathExtension) }

    @Test(arguments: cases)
    func corpusDocument(_ expectedName: String) throws {
        let expectedURL = repositoryRoot.appendingPathComponent("Corpus/expected/\(expectedName)")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as! [String: Any]
        let source = truth["source"] as! String
        guard let kind = Self.kind(source), kind != .pdf else { return }  // PDFs: NianbaoPDFTests
        let bytes = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("Corpus/\(source)")))
        let result = defaultPipeline.process(name: source, bytes: bytes, kind: kind)
        check(result, against: truth)
    }

    static func number(_ any: Any?) -> Decimal? {
        guard let n = any as? NSNumber else { return nil }
        return Decimal(string: n.stringValue)
    }

    func check(_ result: ReportResult, against truth: [String: Any]) {
        let source = truth["source"] as! String
        if truth["unreadable"] as? Bool == true {
            #expect(result.unreadable != nil, "\(source) should be unreadable")
            #expect(result.fields.isEmpty)
            return
        }
        #expect(result.template?.rawValue == truth["template"] as? String, "\(source): template")
        #expect(result.year == truth["year"] as? Int, "\(source): year")
        let fields = truth["fields"] as! [String: Any]
        var wrong: [String] = []
        for (id, value) in fields.sorted(by: { $0.key < $1.key }) {
            let want = Self.number(value)
            if result.fields[id] != want { wrong.append("\(id): want \(want.map { "\($0)" } ?? "null") got \(result.fields[id].map { "\($0)" } ?? "null")") }
        }
        #expect(wrong.isEmpty, "\(source): \(wrong.count) wrong fields: \(wrong.prefix(8).joined(separator: "; "))")
        let declared = Set(((truth["violations"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        let errors = Set(result.findings.filter { $0.severity == .error }.map(\.rule))
        #expect(declared.isSubset(of: errors), "\(source): missed \(declared.subtracting(errors))")
        #expect(errors.intersection(Self.identityRules).subtracting(declared).isEmpty,
                "\(source): false alarms \(errors.intersection(Self.identityRules).subtracting(declared))")
    }
}

@Suite struct BadInputTests {
    @Test func anEmptyFileGetsAFinding() {
        let r = defaultPipeline.process(name: "empty.txt", bytes: [], kind: .text)
        #expect(r.unreadable == .empty)
        #expect(r.fields.isEmpty)
        #expect(r.findings.count == 1 && r.findings[0].severity == .error && r.findings[0].message.contains("empty.txt"))
    }

    @Test func aBinaryFileNamedTxtGetsAFinding() {
        let bytes: [UInt8] = Array("%PDF-1.7\n".utf8) + [0, 0, 0xFF, 0x10, 0x02] + Array(repeating: 0, count: 500)
        let r = defaultPipeline.process(name: "scan.txt", bytes: bytes, kind: .text)
        #expect(r.unreadable == .binary || r.unreadable == .encoding)
        #expect(r.findings.first?.rule == FindingID.unreadable)
    }

    @Test func aPDFWithoutAReaderIsReportedNotCrashed() {
        let r = defaultPipeline.process(name: "a.pdf", bytes: Array("%PDF-1.4".utf8), kind: .pdf)
        #expect(r.unreadable == .unsupported)
    }

    @Test func textThatIsNoReportGetsMissingTableFindings() {
        let r = processText("这是一份会议通知，请各单位准时参加。")
        #expect(r.unreadable == nil)
        #expect(r.findings.contains { $0.rule == FindingID.missingTable && $0.severity == .error })
        #expect(r.fields.isEmpty)
    }

    @Test func jsonHasEveryFieldAndTheContractKeys() throws {
        let r = processText(report())
        let json = try JSONSerialization.jsonObject(with: Data(ReportJSON.encode(r).utf8)) as! [String: Any]
        for key in ["source", "sha256", "template", "year", "issuer", "fields", "findings"] { #expect(json[key] != nil) }
        #expect((json["fields"] as! [String: Any]).count == FieldCatalog.all.count)
        #expect((json["sha256"] as! String).count == 64)
    }

    @Test func outputIsDeterministic() {
        let text = report()
        #expect(ReportJSON.encode(processText(text)) == ReportJSON.encode(processText(text)))
    }
}
