import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// Text that other extractors made of PDFs (`pdftotext -layout`, `-raw`, OCR): labels wrapped around
/// their numbers, vertical group labels read into rows, cell borders read as `|`.
@Suite struct ExtractorTextTests {
    @Test func strayCellBordersAreNotPipeSeparators() {
        let line = PlainTextReader.cells("          2、重复申请          15        |2   ０    |0     0   0    17")
        #expect(line.kind == .tableRow)
        #expect(line.cells.map(\.text) == ["2、重复申请", "15", "2", "０", "0", "0", "0", "17"])
        // Pipes that separate cells stay separators.
        let row = PlainTextReader.cells("规章 | 0 | 0 | 0 |")
        #expect(row.cells.map(\.text) == ["规章", "0", "0", "0"])
        #expect(row.positional)
    }

    @Test func aRowLabelAfterAVerticalGroupLabel() {
        #expect(Labels.fromLastItemNumber("不予公5.属于三类内部") == "5.属于三类内部")
        #expect(Labels.fromLastItemNumber("(三)3.危及“三安全一稳定”") == "3.危及“三安全一稳定”")
        #expect(Labels.fromLastItemNumber("果(七)总计") == "(七)总计")
        #expect(Labels.fromLastItemNumber("三、本年度办理结果") == nil)
        #expect(Labels.fromLastItemNumber("2023年度") == nil)
    }

    @Test func labelsWrappedAroundTheirNumbers() {
        // pdftotext -layout prints a label that wraps in its cell on the lines above and below the
        // numbers, and the vertical group label (不予公开, one character or three a line) beside it.
        let wrapped = """
                不予公 5、属于三类内部
                                     2        1         0      0      0   0        3
                 开    事务信息
            """
        var text = report(rows: ["5.属于三类内部事务信息": wrapped])
        text = text.replacingOccurrences(
            of: "行政规范性文件\t3\t1\t20", with: "行政规范性文\n               3          1                20\n   件")
        text = text.replacingOccurrences(
            of: "行政事业性收费\t4.5", with: "行政事业性收\n                                          4.5\n   费")
        let r = processText(text)
        #expect(r.int("apps.denied.internal_affairs.natural") == 2)
        #expect(r.int("apps.denied.internal_affairs.commercial") == 1)
        #expect(r.int("apps.denied.internal_affairs.total") == 3)
        #expect(r.int("active.normative.issued") == 3)
        #expect(r.int("active.normative.in_force") == 20)
        #expect(r.fields["active.fees.amount"] == Decimal(string: "4.5"))
    }
}
