import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// Tables 二, 三 and 四 as the form lays them out, from the field catalogue's labels.
@Suite struct TemplateTableTests {
    @Test(
        "every field of a template stands in exactly one cell of its tables, and no other field",
        arguments: Template.allCases)
    func everyFieldOnce(template: Template) {
        let placed = TemplateTable.tables(for: template).flatMap { $0.rows.flatMap(\.fields) }
        #expect(placed.count == Set(placed).count)
        #expect(Set(placed) == Set(FieldCatalog.all.filter { $0.templates.contains(template) }.map(\.id)))
    }

    @Test("table 三 is one block: seven applicant columns, a row per item; table 四 three rows of five")
    func shapes() throws {
        for (template, rows) in [(Template.y2021, 25), (.y2019, 23)] {
            let tables = TemplateTable.tables(for: template)
            let three = tables.filter { $0.section == 3 }
            #expect(three.count == 1)
            let table = try #require(three.first)
            #expect(table.columns.map { $0.last! } == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
            #expect(table.columns[1] == ["法人或其他组织", "商业企业"])
            #expect(table.rows.count == rows, "\(template)")
            let four = tables.filter { $0.section == 4 }
            #expect(four.count == 1)
            #expect(four.first?.rows.map(\.label) == [["行政复议"], ["行政诉讼", "未经复议直接起诉"], ["行政诉讼", "复议后起诉"]])
            #expect(four.first?.columns == [["结果维持"], ["结果纠正"], ["其他结果"], ["尚未审结"], ["总计"]])
        }
        // Table 二 of the 2021 form: its blocks by the columns they have.
        let two = TemplateTable.tables(for: .y2021).filter { $0.section == 2 }
        #expect(
            two.map { $0.rows.map { $0.label.joined() } } == [
                ["规章", "行政规范性文件"], ["行政许可", "行政处罚", "行政强制"], ["行政事业性收费"],
            ])
    }

    @Test("a heading the catalogue abbreviates is the one above; a row shows what differs from the row above")
    func labels() throws {
        let table = try #require(TemplateTable.tables(for: .y2021).first { $0.section == 3 })
        let granted = try #require(table.rows.firstIndex { $0.fields.first == "apps.granted.natural" })
        let partly = granted + 1
        #expect(table.rows[partly].label == ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"])
        #expect(table.shownLabel(partly) == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"])
        let secret = try #require(table.rows.firstIndex { $0.fields.first == "apps.denied.state_secret.natural" })
        #expect(table.shownLabel(secret) == ["（三）不予公开", "1.属于国家秘密"])
        #expect(table.shownLabel(secret + 1) == ["2.其他法律行政法规禁止公开"])
        #expect(table.shownLabel(0) == ["一、本年新收政府信息公开申请数量"])
    }

    @Test("the terminal sheet: values in their cells, cells a finding names marked, findings under the tables")
    func sheet() {
        var r = ReportResult(
            source: "r.txt", sha256: "00", template: .y2021, year: 2022, issuer: "某县人民政府",
            fields: ["review.upheld": 3, "review.total": 2, "active.fees.amount": Decimal(string: "1.5")!])
        r.findings = [
            Finding(
                rule: "review_total", severity: .error, fields: ["review.upheld", "review.total"], message: "3 ≠ 2")
        ]
        let text = ReportSheet.render(r)
        #expect(text.hasPrefix("r.txt  某县人民政府  2022  template 2021\n"))
        // Widths by hand: the label column is as wide as 行政诉讼 未经复议直接起诉 (25 columns), each value
        // column as its heading (结果维持: 8; 总计: 4), two spaces between columns.
        #expect(
            text.contains("\n行政复议" + String(repeating: " ", count: 25) + "3!         -         -         -    2!\n"),
            "\(text)")
        // 本年收费金额（单位：万元） is 26 columns wide.
        #expect(text.contains("\n行政事业性收费" + String(repeating: " ", count: 25) + "1.5\n"))
        #expect(text.contains("\n  （七）总计 "))
        #expect(text.hasSuffix("error review_total [review.upheld, review.total]: 3 ≠ 2\n"))
        #expect(ReportSheet.width("行政a") == 5)
        #expect(ReportSheet.cut("一二三四五六", 7) == "一二三…")
    }
}
