import Foundation
import Testing

@testable import NianbaoCore

/// Sets text and ruled tables as glyphs, the way a PDF binding reports them.
struct Typesetter {
    var size = 12.0
    var glyphs: [Glyph] = []
    var rulingLines: [RulingLine] = []

    /// Characters from (x, y) (top of the line), one em apart, `spacing` extra between characters.
    mutating func text(_ s: String, x: Double, y: Double, spacing: Double = 0) {
        var cx = x
        for ch in s {
            let w = ch.isASCII ? size * 0.5 : size
            glyphs.append(Glyph(character: ch, box: Box(x0: cx, y0: y, x1: cx + w, y1: y + size), fontSize: size))
            cx += w + spacing
        }
    }

    /// A ruled table: `rows` of cells, where "<" continues the cell to the left (colspan) and "^" the
    /// cell above (rowspan); the given column widths and row height. Returns the y below the table.
    @discardableResult
    mutating func table(x: Double, y: Double, widths: [Double], rowHeight: Double, rows: [[String]]) -> Double {
        let xs = widths.reduce(into: [x]) { $0.append($0.last! + $1) }
        let ys = (0...rows.count).map { y + Double($0) * rowHeight }
        func leftLine(_ r: Int, _ c: Int) -> Bool {
            rows[r][c] == "<" ? false : rows[r][c] == "^" ? leftLine(r - 1, c) : true
        }
        func topLine(_ r: Int, _ c: Int) -> Bool {
            rows[r][c] == "^" ? false : rows[r][c] == "<" ? topLine(r, c - 1) : true
        }
        rulingLines += [
            RulingLine(x0: xs.first!, y0: ys.last!, x1: xs.last!, y1: ys.last!),
            RulingLine(x0: xs.last!, y0: ys.first!, x1: xs.last!, y1: ys.last!),
        ]
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                if leftLine(r, c) { rulingLines.append(RulingLine(x0: xs[c], y0: ys[r], x1: xs[c], y1: ys[r + 1])) }
                if topLine(r, c) { rulingLines.append(RulingLine(x0: xs[c], y0: ys[r], x1: xs[c + 1], y1: ys[r])) }
                if cell != "<" && cell != "^" { text(cell, x: xs[c] + 2, y: ys[r] + (rowHeight - size) / 2) }
            }
        }
        return ys.last!
    }

    func page(_ number: Int = 1, width: Double = 595, height: Double = 842) -> PageGlyphs {
        PageGlyphs(number: number, width: width, height: height, glyphs: glyphs, rulingLines: rulingLines)
    }
}

@Suite struct PageLayoutTests {
    @Test func gridCellsMergedCellsAndWrappedLabels() {
        var t = Typesetter()
        t.table(
            x: 50, y: 100, widths: [40, 120, 40, 40], rowHeight: 20,
            rows: [
                ["三、", "（一）予以公开", "2", "0"],
                ["^", "（二）部分公开", "1", "1"],
                ["四、结转", "<", "0", "0"],
            ])
        let lines = PageLayout().layout([t.page()]).lines
        #expect(lines.count == 3)
        #expect(lines[0].cells.map(\.text) == ["三、", "（一）予以公开", "2", "0"])
        #expect(lines[1].cells[0].spanned)
        #expect(lines[1].cells.map(\.text) == ["", "（二）部分公开", "1", "1"])
        #expect(lines[2].cells[1].spanned)
        #expect(lines[2].cells[0].text == "四、结转")
        #expect(lines[0].cells[2].location?.box == Box(x0: 210, y0: 100, x1: 250, y1: 120))
        #expect(lines[0].cells[2].location?.page == 1)
    }

    @Test func aLabelSetOneCharacterPerLineIsOneCell() {
        var t = Typesetter()
        t.table(x: 50, y: 100, widths: [30, 60], rowHeight: 80, rows: [["", "0"]])
        for (i, ch) in "办理结果".enumerated() { t.text(String(ch), x: 58, y: 104 + Double(i) * 18) }
        let lines = PageLayout().layout([t.page()]).lines
        #expect(lines.first?.cells.first?.text == "办理结果")
    }

    @Test func widelySpacedHanCharactersHaveNoSpaces() {
        var t = Typesetter()
        t.text("自然人", x: 50, y: 100, spacing: 9)
        t.text("ICP 2022", x: 50, y: 130)
        let lines = PageLayout().layout([t.page()]).lines.map(\.text)
        #expect(lines == ["自然人", "ICP 2022"])
    }

