import Foundation
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
}
