import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

@Suite struct ReportJSONTests {
    static let own = [
        Finding(
            rule: "balance", severity: .error, fields: ["apps.new_received.total"],
            message: "balance (总计): 1 ≠ 2, \"quoted\"", page: 3),
        Finding(rule: "narrative", severity: .warning, message: "line\nbreak and \\ backslash"),
    ]
    static let added = [
        Finding(
            rule: "carry_chain", severity: .warning, fields: ["apps.carried_over.total", "x"],
            message: "carry_chain (总计): 3 but 2", page: nil),
        Finding(rule: "carry_chain", severity: .error, fields: [], message: "another", page: 1),
    ]

    @Test("findings appended to written JSON give the bytes of encoding them with the result", arguments: [0, 1, 2])
    func appendingFindings(ownCount: Int) throws {
        var result = ReportResult(
            source: "r.pdf", sha256: "00", template: .y2021, year: 2022, issuer: "某县人民政府",
            fields: ["apps.new_received.total": 5], pages: 2)
        result.findings = Array(Self.own.prefix(ownCount))
        let written = ReportJSON.encode(result)
        var whole = result
        whole.findings += Self.added
        #expect(ReportJSON.appendingFindings(Self.added, to: written) == ReportJSON.encode(whole))
        #expect(ReportJSON.appendingFindings([], to: written) == written)
        #expect(ReportJSON.appendingFindings(Self.added, to: "{}") == nil)
    }

    @Test("a NAME.json reads back as the result it was written from: decoding and encoding again gives its bytes")
    func decodeRoundTrip() throws {
        let producer = Producer(rules: "ab12")
        for name in ["001_a8d23b48448f5a19.txt", "crawl_violation_county.txt", "crawl_2019_dept.txt"] {
            let bytes = try repositoryBytes("Corpus/" + name)
            var result = defaultPipeline.process(name: name, bytes: bytes, kind: .text)
            result.published = "2023-01-05"
            result.evidence["review.total"] = SourceLocation(page: 2, box: Box(x0: 1.25, y0: 2, x1: 30.5, y1: 40))
            result.fields["active.fees.amount"] = Decimal(string: "11004.66")
            let json = ReportJSON.encode(result, producer: producer)
            #expect(
                json.hasSuffix(
                    "  \"producer\": {\n    \"tool\": \"nianbao \(NianbaoVersion.string)\",\n    \"rules\": \"ab12\"\n  }\n}\n"
                ))
            let decoded = try ReportJSON.decode(Data(json.utf8))
            #expect(ReportJSON.encode(decoded, producer: producer) == json, "\(name)")
            #expect(decoded.fields["active.fees.amount"] == Decimal(string: "11004.66"))
        }
        #expect(throws: ReportJSON.DecodingError.self) { try ReportJSON.decode(Data("{\"source\": 1}".utf8)) }
        #expect(throws: ReportJSON.DecodingError.self) { try ReportJSON.decode(Data("[1, 2]".utf8)) }
    }
}