    @Test func paragraphsAreJoinedAcrossLinesAndPages() {
        var p1 = Typesetter(), p2 = Typesetter()
        let full = String(repeating: "政", count: 30)  // runs to the right margin at 50 + 360
        p1.text("一、总体情况", x: 50, y: 100)
        p1.text("　　" + String(repeating: "务", count: 28), x: 50, y: 130)
        p1.text(full, x: 50, y: 150)
        p1.text("- 1 -", x: 280, y: 800)
        p2.text("公开。", x: 50, y: 100)
        p2.text("　　二是另起一段。", x: 50, y: 120)
        let lines = PageLayout().layout([p1.page(1), p2.page(2)]).lines.map(\.text)
        #expect(lines.contains("一、总体情况"))
        // The indent (ideographic spaces) starts a paragraph; the full line continues onto page 2.
        #expect(lines.contains(String(repeating: "务", count: 28) + full + "公开。"))
        #expect(!lines.contains("- 1 -"))  // a page number in the footer zone is page furniture
        #expect(lines.last == "二是另起一段。")
    }

    @Test func aSidewaysPageIsTurnedUpright() {
        // Text running down the page, as a table set sideways on a portrait page.
        var glyphs: [Glyph] = []
        for (line, text) in ["行政复议结果维持总计", "一二三四五六七八九十"].enumerated() {
            for (i, ch) in text.enumerated() {
                let x = 300 - Double(line) * 20, y = 100 + Double(i) * 12
                glyphs.append(Glyph(character: ch, box: Box(x0: x, y0: y, x1: x + 12, y1: y + 12), fontSize: 12))
            }
        }
        let page = PageGlyphs(number: 1, width: 595, height: 842, glyphs: glyphs, rulingLines: [])
        let upright = PageLayout.upright(page)
        #expect(upright.width == 842)
        let lines = PageLayout().layout([page]).lines.map(\.text)
        #expect(lines == ["行政复议结果维持总计", "一二三四五六七八九十"])
    }

    @Test func unruledTableRowsGetBlankCellsWhereAColumnIsEmpty() {
        var t = Typesetter()
        let columns: [Double] = [300, 350, 400]
        let rows: [(String, [String?])] = [
            ("规章", ["0", "0", "0"]), ("行政规范性文件", ["3", nil, "20"]), ("其他", ["1", "1", "2"]),
        ]
        for (i, (label, values)) in rows.enumerated() {
            let y = 100 + Double(i) * 20
            t.text(label, x: 50, y: y)
            for (x, v) in zip(columns, values) { if let v { t.text(v, x: x, y: y) } }
        }
        let lines = PageLayout().layout([t.page()]).lines
        #expect(lines.map(\.kind) == [.tableRow, .tableRow, .tableRow])
        #expect(lines[1].cells.map(\.text) == ["行政规范性文件", "3", "", "20"])
    }

    @Test func aColumnBlankInEveryRowTakesItsPlaceFromItsHeader() {
        // Four columns; the third holds no number in any row, so only its header marks it.
        var t = Typesetter(size: 10)
        let columns: [Double] = [300, 340, 380, 420]
        t.text("法人或其他组织", x: 325, y: 160)  // spans the middle columns: no column of its own
        for (x, header) in zip(columns, ["自然", "商业", "科研", "总计"]) { t.text(header, x: x - 10, y: 175) }
        for (x, header) in zip(columns.dropFirst(), ["企业", "机构"]) { t.text(header, x: x - 10, y: 187) }
        let rows: [(String, [String?])] = [("一、本年新收", ["5", "1", nil, "6"]), ("（一）予以公开", ["3", nil, nil, "3"])]
        for (i, (label, values)) in rows.enumerated() {
            let y = 210 + Double(i) * 20
            t.text(label, x: 50, y: y)
            for (x, v) in zip(columns, values) { if let v { t.text(v, x: x - 2.5, y: y) } }
        }
        let lines = PageLayout().layout([t.page()]).lines.filter { $0.kind == .tableRow }
        #expect(lines.map { $0.cells.map(\.text) } == [["一、本年新收", "5", "1", "", "6"], ["（一）予以公开", "3", "", "", "3"]])
    }

