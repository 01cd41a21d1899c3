import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// Generated hostile text inputs: each must end as a result (findings, or a document that could not be
/// read) without a crash. The time limit is no speed target, only a bound far above a normal document's
/// milliseconds that an explosion of work (a search over every way to read a row) would pass.
@Suite struct PathologicalTextTests {
    static let limit: Duration = .seconds(60)

    static func run(_ text: String) -> (ReportResult, Duration) {
        let clock = ContinuousClock()
        var result: ReportResult!
        let time = clock.measure { result = processText(text) }
        return (result, time)
    }

    static let cases: [(String, @Sendable () -> String)] = [
        (
            "a table 三 row of 200 numbers, tab-separated",
            {
                report(rows: ["（一）予以公开": (["（一）予以公开"] + (1...200).map(String.init)).joined(separator: "\t")])
            }
        ),
        (
            "a table 三 row of 200 numbers, space-separated",
            {
                report(rows: ["（一）予以公开": "（一）予以公开 " + (1...200).map(String.init).joined(separator: " ")])
            }
        ),
        (
            "a glued run of 5,000 digits after a label",
            {
                report(rows: ["（一）予以公开": "（一）予以公开" + String(repeating: "1234567890", count: 500)])
            }
        ),
        (
            "20,000 labels and runs on one line",
            {
                "三、收到和处理政府信息公开申请情况" + String(repeating: "（一）予以公开1100002", count: 20_000)
            }
        ),
        (
            "a 1 MB line of Han characters and digits",
            {
                String(repeating: "本年新收12 34  ", count: 100_000)
            }
        ),
        (
            "100,000 short lines of numbers",
            {
                String(repeating: "1 2 3 4 5 6 7\n", count: 100_000)
            }
        ),
    ]

    @Test(arguments: cases.indices)
    func endsAsAResult(_ index: Int) {
        let (name, make) = Self.cases[index]
        let (result, time) = Self.run(make())
        #expect(time < Self.limit, "\(name): \(time)")
        // A document, read or not: either fields or an explanation.
        #expect(!result.fields.isEmpty || !result.findings.isEmpty, "\(name)")
    }
}

/// A table 三 row with 200 numbers for its seven cells (the placement search would list C(200, 7) ≈ 2·10¹²
/// readings): its cells are null with a warning naming the row, in a text and in a web page, while the
/// report's other rows are read.
@Suite struct OverlongRowTests {
    static func check(_ result: ReportResult, time: Duration) {
        #expect(time < PathologicalTextTests.limit)
        let warning = result.findings(FindingID.extraCells).first
        #expect(warning?.severity == .warning)
        #expect(warning?.message.contains("（一）予以公开") == true)
        #expect(warning?.message.contains("every cell left null") == true)
        #expect(warning?.fields.count == 7)
        for id in warning?.fields ?? [] { #expect(result.fields[id] == .some(nil), "\(id)") }
        // The rest of the report is read as printed.
        #expect(result.int("active.normative.issued") == 3)
        #expect(result.int("apps.new_received.natural") == 0)
    }

    @Test func inText() {
        var result: ReportResult!
        let time = ContinuousClock().measure { result = processText(report(rows: overlongRow())) }
        Self.check(result, time: time)
    }

    @Test func inWebPage() {
        var result: ReportResult!
        let time = ContinuousClock().measure { result = processHTML(htmlPage(report(rows: overlongRow()))) }
        Self.check(result, time: time)
    }
}
