import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// Rows printed as runs of digits without separators (crawled page text): the splitter, the structure of
/// a report on one line, and how ambiguous and impossible rows end.
@Suite struct GluedTests {
    static let row = [GluedSplitter.Group(members: Array(0..<6), total: 6)]

    @Test func aRowWhoseTotalDecidesTheCut() {
        let r = GluedSplitter.split("38010120384", width: 7, groups: Self.row)
        #expect(r.accepted == [["380", "1", "0", "1", "2", "0", "384"]])
        #expect(!r.exhausted)
    }

    @Test func strayInnerSpacesAreNoBoundaries() {
        // 23 0 0 0 0 0 23, printed `230 000023`.
        let r = GluedSplitter.split("230 000023", width: 7, groups: Self.row)
        #expect(r.accepted == [["23", "0", "0", "0", "0", "0", "23"]])
    }

    @Test func withoutIdentitiesEveryCutIsARreading() {
        let r = GluedSplitter.split("5312", width: 3)
        #expect(Set(r.accepted) == [["5", "3", "12"], ["5", "31", "2"], ["53", "1", "2"]])
        #expect(r.structural == 3)
    }

    @Test func noCellHasALeadingZero() {
        #expect(GluedSplitter.split("1001", width: 2).accepted == [["100", "1"]])
        #expect(GluedSplitter.split("000", width: 3).accepted == [["0", "0", "0"]])
        #expect(GluedSplitter.split("0012", width: 2).accepted.isEmpty)
    }

    @Test func tooFewDigitsCannotBeCut() {
        let r = GluedSplitter.split("12", width: 7, groups: Self.row)
        #expect(r.accepted.isEmpty && r.structural == 0 && r.onlyStructural == nil)
    }

    @Test func theOnlyCutIsKeptWhenTheRowBreaksItsOwnTotal() {
        // 5 + 3 ≠ 9: no cut keeps the total, and the format allows one only.
        let r = GluedSplitter.split("5300009", width: 7, groups: Self.row)
        #expect(r.accepted.isEmpty)
        #expect(r.onlyStructural == ["5", "3", "0", "0", "0", "0", "9"])
    }

    @Test func moneyCellsKeepTheirDecimals() {
        // 2019 template, 政府集中采购: items and amount.
        let r = GluedSplitter.split("23125.5", width: 2, decimalCells: [1])
        #expect(Set(r.accepted) == [["2", "3125.5"], ["23", "125.5"], ["231", "25.5"], ["2312", "5.5"]])
        #expect(GluedSplitter.split("4.5", width: 1, decimalCells: [0]).accepted == [["4.5"]])
        #expect(GluedSplitter.split("4.5", width: 1).accepted.isEmpty)
    }

    @Test func tableFourGroupsOfFive() {
        let groups = (0..<3).map { g in GluedSplitter.Group(members: Array((g * 5)..<(g * 5 + 4)), total: g * 5 + 4) }
        // 12 1 0 1 14 | 1 0 0 0 1 | 0 0 0 0 0, and 1 2 10 1 14 adds up as well.
        let r = GluedSplitter.split("12101141000100000", width: 15, groups: groups)
        #expect(
            Set(r.accepted) == [
                ["12", "1", "0", "1", "14", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"],
                ["1", "2", "10", "1", "14", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"],
            ])
        #expect(
            GluedSplitter.split("210033100400000", width: 15, groups: groups).accepted
                == [["2", "1", "0", "0", "3", "3", "1", "0", "0", "4", "0", "0", "0", "0", "0"]])
    }

    @Test func aLongRunEndsWithinItsBudget() {
        // 60 digits for 7 cells: the format alone allows none (a cell has at most 9 digits before the
        // point); 40 ones allow many cuts, none of which adds up: the search ends, exhausted or empty.
        #expect(GluedSplitter.split(String(repeating: "7", count: 200), width: 7, groups: Self.row).structural == 0)
        let started = ContinuousClock.now
        let r = GluedSplitter.split(String(repeating: "1", count: 40), width: 7, groups: Self.row, budget: 50_000)
        #expect(r.accepted.isEmpty)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func theNextLabelsItemNumberIsNotACell() {
        let chars = Array("1.属于国家秘密20000022.其他法律行政法规禁止公开0000000")
        let runs = GluedText.runs(chars).map { String(chars[$0.start..<$0.end]) }
        #expect(runs == ["2000002", "0000000"])
    }

