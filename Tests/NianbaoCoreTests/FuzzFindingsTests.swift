import Foundation
import NianbaoCore
import NianbaoTestSupport
import Testing

/// What the fuzzers (Fuzz/, Scripts/fuzz_pdfs.py) found, kept as tests.
@Suite struct FuzzFindingsTests {
    static let label = "一、本年新收政府信息公开申请数量"

    static func page(_ numbers: [Int]) -> String {
        htmlPage(report(rows: [label: ([label] + numbers.map(String.init)).joined(separator: "\t")]))
    }

    /// A table 三 row of 14 numbers for its 7 cells, none of whose readings keeps the row's total (powers of
    /// two: no six add up to a seventh), so all 3,432 readings stay open. They were made distinct by
    /// comparing each with every one kept before it: 1.2 s in a release build for a 290-byte web page
    /// (libFuzzer's slowest unit), 2.4 s here in a debug build, where it now takes 0.2 s. The bound is no
    /// speed target, only far above that; what is checked is that no distinct reading is lost.
    @Test func surplusReadingsStayDistinct() {
        var result: ReportResult!
        let time = ContinuousClock().measure { result = processHTML(Self.page((0..<14).map { 1 << $0 })) }
        #expect(time < .seconds(20), "\(time)")
        let warning = result.findings(FindingID.extraCells).first
        #expect(warning?.message.contains("14 numbers printed for 7 cells") == true)
        #expect(warning?.message.contains("3431 other readings possible") == true, "\(warning?.message ?? "none")")
    }

    /// Readings that give the same cells are one: nine zeros for seven cells give one reading.
    @Test func surplusReadingsWithTheSameCellsAreOne() {
        let result = processHTML(Self.page(Array(repeating: 0, count: 9)))
        let warning = result.findings(FindingID.extraCells).first
        #expect(
            warning?.message.contains("the only reading that fits: every cell 0") == true,
            "\(warning?.message ?? "none")")
        #expect(result.int("apps.new_received.natural") == 0)
    }
}
