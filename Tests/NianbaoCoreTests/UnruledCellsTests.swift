import Testing

@testable import NianbaoCore

/// The cells OCR reads again in a table drawn without ruling lines (`PageLayout.unruledCells`): one per
/// column on each row with something in the columns, a blank column included, never over the labels.
@Suite struct UnruledCellsTests {
    /// Characters of `text` from `x`, 10 pt apart, on the line at `y`.
    func run(_ text: String, x: Double, y: Double) -> [Glyph] {
        text.enumerated().map { i, c in
            let x0 = x + Double(i) * 10
            return Glyph(character: c, box: Box(x0: x0, y0: y, x1: x0 + 9, y1: y + 10), fontSize: 10)
        }
    }

    let columns = [300.0, 360.0, 420.0]

    /// A row: its label from x = 68, then each value (nil: printed blank) centred on its column.
    func row(_ label: String, _ values: [String?], y: Double) -> [Glyph] {
        run(label, x: 68, y: y)
            + zip(columns, values).flatMap { x, v in v.map { run($0, x: x - Double($0.count) * 5, y: y) } ?? [] }
    }

    func cells(_ glyphs: [Glyph]) -> [[Box]] {
        PageLayout().unruledCells(PageGlyphs(number: 1, width: 595, height: 842, glyphs: glyphs, rulingLines: []))
            .flatMap { $0 }
    }

    @Test func everyColumnOfEveryRowIsACellBlanksAndMisreadingsIncluded() {
        let glyphs =
            row("1.属于国家秘密", ["3", "0", "3"], y: 200) + row("2.其他法律行政法规禁止公开的政府信息内容", ["]", "0", "12"], y: 220)
            + row("3.危及三安全一稳定", ["0", nil, "0"], y: 240) + row("4.保护第三方合法权益", ["1", "1", "2"], y: 260)
        let rows = cells(glyphs)
        #expect(rows.count == 4)
        for (boxes, y) in zip(rows, [200.0, 220, 240, 260]) {
            #expect(boxes.count == 3)
            // Each box holds its column's centre on its own row, and no other row's numbers.
            for (box, x) in zip(boxes, columns) {
                #expect(box.contains(x, y + 5))
                #expect(!box.contains(x, y - 15) && !box.contains(x, y + 25))
            }
        }
        // A cell reaches halfway to the next column, or 2.5 em, but never over its row's label (the long
        // one ends at 68 + 20 × 10 + 9 = 277 pt).
        #expect(rows[0][0].x0 == 299.5 - 25)  // the column stands at its numbers' mean centre
        #expect(rows[1][0].x0 > 277)
        // The `]` the prose reading made of a 3 lies in the first cell of its row: read again, it is replaced.
        #expect(rows[1][0].contains(300, 225))
    }

    @Test func proseIsNoTable() {
        let glyphs = run("本年度共收到政府信息公开申请15件，办结14件。", x: 72, y: 200) + run("其中自然人申请12件。", x: 72, y: 220)
        #expect(cells(glyphs).isEmpty)
    }
}
