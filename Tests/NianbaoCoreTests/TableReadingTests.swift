import Foundation
import Testing
@testable import NianbaoCore

/// Each form a table reaches the parser in, and rows that lost cells.
@Suite struct TableReadingTests {
    @Test func tabSeparatedRows() {
        let r = processText(report(rows: [
            "一、本年新收政府信息公开申请数量": appsRow("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 2, 0, 8]),
            "（一）予以公开": appsRow("（一）予以公开", [5, 1, 0, 0, 2, 0, 8]),
            "（七）总计": appsRow("（七）总计", [5, 1, 0, 0, 2, 0, 8]),
        ]))
        #expect(r.int("apps.new_received.natural") == 5)
        #expect(r.int("apps.new_received.legal") == 2)
        #expect(r.int("apps.new_received.total") == 8)
        #expect(r.int("active.licensing.decisions") == 1234)
        #expect(r.fields["active.fees.amount"] == Decimal(string: "4.5"))
        #expect(r.errorRules.isEmpty)
        #expect(r.template == .y2021 && r.year == 2022 && r.issuer == "测试县人民政府")
    }

    @Test func pipeSeparatedRows() {
        let text = report().replacingOccurrences(of: "\t", with: " | ")
        let r = processText(text)
        #expect(r.int("active.normative.in_force") == 20)
        #expect(r.int("apps.results_total.total") == 0)
        #expect(r.int("review.total") == 0)
        #expect(r.findings(FindingID.missingTable).isEmpty)
    }

    @Test func spaceAlignedRows() {
        let text = report(rows: ["（一）予以公开": "（一）予以公开   3   0   0   0   0   1   4"])
        let r = processText(text.replacingOccurrences(of: "行政许可\t1,234", with: "行政许可      1,234"))
        #expect(r.int("apps.granted.natural") == 3)
        #expect(r.int("apps.granted.other") == 1)
        #expect(r.int("apps.granted.total") == 4)
        #expect(r.int("active.licensing.decisions") == 1234)
    }

    @Test func oneCellPerLineWithBlanksDropped() {
        // A web table flattened one cell per line, its blank cells dropped (seed 003's form).
        let text = report(rows: [
            "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数量 |\n6 |\n6 | |||||||",
            "（一）予以公开": "（一）予以公开 |\n6 |\n6 | |||||||",
            "（七）总计": "（七）总计 |\n6 |\n6 | |||||||",
        ])
        let r = processText(text)
        #expect(r.int("apps.new_received.natural") == 6)
        #expect(r.int("apps.new_received.commercial") == 0)
        #expect(r.int("apps.new_received.total") == 6)
        #expect(r.errorRules.isEmpty)
        let warnings = r.findings(FindingID.cellPlacement)
        #expect(warnings.count == 3)
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.message.contains("read as 自然人 6, 总计 6") })
    }

    @Test func theIdentitiesChooseBetweenPlacements() {
        // Both numbers of 一 could stand in any applicant column; the balance with （七）总计, printed in
        // full in the 商业企业 column, decides.
        let text = report(rows: [
            "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数量 |\n2 |\n2 |",
            "（一）予以公开": appsRow("（一）予以公开", [0, 2, 0, 0, 0, 0, 2]),
            "（七）总计": appsRow("（七）总计", [0, 2, 0, 0, 0, 0, 2]),
        ])
        let r = processText(text)
        #expect(r.int("apps.new_received.commercial") == 2)
        #expect(r.int("apps.new_received.natural") == 0)
        #expect(r.errorRules.isEmpty)
    }

    @Test func aRowMissingOneZeroCellIsRead() {
        // Six zeros where seven cells belong (an extractor dropped one): every reading gives zeros.
        let r = processText(report(rows: ["5.属于三类内部事务信息": "5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0"]))
        for c in FieldCatalog.applicantColumns { #expect(r.int("apps.denied.internal_affairs.\(c)") == 0) }
        #expect(r.findings(FindingID.cellPlacement).isEmpty)
    }

    @Test func aLostNumberIsNeverInvented() {
        // Six numbers that fit no placement with a zero in the missing cell: the unknown cell stays null.
        let r = processText(report(rows: ["（一）予以公开": "（一）予以公开\t5\t3\t1\t0\t0\t1"]))
        #expect(r.int("apps.granted.natural") == 5)
        #expect(r.fields["apps.granted.total"] == nil)
        #expect(!r.errorRules.contains("row_total"))
        #expect(r.findings(FindingID.cellPlacement).first?.message.contains("unknown") == true)
    }

    @Test func blankCellsOnOneLineAreZeros() {
        let r = processText(report(rows: ["（一）予以公开": "（一）予以公开\t3\t\t\t\t\t\t3"]))
        #expect(r.int("apps.granted.natural") == 3)
        #expect(r.int("apps.granted.research") == 0)
        #expect(r.int("apps.granted.total") == 3)
        #expect(r.findings(FindingID.cellPlacement).isEmpty)
    }

    @Test func aBlankTotalIsNullWithAWarning() {
        let r = processText(report(rows: ["（一）予以公开": "（一）予以公开\t3\t0\t0\t0\t0\t0\t"]))
        #expect(r.int("apps.granted.natural") == 3)
        #expect(r.fields["apps.granted.total"] == nil)
        #expect(r.findings(FindingID.missingTotal).count == 1)
        #expect(!r.errorRules.contains("row_total"))
    }

    @Test func dashesAndUnitsInCells() {
        var text = report(rows: ["（一）予以公开": "（一）予以公开\t—\t-\t/\t0\t0\t2件\t2件"])
        text = text.replacingOccurrences(of: "行政事业性收费\t4.5", with: "行政事业性收费\t251000元")
        let r = processText(text)
        #expect(r.int("apps.granted.natural") == 0)
        #expect(r.int("apps.granted.other") == 2)
        #expect(r.fields["active.fees.amount"] == Decimal(string: "25.1"))
        #expect(r.findings(FindingID.unitConversion).count == 1)
    }

    @Test func anEighthSubtotalColumnIsDropped() {
        var text = report(rows: [
            "一、本年新收政府信息公开申请数量": appsRow("一、本年新收政府信息公开申请数量", [4, 1, 0, 0, 2, 0, 3, 7]),
            "（一）予以公开": appsRow("（一）予以公开", [4, 1, 0, 0, 2, 0, 3, 7]),
            "（七）总计": appsRow("（七）总计", [4, 1, 0, 0, 2, 0, 3, 7]),
        ])
        text = text.replacingOccurrences(of: "法律服务机构\t其他", with: "法律服务机构\t其他\t小计")
        let r = processText(text)
        #expect(r.int("apps.new_received.natural") == 4)
        #expect(r.int("apps.new_received.legal") == 2)
        #expect(r.int("apps.new_received.other") == 0)
        #expect(r.int("apps.new_received.total") == 7)
        #expect(r.int("apps.carried_over.total") == 0)
        #expect(r.errorRules.isEmpty)
    }

    @Test func twoNumbersInOneCellAreTwoCells() {
        // A grid that missed a rule merges two cells: "1002 130" is 自然人 1002 and 商业企业 130.
        let r = processText(report(rows: [
            "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数量\t1002 130\t0\t0\t0\t0\t1132",
            "（一）予以公开": "（一）予以公开\t1002\t130\t0\t0\t0\t0\t1132",
            "（七）总计": "（七）总计\t1002\t130\t0\t0\t0\t0\t1132",
        ]))
        #expect(r.int("apps.new_received.natural") == 1002)
        #expect(r.int("apps.new_received.commercial") == 130)
        #expect(r.errorRules.isEmpty)
    }

    @Test func reviewTableWithASurplusCell() {
        let r = processText(report(review: "2\t0\t0\t0\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0"))
        #expect(r.int("review.upheld") == 2 && r.int("review.total") == 2)
        #expect(r.int("suit_after_review.upheld") == 1 && r.int("suit_after_review.total") == 1)
        #expect(r.findings(FindingID.extraCells).count == 1)
    }

    @Test func otherHandlingAsOneRow() {
        var text = report()
        text = text.replacingOccurrences(
            of: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n3.其他\t0\t0\t0\t0\t0\t0\t0",
            with: "（六）其他处理\t1\t0\t0\t0\t0\t0\t1")
        text = text.replacingOccurrences(of: "（七）总计\t0\t0\t0\t0\t0\t0\t0", with: "（七）总计\t1\t0\t0\t0\t0\t0\t1")
        text = text.replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0", with: "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1")
        let r = processText(text)
        #expect(r.int("apps.other_handling.natural") == 1)
        #expect(r.fields["apps.other_handling.no_correction.natural"] == nil)
        #expect(r.errorRules.isEmpty)
    }

    @Test func numberReader() {
        #expect(NumberReader.read("3,985,758")?.value == 3_985_758)
        #expect(NumberReader.read("１２３")?.value == 123)
        #expect(NumberReader.read("4.66万元")?.unit == .wanYuan)
        #expect(NumberReader.read("-3")?.value == -3)
        #expect(NumberReader.read("—")?.zeroMark == true)
        #expect(NumberReader.read("1.属于国家秘密") == nil)
        #expect(NumberReader.read("1,23") == nil)
        #expect(NumberReader.read("2022年") == nil)
        #expect(NumberReader.read("1002 130") == nil)  // two cells run together, not one number
        #expect(NumberReader.read("4.66 万元")?.unit == .wanYuan)
    }

    @Test func labelMatching() {
        let m = Labels.Matcher(defaultRules.labels.applications.rows)
        #expect(m.match(parts: ["(三)不予公开", "2.其他法律行政法规禁止公开"], previous: nil) == "denied.law_prohibited")
        #expect(m.match(parts: ["3.其他"], previous: "other_handling.unpaid_fee") == "other_handling.other")
        #expect(m.match(parts: ["其他"], previous: nil) == nil)
        #expect(m.match(parts: ["总计"], previous: nil) == nil)
        #expect(m.match(parts: ["(七)总计"], previous: nil) == "results_total")
        #expect(m.match(parts: ["(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], previous: nil)
            == "other_handling.no_correction")
        // A label cut short by a page break: the one row whose template label it begins.
        let withTemplate = Labels.Matcher(defaultRules.labels.applications.rows, fieldPrefix: "apps.")
        #expect(withTemplate.match(parts: ["5.要求行政机关确认或重"], previous: nil) == "not_processed.confirmation")
        #expect(withTemplate.match(parts: ["1.属于"], previous: nil) == nil)  // too short to tell
        #expect(Labels.stripNumbering("(七)总计") == "总计")
        #expect(Labels.stripNumbering("三、本年度办理结果") == "本年度办理结果")
    }
}
