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

    /// A cell holding a run of 100,000 spaces (a line of a report with spaces inserted): every space of the
    /// run looked along the whole run both ways, 22 s for a 108 KB text (fuzz round, seed 7, text 2457).
    /// The bound is far above the linear time and far below the quadratic one.
    @Test func aRunOfSpacesIsLookedAtOnce() {
        let spaces = String(repeating: " ", count: 100_000)
        var readings: [NumberReader.Reading?] = []
        let time = ContinuousClock().measure {
            readings = ["1" + spaces + "2", "一" + spaces + "2", spaces + "12", "12" + spaces].map(NumberReader.read)
        }
        #expect(time < .seconds(10), "\(time)")
        #expect(readings[0] == nil)  // two numbers run together
        #expect(readings[1] == nil)
        #expect(readings[2]?.value == 12)
        #expect(readings[3]?.value == 12)
        #expect(NumberReader.read("1 2") == nil)
        #expect(NumberReader.read(" 1,234 ")?.value == 1234)
    }

    /// A label of 200,000 item numbers (一、一、…, a 1 MB line of a text): each number stripped compared the
    /// whole rest of the label with what it was, 92 s for a 1 MB text (fuzz round, seed 2026, text 1318).
    @Test func manyItemNumbersAreStrippedInLinearTime() {
        let label = String(repeating: "一、", count: 200_000) + "其他"
        var stripped = ""
        let time = ContinuousClock().measure { stripped = Labels.stripNumbering(label) }
        #expect(time < .seconds(10), "\(time)")
        #expect(stripped == "其他")
        #expect(Labels.stripNumbering("(七)总计") == "总计")
        #expect(Labels.stripNumbering("三、3.其他") == "其他")
        #expect(Labels.stripNumbering("(二)部分公开") == "部分公开")
    }
}
