import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// Each form a table reaches the parser in, and rows that lost cells.
@Suite struct TableReadingTests {
    @Test func tabSeparatedRows() {
        let r = processText(
            report(rows: [
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
        let r = processText(
            report(rows: [
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
            of:
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n3.其他\t0\t0\t0\t0\t0\t0\t0",
            with: "（六）其他处理\t1\t0\t0\t0\t0\t0\t1")
        text = text.replacingOccurrences(of: "（七）总计\t0\t0\t0\t0\t0\t0\t0", with: "（七）总计\t1\t0\t0\t0\t0\t0\t1")
        text = text.replacingOccurrences(
            of: "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0", with: "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1")
        let r = processText(text)
        #expect(r.int("apps.other_handling.natural") == 1)
        #expect(r.fields["apps.other_handling.no_correction.natural"] == nil)
        #expect(r.errorRules.isEmpty)
    }

    // MARK: - Tables drawn without rules: blank rows, blank tables

    @Test func aRowPrintedAsALabelOnlyIsZeros() throws {
        // No rules, zeros left blank: 二、上年结转 and 1.属于国家秘密 print their label and nothing else.
        var r = UnruledReport()
        r.line("三、收到和处理政府信息公开申请情况")
        r.header()
        r.row("一、本年新收政府信息公开申请数量", [5, 1, nil, nil, nil, nil, 6])
        r.row("二、上年结转政府信息公开申请数量")
        r.row("（一）予以公开", [5, 1, nil, nil, nil, nil, 6])
        r.row("1.属于国家秘密")
        r.row("（七）总计", [5, 1, nil, nil, nil, nil, 6])
        r.row("四、结转下年度继续办理")
        r.line("四、政府信息公开行政复议、行政诉讼情况")
        let result = try r.process()
        for c in FieldCatalog.applicantColumns {
            #expect(result.int("apps.carried_over.\(c)") == 0)
            #expect(result.int("apps.denied.state_secret.\(c)") == 0)
            #expect(result.int("apps.carried_forward.\(c)") == 0)
        }
        #expect(result.int("apps.new_received.commercial") == 1 && result.int("apps.new_received.research") == 0)
        // A row not printed at all stays null: a blank row is read from its label, not assumed.
        #expect(result.fields["apps.partially_granted.natural"] == nil)
        #expect(result.errorRules.isEmpty)
    }

    @Test func blankRowsBetweenWrappedLabelsAreToldApartByTheirLabels() throws {
        // A label wrapped onto a line of its own names no row; blank rows do, and the row after them
        // (3.其他, a bare label recognised only after its sibling rows) keeps its own numbers.
        var r = UnruledReport()
        r.line("三、收到和处理政府信息公开申请情况")
        r.header()
        r.row("一、本年新收政府信息公开申请数量", [3, nil, nil, nil, nil, nil, 3])
        r.row("（二）部分公开（区分处理的，只计这", [2, nil, nil, nil, nil, nil, 2])
        r.line("一情形，不计其他情形）")
        r.row("1.申请人无正当理由逾期不补正、")
        r.line("行政机关不再处理其政府信息公开申请")
        r.row("2.申请人逾期未按收费通知要求缴纳")
        r.line("费用、行政机关不再处理其政府信息公开申请")
        r.row("3.其他", [1, nil, nil, nil, nil, nil, 1])
        r.row("（七）总计", [3, nil, nil, nil, nil, nil, 3])
        r.line("四、政府信息公开行政复议、行政诉讼情况")
        let result = try r.process()
        #expect(result.int("apps.partially_granted.natural") == 2)
        #expect(
            result.int("apps.other_handling.other.natural") == 1 && result.int("apps.other_handling.other.total") == 1)
        #expect(
            result.int("apps.other_handling.unpaid_fee.natural") == 0
                && result.int("apps.other_handling.unpaid_fee.total") == 0)
        #expect(result.int("apps.other_handling.no_correction.total") == 0)
        #expect(result.findings(FindingID.duplicateRow).isEmpty)
    }

    @Test func aTableThreePrintedBlankIsZerosAndAnAbsentOneIsMissing() throws {
        // No request at all: table 三 printed with its header and every label, not a number in it.
        var r = UnruledReport()
        r.line("三、收到和处理政府信息公开申请情况")
        r.header()
        for label in UnruledReport.table3 { for part in label { r.line(part) } }
        r.line("四、政府信息公开行政复议、行政诉讼情况")
        let result = try r.process()
        let ids = FieldCatalog.all.filter { $0.id.hasPrefix("apps.") && $0.templates.contains(.y2021) }.map(\.id)
        #expect(ids.count == 175)
        #expect(ids.filter { result.fields[$0] != 0 }.isEmpty)
        #expect(result.fields["apps.other_handling.natural"] == nil)  // the one-row form: not this table's
        #expect(!result.findings(FindingID.missingTable).contains { $0.message.contains("三") })
        // The section without its table (a sentence says there was no request): still missing.
        var a = UnruledReport()
        a.line("三、收到和处理政府信息公开申请情况")
        a.line("本年度未收到政府信息公开申请，无予以公开、不予公开等情况。")
        a.line("四、政府信息公开行政复议、行政诉讼情况")
        let absent = try a.process()
        #expect(absent.fields["apps.new_received.natural"] == nil)
        #expect(absent.findings(FindingID.missingTable).contains { $0.severity == .error })
    }

    @Test func aTableFourPrintedWithAnEmptyDataRowIsZeros() throws {
        // Without rules: the header and no data row at all.
        var r = UnruledReport()
        r.line("四、政府信息公开行政复议、行政诉讼情况")
        r.centred("行政复议", on: 128)
        r.centred("行政诉讼", on: 400)
        r.y += 14
        for (i, name) in ["结果", "结果", "其他", "尚未", "总计"].enumerated() {
            r.centred(name, on: UnruledReport.reviewColumns[i])
        }
        r.centred("未经复议直接起诉", on: 298)
        r.centred("复议后起诉", on: 468)
        r.y += 14
        for (i, name) in ["维持", "纠正", "结果", "审结"].enumerated() { r.centred(name, on: UnruledReport.reviewColumns[i]) }
        r.y += 30
        r.line("五、存在的主要问题及改进情况")
        let unruled = try r.process()
        for id in FieldCatalog.reviewGroups.flatMap({ g in FieldCatalog.reviewColumns.map { "\(g).\($0)" } }) {
            #expect(unruled.fields[id] == 0)
        }
        #expect(unruled.findings(FindingID.missingTable).allSatisfy { !$0.message.contains("四") })
        // Ruled: the grid's data row has fifteen blank cells.
        var t = Typesetter(size: 9)
        t.text("测试县2022年政府信息公开工作年度报告", x: 120, y: 60)
        t.text("四、政府信息公开行政复议、行政诉讼情况", x: 40, y: 100)
        let header = Array(repeating: ["维持", "纠正", "其他", "尚未", "总计"], count: 3).flatMap { $0 }
        let below = t.table(
            x: 40, y: 120, widths: Array(repeating: 33, count: 15), rowHeight: 20,
            rows: [
                ["行政复议"] + Array(repeating: "<", count: 4) + ["直接起诉"] + Array(repeating: "<", count: 4)
                    + ["复议后起诉"] + Array(repeating: "<", count: 4), header, Array(repeating: "", count: 15),
            ])
        t.text("五、存在的主要问题及改进情况", x: 40, y: below + 20)
        let page = t.page()
        let ruled = try Pipeline(rules: defaultRules, pdfReader: { _, _ in [page] }).process(
            name: "t.pdf", bytes: [1], kind: .pdf)
        #expect(ruled.int("review.total") == 0 && ruled.int("suit_after_review.upheld") == 0)
        // A section 四 that only says there was no case has no table: missing, not zeros.
        var a = UnruledReport()
        a.line("四、政府信息公开行政复议、行政诉讼情况")
        a.line("本年度未发生行政复议、行政诉讼。")
        a.line("五、存在的主要问题及改进情况")
        let absent = try a.process()
        #expect(absent.fields["review.total"] == nil)
        #expect(absent.findings(FindingID.missingTable).contains { $0.message.contains("四") })
    }

    @Test func aBlankTotalBesideFilledCellsStaysNullWithoutRules() throws {
        // OUTPUT.md: blank cells are 0, but a blank 总计 beside filled cells is a total left out.
        var r = UnruledReport()
        r.line("三、收到和处理政府信息公开申请情况")
        r.header()
        r.row("一、本年新收政府信息公开申请数量", [5, 1, nil, nil, nil, nil, 6])
        r.row("（一）予以公开", [5, 1, nil, nil, nil, nil, nil])
        r.row("（七）总计", [5, 1, nil, nil, nil, nil, 6])
        r.line("四、政府信息公开行政复议、行政诉讼情况")
        let result = try r.process()
        #expect(result.int("apps.granted.natural") == 5 && result.int("apps.granted.research") == 0)
        #expect(result.fields["apps.granted.total"] == nil)
        #expect(result.findings(FindingID.missingTotal).count == 1)
    }

    @Test func spacedLabelsMatchTheirRows() throws {
        // 其 他 法 律 … typed with spaces, 2.重复申请 and （七）总计 set 分散对齐: gaps as wide as the gap
        // between two columns, between every character alike.
        var r = UnruledReport()
        r.line("三、收到和处理政府信息公开申请情况")
        r.header()
        r.row("一、本年新收政府信息公开申请数量", [5, 1, nil, nil, nil, nil, 6])
        r.t.text("2.其 他 法 律 行 政", x: 40, y: r.y)
        r.y += 16
        r.t.text("法 规 禁 止 公 开", x: 40, y: r.y)
        for (x, v) in zip(UnruledReport.columns, [1, nil, nil, nil, nil, nil, 1]) {
            if let v { r.centred(String(v), on: x) }
        }
        r.y += 16
        r.t.text("2.", x: 40, y: r.y)
        r.t.text("重复申请", x: 80, y: r.y, spacing: 30)
        for (x, v) in zip(UnruledReport.columns, [4, 1, nil, nil, nil, nil, 5]) {
            if let v { r.centred(String(v), on: x) }
        }
        r.y += 16
        r.t.text("（七）总计", x: 40, y: r.y, spacing: 24)
        for (x, v) in zip(UnruledReport.columns, [5, 1, nil, nil, nil, nil, 6]) {
            if let v { r.centred(String(v), on: x) }
        }
        r.y += 16
        r.line("四、政府信息公开行政复议、行政诉讼情况")
        let result = try r.process()
        #expect(
            result.int("apps.denied.law_prohibited.natural") == 1 && result.int("apps.denied.law_prohibited.total") == 1
        )
        #expect(
            result.int("apps.not_processed.repeated.natural") == 4
                && result.int("apps.not_processed.repeated.total") == 5)
        #expect(result.int("apps.results_total.natural") == 5 && result.int("apps.results_total.total") == 6)
        #expect(result.findings(FindingID.extraCells).isEmpty && result.findings(FindingID.cellPlacement).isEmpty)
    }

    @Test func blankRowsAreReadFromLabelsOnlyParts() {
        let m = Labels.Matcher(defaultRules.labels.applications.rows, fieldPrefix: "apps.")
        func row(_ parts: [String], labelsOnly: [Bool], numbers: Bool) -> LogicalRow {
            let slot = Slot(value: .number(NumberReader.read("1")!), text: "1", location: nil, line: 9)
            return LogicalRow(
                labelParts: parts, slots: numbers ? [slot] : [], labelLine: 0, firstLine: 0, page: 1,
                labelsOnly: labelsOnly)
        }
        // Wrapped label parts name no row; a blank row's label does; the row's own label is read last.
        let a = m.resolve(
            row(
                ["2.其他法律行政法规禁止", "公开", "（三）", "3.危及“三安全一稳定”"], labelsOnly: [true, true, true, false],
                numbers: true), previous: "denied.state_secret")
        #expect(a.key == "denied.security_stability")
        #expect(a.blanks.map(\.key) == ["denied.law_prohibited"])
        // A label wrapped before its numbers is the row's own, not a blank row.
        let b = m.resolve(
            row(["（二）部分公开", "（区分处理的，只计这一情形，不计其他情形）"], labelsOnly: [true, false], numbers: true),
            previous: nil)
        #expect(b.key == "partially_granted" && b.blanks.isEmpty)
        // Parts not from lines of labels only (a text input's label parts) are never blank rows.
        let c = m.resolve(
            row(["1.属于国家秘密", "2.其他法律行政法规禁止公开"], labelsOnly: [false, false], numbers: true), previous: nil)
        #expect(c.key == "denied.law_prohibited" && c.blanks.isEmpty)
        // With no number after them, every part names a blank row.
        let d = m.resolve(
            row(["（七）总计", "四、结转下年度继续办理"], labelsOnly: [true, true], numbers: false), previous: "other_handling.other")
        #expect(d.key == nil && d.blanks.map(\.key) == ["results_total", "carried_forward"])
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
        #expect(
            m.match(parts: ["(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], previous: nil)
                == "other_handling.no_correction")
        // A label cut short by a page break: the one row whose template label it begins.
        let withTemplate = Labels.Matcher(defaultRules.labels.applications.rows, fieldPrefix: "apps.")
        #expect(withTemplate.match(parts: ["5.要求行政机关确认或重"], previous: nil) == "not_processed.confirmation")
        #expect(withTemplate.match(parts: ["1.属于"], previous: nil) == nil)  // too short to tell
        #expect(Labels.stripNumbering("(七)总计") == "总计")
        #expect(Labels.stripNumbering("三、本年度办理结果") == "本年度办理结果")
    }
}