    @Test func quantitiesInProseAreNoRuns() {
        let chars = Array("全年共收到申请328件，办结2023年的申请")
        #expect(GluedText.runs(chars).isEmpty)
    }

    /// The test report with every line break and tab removed, as a crawler keeps a page's text.
    static func crawled(_ text: String) -> String {
        "标题:测试县2022年政府信息公开工作年度报告 发布时间:2023-1-20 09:30 发布机构:测试县人民政府办公室 原文链接:http://example.invalid/a.html\n"
            + text.replacingOccurrences(of: "\t", with: "").replacingOccurrences(of: "\n", with: "")
    }

    @Test func aWholeReportOnOneLine() {
        let rows = [
            "一、本年新收政府信息公开申请数量": appsRow("一、本年新收政府信息公开申请数量", [380, 1, 0, 1, 2, 0, 384]),
            "（一）予以公开": appsRow("（一）予以公开", [300, 1, 0, 1, 2, 0, 304]),
            "1.本机关不掌握相关政府信息": appsRow("1.本机关不掌握相关政府信息", [80, 0, 0, 0, 0, 0, 80]),
            "（七）总计": appsRow("（七）总计", [380, 1, 0, 1, 2, 0, 384]),
        ]
        let review = "2\t1\t0\t0\t3\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0"
        let tabbed = processText(report(rows: rows, review: review))
        let glued = processText(Self.crawled(report(rows: rows, review: review)))
        #expect(tabbed.errorRules.isEmpty)
        #expect(glued.errorRules.isEmpty, "\(glued.findings.filter { $0.severity == .error })")
        // Every field the tab-separated report gives, except the normative row (below), equal.
        let differing = tabbed.fields.keys.filter {
            !$0.hasPrefix("active.normative.") && glued.fields[$0] != tabbed.fields[$0]
        }
        #expect(differing.isEmpty, "\(differing.sorted().prefix(10))")
        #expect(glued.int("apps.new_received.natural") == 380)
        #expect(glued.int("review.total") == 3)
        #expect(glued.int("active.licensing.decisions") == 1234)
        #expect(glued.fields["active.fees.amount"] == Decimal(string: "4.5"))
        #expect(glued.year == 2022 && glued.template == .y2021 && glued.issuer == "测试县人民政府")
        #expect(glued.published == "2023-01-20")
        // 行政规范性文件 3 1 20 glued is `3120`: 3|1|20, 3|12|0 and 31|2|0 all fit and table 二 has no
        // identity to choose by: the cells they disagree on (all three) are null, with a warning.
        #expect(glued.fields["active.normative.issued"] == nil)
        #expect(glued.fields["active.normative.in_force"] == nil)
        let open = glued.findings(FindingID.gluedCells).filter { $0.severity == .warning }
        #expect(open.count == 1)
        #expect(open.first?.message.contains("3 1 20") ?? false)
        #expect(glued.findings(FindingID.gluedCells).contains { $0.severity == .info })
        #expect(glued.findings(FindingID.missingTable).isEmpty)
    }

