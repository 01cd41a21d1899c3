import Foundation
import NianbaoCore
import NianbaoTestSupport
import Testing

/// The pipeline as `nianbao run` builds it: the project's rules, PDFs through poppler.
let corpusPipeline: Pipeline = try! popplerPipeline()

/// Every report in Corpus/ with an expected file in Corpus/expected/ must come out as expected: every
/// field, the year, the template and the issuer right, each declared violation found as an error, no
/// identity rule firing falsely, and an unreadable document reported as such. A field OCR could not read
/// with confidence may instead be null with its `ocr_low_confidence` warning.
///
/// OCR documents (scans, tables as pictures, garbled fonts) that nianbao does not read exactly yet are
/// listed in `knownMisses` with the reason: their full check runs as a known issue (and fails the suite
/// once it passes, so that the list only shrinks), while year and template must be right regardless.
@Suite struct GoldenTests {
    static let identityRules: Set<String> = [
        "balance", "row_total", "outcome_sum", "review_total", "suit_direct_total",
        "suit_after_review_total",
    ]

    static var cases: [String] {
        let dir = repositoryRoot.appendingPathComponent("Corpus/expected")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Expected file → why it is not read exactly yet (README, "OCR").
    static let knownMisses: [String: String] = [:]

    static func kind(_ source: String) -> InputKind? { InputKind(pathExtension: (source as NSString).pathExtension) }

    @Test func theCorpusHasItsDocuments() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func corpusDocument(_ expectedName: String) throws {
        let expectedURL = repositoryRoot.appendingPathComponent("Corpus/expected/\(expectedName)")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as! [String: Any]
        let source = truth["source"] as! String
        let kind = try #require(Self.kind(source))
        let bytes = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("Corpus/\(source)")))
        let result = corpusPipeline.process(name: source, bytes: bytes, kind: kind)
        if let reason = Self.knownMisses[expectedName] {
            #expect(result.template?.rawValue == truth["template"] as? String, "\(source): template")
            #expect(result.year == truth["year"] as? Int, "\(source): year")
            withKnownIssue(Comment(rawValue: reason)) { check(result, against: truth) }
        } else {
            check(result, against: truth)
        }
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
        if let issuer = truth["issuer"] as? String {
            #expect(result.issuer == issuer, "\(source): issuer")
        }
        let fields = truth["fields"] as! [String: Any]
        let unsure = Set(result.findings.filter { $0.rule == FindingID.ocrLowConfidence }.flatMap(\.fields))
        var wrong: [String] = []
        for (id, value) in fields.sorted(by: { $0.key < $1.key }) {
            let want = Self.number(value)
            if result.fields[id] != want && !(result.fields[id] == nil && unsure.contains(id)) {
                wrong.append(
                    "\(id): want \(want.map { "\($0)" } ?? "null") got \(result.fields[id].map { "\($0)" } ?? "null")")
            }
        }
        #expect(wrong.isEmpty, "\(source): \(wrong.count) wrong fields: \(wrong.prefix(8).joined(separator: "; "))")
        let declared = Set(((truth["violations"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        let errors = Set(result.findings.filter { $0.severity == .error }.map(\.rule))
        #expect(declared.isSubset(of: errors), "\(source): missed \(declared.subtracting(errors))")
        #expect(
            errors.intersection(Self.identityRules).subtracting(declared).isEmpty,
            "\(source): false alarms \(errors.intersection(Self.identityRules).subtracting(declared))")
        // Findings the document must carry (an ambiguous glued row's warning).
        for wanted in (truth["expect_findings"] as? [[String: Any]]) ?? [] {
            let rule = wanted["rule"] as? String, severity = wanted["severity"] as? String
            #expect(
                result.findings.contains { $0.rule == rule && $0.severity.rawValue == severity },
                "\(source): no \(severity ?? "") finding \(rule ?? "")")
        }
    }
}
