import Foundation
import Testing

@testable import NianbaoCore

/// Rows of table 二 whose label OCR misread past recognition are named by their place
/// (`ActiveTableReader.byPlace`): the one template row not read yet that stands there with as many cells.
@Suite struct LabelByPlaceTests {
    /// A table row of cells; with `ocr`, every cell as OCR reads it.
    func line(_ cells: [String], ocr: Bool) -> Line {
        let reading = ocr ? OCRReading(confidence: 95, confident: true) : nil
        return Line(
            cells: cells.map {
                Cell($0, location: SourceLocation(page: 1, box: Box(x0: 0, y0: 0, x1: 1, y1: 1), ocr: reading))
            },
            kind: .tableRow, page: 1)
    }

    func read(_ rows: [[String]], ocr: Bool = true) -> TableOutput {
        let lines = rows.map { line($0, ocr: ocr) }
        return ActiveTableReader.read(
            lines, range: 0..<lines.count, rules: defaultRules.labels.active, template: .y2021)
    }

    let table = [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规癌", "4", "1", "18"], ["行政规范性文件", "15", "0", "26"],
        ["行政许可", "100"], ["行政处罚", "7"], ["行政强制", "293"], ["行政志业性费收", "0.5"],
    ]

    @Test func aMisreadLabelIsTheRowThatStandsThere() {
        let output = read(table)
        #expect(output.fields["active.rules.issued"] == 4)
        #expect(output.fields["active.rules.in_force"] == 18)
        #expect(output.fields["active.fees.amount"] == Decimal(string: "0.5"))
        #expect(output.findings.filter { $0.rule == FindingID.labelByPlace && $0.severity == .warning }.count == 2)
        // A label cell OCR read nothing in: the same.
        var blank = table
        blank[1][0] = ""
        #expect(read(blank).fields["active.rules.in_force"] == 18)
    }

    @Test func textIsNeverNamedByPlace() {
        let output = read(table, ocr: false)
        #expect(output.fields["active.rules.issued"] == nil)
        #expect(output.fields["active.fees.amount"] == nil)
    }

    @Test func notWhereTwoRowsCouldStand() {
        // Between 行政规范性文件 and 行政强制 stand 行政许可 and 行政处罚, one cell each: neither is taken.
        let rows = [table[1], table[2], ["行政汻司", "100"], table[5]]
        let output = read(rows)
        #expect(output.fields["active.licensing.decisions"] == nil)
        #expect(output.fields["active.penalty.decisions"] == nil)
        // Nor a row whose cells are not as many as the one row there has (行政许可: one).
        let wide = read([table[2], ["行政汻司", "100", "3"], table[4]])
        #expect(wide.fields["active.licensing.decisions"] == nil)
    }
}