    @Test func aLabelWrappedOntoItsOwnLineDoesNotEndTheTable() {
        // The middle column is blank in the rows after the wrapped label: the rows above still anchor it.
        var t = Typesetter()
        let columns: [Double] = [300, 350, 400]
        t.text("规章", x: 50, y: 100)
        for (x, v) in zip(columns, ["1", "2", "3"]) { t.text(v, x: x, y: 100) }
        t.text("（二）部分公开（区分处理的，", x: 50, y: 120)
        t.text("只计这一情形）", x: 50, y: 136)
        for (i, label) in ["其他", "总计"].enumerated() {
            let y = 156 + Double(i) * 20
            t.text(label, x: 50, y: y)
            t.text("4", x: columns[0], y: y)
            t.text("4", x: columns[2], y: y)
        }
        let lines = PageLayout().layout([t.page()]).lines
        #expect(lines.map(\.kind) == [.tableRow, .tableRow, .tableRow, .tableRow, .tableRow])
        #expect(lines.map(\.labelsOnly) == [false, true, true, false, false])
        #expect(lines[3].cells.map(\.text) == ["其他", "4", "", "4"])
    }

    @Test func aRowPrintedAsALabelOnlyIsALineOfLabels() {
        // A row whose cells are all blank, and a label wrapped onto a line of its own: both stand in the
        // label column with nothing in the value columns; the layout keeps them as table lines of labels
        // only (which of the two each is, only the labels can tell).
        var r = UnruledReport()
        r.header()
        r.row("一、本年新收政府信息公开申请数量", [5, 1, nil, nil, nil, nil, 6])
        r.row("二、上年结转政府信息公开申请数量")
        r.row("（二）部分公开（区分处理的，只计这", [5, 1, nil, nil, nil, nil, 6])
        r.line("一情形，不计其他情形）")
        r.row("（七）总计", [5, 1, nil, nil, nil, nil, 6])
        let lines = r.layout().filter { $0.kind == .tableRow }
        #expect(
            lines.map(\.text) == [
                "一、本年新收政府信息公开申请数量\t5\t1\t\t\t\t\t6", "二、上年结转政府信息公开申请数量",
                "（二）部分公开（区分处理的，只计这\t5\t1\t\t\t\t\t6", "一情形，不计其他情形）", "（七）总计\t5\t1\t\t\t\t\t6",
            ])
        #expect(lines.map(\.labelsOnly) == [false, true, false, true, false])
        #expect(lines.map(\.positional) == [true, false, true, false, true])
    }

    @Test func blankRowsAtTheTopOfAPageBelongToTheTableBelowThem() {
        // Table 三 continued on a new page, its first rows blank: they stand above the block's first
        // number, below nothing but the running header and page furniture.
        var r = UnruledReport()
        r.header()
        for label in ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开"] {
            r.row(label, [5, 1, nil, nil, nil, nil, 6])
        }
        r.newPage()
        r.y = 40
        r.line("- 2 -", x: 280)  // a page number in the header zone: furniture
        r.y = 120
        r.row("1.属于国家秘密")
        r.row("2.其他法律行政法规禁止公开")
        r.row("3.危及“三安全一稳定”", [1, nil, nil, nil, nil, nil, 1])
        let page2 = r.layout().filter { $0.page == 2 && $0.kind != .furniture }
        #expect(page2.map(\.text) == ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”\t1\t\t\t\t\t\t1"])
        #expect(page2.map(\.labelsOnly) == [true, true, false])
    }

    @Test func aTableContinuedWithoutItsHeaderKeepsTheColumnsOfThePageBefore() {
        // On the second page two rows only, their numbers in three of seven columns: alone they would
        // make three columns; the table's columns come from the page before, where the header stood.
        var r = UnruledReport()
        r.header()
        r.row("一、本年新收政府信息公开申请数量", [5, 1, nil, nil, nil, nil, 6])
        r.row("（一）予以公开", [5, 1, nil, nil, nil, nil, 6])
        r.newPage()
        r.row("1.本机关不掌握相关政府信息", [2, nil, nil, nil, nil, 1, 3])
        r.row("（七）总计", [5, 1, nil, nil, nil, 1, 7])
        let page2 = r.layout().filter { $0.page == 2 }
        #expect(page2.map(\.text) == ["1.本机关不掌握相关政府信息\t2\t\t\t\t\t1\t3", "（七）总计\t5\t1\t\t\t\t1\t7"])
    }

    @Test func rowsOnTheNextPageTakeTheColumnsOfAHeaderThatEndsThePage() {
        // A table without ruling lines whose header ends page 1: its rows, on page 2, stand on its columns.
        var r = UnruledReport()
        r.line("三、收到和处理政府信息公开申请情况")
        r.header()
        r.newPage()
        r.row("一、本年新收政府信息公开申请数量", [2, nil, nil, nil, 1, nil, 3])
        let page2 = r.layout().filter { $0.page == 2 }
        #expect(page2.map(\.text) == ["一、本年新收政府信息公开申请数量\t2\t\t\t\t1\t\t3"])
    }

    @Test func theLastRowOfARuledTableAloneOnTheNextPageTakesTheColumnsOfItsGrid() {
        // Table 四's header ends page 1; its data row, whose top ruling line was drawn once on page 1, is no
        // grid on page 2: its numbers take the grid's columns.
        var p1 = Typesetter(size: 9)
        let header = Array(repeating: ["维持", "纠正", "其他", "尚未", "总计"], count: 3).flatMap { $0 }
        p1.table(x: 50, y: 700, widths: Array(repeating: 33, count: 15), rowHeight: 30, rows: [header])
        var p2 = Typesetter(size: 9)
        let values: [Int?] = [nil, 6, 3, 2, 11, nil, 2, nil, nil, 2, nil, 1, nil, nil, 1]
        for (i, v) in values.enumerated() {
            if let v { p2.text(String(v), x: 50 + 33 * Double(i) + 16.5 - 2.25 * Double(String(v).count), y: 100) }
        }
        p2.rulingLines = [RulingLine(x0: 50, y0: 115, x1: 545, y1: 115)]
        let lines = PageLayout().layout([p1.page(1), p2.page(2)]).lines.filter { $0.page == 2 }
        #expect(lines.map { $0.cells.map(\.text) } == [values.map { $0.map(String.init) ?? "" }])
    }

    @Test func charactersSetWithEvenGapsAreOneCell() {
        // 2.重复申请 set 分散对齐 across its cell, 自 然 人 letter-spaced: gaps as wide as a column gap, but
        // the same between every character.
        var r = UnruledReport()
        r.header()
        r.row("一、本年新收政府信息公开申请数量", [5, 1, nil, nil, nil, nil, 6])
        r.t.text("2.", x: 40, y: r.y)  // the item number keeps its dot; the gaps after it are all alike
        r.t.text("重复申请", x: 80, y: r.y, spacing: 30)
        for (x, v) in zip(UnruledReport.columns, ["3", "", "", "", "", "", "3"]) where !v.isEmpty {
            r.centred(v, on: x)
        }
        r.y += 16
        r.t.text("（七）总计", x: 40, y: r.y, spacing: 24)
        for (x, v) in zip(UnruledReport.columns, ["8", "1", "", "", "", "", "9"]) where !v.isEmpty {
            r.centred(v, on: x)
        }
        r.y += 16
        let rows = r.layout().filter { $0.kind == .tableRow }
        #expect(rows.map { $0.cells.count } == [8, 8, 8])
        #expect(rows[1].cells.first?.text == "2. 重复申请")
        #expect(rows[2].cells.first?.text == "（七）总计")
        // A row of values evenly spaced is still one cell a value, dashes as well as digits.
        var d = Typesetter(size: 10)
        d.text("其他", x: 40, y: 100)
        for (i, v) in ["—", "—", "—", "—"].enumerated() { d.text(v, x: 200 + 40 * Double(i), y: 100) }
        #expect(PageLayout().layout([d.page()]).lines.first?.cells.map(\.text) == ["其他", "—", "—", "—", "—"])
    }

    @Test func aOneCharacterCellBetweenTwoOthersIsNotLetterSpacing() {
        // 尚未 | 总 | 结果: three header cells, the middle one a cell of one character (总 of 总计 wrapped
        // over two lines), with the same gap on both sides of it.
        var t = Typesetter(size: 9)
        t.text("尚未", x: 100, y: 100)
        t.text("总", x: 134, y: 100)
        t.text("结果", x: 159, y: 100)
        let line = TextLines.group(t.glyphs)[0]
        #expect(TextLines.segments(line, gap: UnruledTables.headerGap).map(\.text) == ["尚未", "总", "结果"])
        // Three evenly spaced characters standing apart at one end: one cell.
        var u = Typesetter(size: 9)
        u.text("3.", x: 100, y: 100)
        u.text("其他", x: 120, y: 100, spacing: 12)
        #expect(TextLines.segments(TextLines.group(u.glyphs)[0], gap: 1.6).map(\.text) == ["3. 其他"])
    }

    @Test func aHeaderCellWithASpaceBetweenItsCharactersIsOneColumn() {
        // 自　然 over 人 (a typed space, the cell wrapped): one header column, not two too close together,
        // which would have made the whole header unusable and the blank 科研 column lost.
        var r = UnruledReport()
        let natural = UnruledReport.columns[0]
        r.t.text("自", x: natural - 15, y: r.y)
        r.t.text("然", x: natural + 5, y: r.y)
        for (x, name) in zip(UnruledReport.columns.dropFirst(), ["商业", "科研", "公益", "法律", "其他", "总计"]) {
            r.centred(name, on: x)
        }
        r.y += 12
        r.centred("人", on: natural)
        r.y += 16
        r.row("一、本年新收政府信息公开申请数量", [5, 1, nil, 1, nil, nil, 7])
        let rows = r.layout().filter { $0.kind == .tableRow }
        #expect(rows.map(\.text) == ["一、本年新收政府信息公开申请数量\t5\t1\t\t1\t\t\t7"])
    }

    @Test func proseAboveAnUnruledTableIsNoHeader() {
        // A short line of prose above the rows stands between two columns: it adds no column.
        var t = Typesetter()
        t.text("单位", x: 321, y: 176)
        let columns: [Double] = [300, 360]
        for (i, label) in ["规章", "行政规范性文件", "其他"].enumerated() {
            let y = 200 + Double(i) * 20
            t.text(label, x: 50, y: y)
            for x in columns { t.text("1", x: x, y: y) }
        }
        let lines = PageLayout().layout([t.page()]).lines.filter { $0.kind == .tableRow }
        #expect(lines.map(\.cells.count) == [3, 3, 3])
    }

    @Test func aTableThreeLaidOutAsARuledGridReadsThroughThePipeline() throws {
        // Section headings as text, table 三 as a ruled grid with the template's merged label cells.
        var t = Typesetter(size: 10)
        t.text("测试县2022年政府信息公开工作年度报告", x: 50, y: 40)
        t.text("三、收到和处理政府信息公开申请情况", x: 50, y: 70)
        var rows: [[String]] = [
            ["（本列数据的勾稽关系为）", "<", "申请人情况", "<", "<", "<", "<", "<", "<"],
            ["^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"],
            ["^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"],
        ]
        let values: [String: [String]] = [
            "一、本年新收政府信息公开申请数量": ["5", "1", "", "", "", "", "6"],
            "（一）予以公开": ["4", "1", "", "", "", "", "5"],
            "1.本机关不掌握相关政府信息": ["1", "", "", "", "", "", "1"],
            "（七）总计": ["5", "1", "", "", "", "", "6"],
        ]
        let labels = [
            "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "1.本机关不掌握相关政府信息",
            "（七）总计", "四、结转下年度继续办理",
        ]
        for label in labels {
            let v = values[label] ?? ["0", "0", "0", "0", "0", "0", "0"]
            rows.append([label, "<"] + v)
        }
        t.table(x: 20, y: 100, widths: [40, 150, 40, 40, 40, 40, 40, 40, 40], rowHeight: 24, rows: rows)
        t.text("四、政府信息公开行政复议、行政诉讼情况", x: 50, y: 400)
        let page = t.page()
        let pipeline = try Pipeline(rules: defaultRules, pdfReader: { _, _ in [page] })
        let r = pipeline.process(name: "t.pdf", bytes: [1], kind: .pdf)
        #expect(r.unreadable == nil)
        #expect(r.int("apps.new_received.natural") == 5)
        #expect(r.int("apps.new_received.commercial") == 1)
        #expect(r.int("apps.new_received.research") == 0)
        #expect(r.int("apps.granted.total") == 5)
        #expect(r.int("apps.unavailable.not_held.total") == 1)
        #expect(r.int("apps.results_total.total") == 6)
        #expect(r.evidence["apps.granted.total"]?.page == 1)
        #expect(r.evidence["apps.granted.total"]?.box != nil)
        #expect(!r.errorRules.contains("balance"))
    }

    @Test func aPDFWithoutTextIsUnreadable() throws {
        let pipeline = try Pipeline(
            rules: defaultRules,
            pdfReader: { _, _ in
                [PageGlyphs(number: 1, width: 595, height: 842, glyphs: [], rulingLines: [])]
            })
        #expect(pipeline.process(name: "scan.pdf", bytes: [1], kind: .pdf).unreadable == .noTextLayer)
    }

    @Test func aGarbledTextLayerIsUnreadable() throws {
        var t = Typesetter()
        t.text("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGH", x: 50, y: 100)
        t.text("ÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß", x: 50, y: 130)
        let page = t.page()
        let pipeline = try Pipeline(rules: defaultRules, pdfReader: { _, _ in [page] })
        #expect(pipeline.process(name: "garbled.pdf", bytes: [1], kind: .pdf).unreadable == .garbled)
    }
}
