import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

@Suite struct BadInputTests {
    @Test func anEmptyFileGetsAFinding() {
        let r = defaultPipeline.process(name: "empty.txt", bytes: [], kind: .text)
        #expect(r.unreadable == .empty)
        #expect(r.fields.isEmpty)
        #expect(
            r.findings.count == 1 && r.findings[0].severity == .error && r.findings[0].message.contains("empty.txt"))
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
        for key in ["source", "sha256", "template", "year", "issuer", "fields", "findings"] {
            #expect(json[key] != nil)
        }
        #expect((json["fields"] as! [String: Any]).count == FieldCatalog.all.count)
        #expect((json["sha256"] as! String).count == 64)
    }

    @Test func outputIsDeterministic() {
        let text = report()
        #expect(ReportJSON.encode(processText(text)) == ReportJSON.encode(processText(text)))
    }
}