    @Test func theIdentitiesAcrossRowsSettleARow() {
        // 一 printed `110000011`: 1 10 0 0 0 0 11 and 11 0 0 0 0 0 11 both add up within the row; every
        // other row can be cut one way only, and the balance (一 + 二 = （七）总计 + 四) takes the first.
        let rows = [
            "一、本年新收政府信息公开申请数量": appsRow("一、本年新收政府信息公开申请数量", [1, 10, 0, 0, 0, 0, 11]),
            "二、上年结转政府信息公开申请数量": appsRow("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
            "（一）予以公开": appsRow("（一）予以公开", [2, 5, 0, 0, 0, 0, 7]),
            "1.本机关不掌握相关政府信息": appsRow("1.本机关不掌握相关政府信息", [0, 5, 0, 0, 0, 0, 5]),
            "（七）总计": appsRow("（七）总计", [2, 10, 0, 0, 0, 0, 12]),
        ]
        let r = processText(Self.crawled(report(rows: rows)))
        #expect(r.int("apps.new_received.natural") == 1)
        #expect(r.int("apps.new_received.commercial") == 10)
        #expect(r.errorRules.isEmpty)
        let settled = r.findings(FindingID.gluedCells).filter { $0.message.contains("本年新收") }
        #expect(
            settled.count == 1 && settled[0].severity == .info
                && settled[0].message.contains("keeps the template's identities"))
    }

    @Test func aReportThatBreaksItsOwnTotalIsNotFixed() {
        // 自然人 5 + 商业企业 3 printed with 总计 9: one cut only, taken; row_total reports it.
        let rows = ["（一）予以公开": appsRow("（一）予以公开", [5, 3, 0, 0, 0, 0, 9])]
        let r = processText(Self.crawled(report(rows: rows)))
        #expect(r.int("apps.granted.natural") == 5)
        #expect(r.int("apps.granted.total") == 9)
        #expect(r.errorRules.contains("row_total"))
    }
}

/// What a glued run must never do: push out a row read from real cells, pass for a blank table, or be cut
/// short at a sign.
@Suite struct GluedGuardTests {
    @Test func aSentenceBesideARealTableStaysProse() {
        let rows = ["（一）予以公开": appsRow("（一）予以公开", [5, 1, 0, 0, 2, 0, 8])]
        let text = report(rows: rows).replacingOccurrences(
            of: "三、收到和处理政府信息公开申请情况\n",
            with: "三、收到和处理政府信息公开申请情况\n本年度共收到政府信息公开申请，其中予以公开20，部分公开5，不予公开3，详见下表所列各项数据的统计情况。\n")
        let r = processText(text)
        #expect(r.int("apps.granted.natural") == 5)
        #expect(r.int("apps.granted.total") == 8)
        #expect(r.findings(FindingID.gluedCells).isEmpty)
        #expect(r.findings(FindingID.duplicateRow).isEmpty)
    }

    @Test func aShortGluedDataRowOfTableFourIsNoBlankTable() {
        let text = GluedTests.crawled(report(review: "1\t0\t1\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0"))
        let r = processText(text)
        #expect(r.fields["review.total"] == nil)
        #expect(r.fields["review.upheld"] == nil)
        #expect(r.findings(FindingID.gluedCells).contains { $0.severity == .warning && $0.message.contains("table 四") })
    }

    @Test func aRunWithADashIsNotCutShort() {
        // `规章100—5`: the dash is no boundary a cut may ignore; the row is left null, with a warning.
        let text = GluedTests.crawled(report()).replacingOccurrences(of: "规章000", with: "规章100—5")
        let r = processText(text)
        #expect(r.fields["active.rules.issued"] == nil)
        #expect(r.fields["active.rules.in_force"] == nil)
        #expect(r.findings(FindingID.gluedCells).contains { $0.severity == .warning && $0.message.contains("规章") })
    }

    @Test func paddedPipeRowsKeepTheirPipes() {
        #expect(PlainTextReader.cells("|规章   |5   |3   |12   |").cells.map(\.text) == ["规章", "5", "3", "12"])
        #expect(PlainTextReader.cells("规章   |   |   |12").cells.map(\.text) == ["规章", "", "", "12"])
    }

    @Test func aHeaderDateMustExist() {
        let keys = LabelRules.MetadataKeys(headerKeys: ["发布时间"], issuerKeys: [], dateKeys: ["发布时间"])
        #expect(Metadata.published(["发布时间：2023-02-30 10:00"], keys: keys) == nil)
        #expect(Metadata.published(["发布时间：2024-02-29 10:00"], keys: keys) == "2024-02-29")
    }
}
