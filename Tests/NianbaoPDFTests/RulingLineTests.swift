import NianbaoCore
import Testing

@testable import NianbaoPDF

func near(_ a: Double, _ b: Double, _ tolerance: Double = 0.05) -> Bool { abs(a - b) <= tolerance }

func near(_ a: RulingLine, _ b: RulingLine, _ tolerance: Double = 0.05) -> Bool {
    near(a.x0, b.x0, tolerance) && near(a.y0, b.y0, tolerance) && near(a.x1, b.x1, tolerance)
        && near(a.y1, b.y1, tolerance)
}

/// `expected` and `actual` hold the same segments, in any order.
func sameRulingLines(_ actual: [RulingLine], _ expected: [RulingLine], tolerance: Double = 0.05) -> Bool {
    actual.count == expected.count && expected.allSatisfy { e in actual.contains { near($0, e, tolerance) } }
}

@Suite("Ruling lines")
struct RulingLineTests {
    @Test("a LibreOffice table (stroked grey hairlines) gives its four horizontal and four vertical ruling lines")
    func libreOfficeTable() throws {
        let page = try #require(try PDFExtractor.pages(of: try fixture("table.pdf")).first)
        let horizontal = page.rulingLines.filter(\.isHorizontal),
            vertical = page.rulingLines.filter { !$0.isHorizontal }
        #expect(horizontal.count == 4)
        #expect(vertical.count == 4)
        // Centre lines: y0 == y1 for horizontal ruling lines, x0 == x1 for vertical ones.
        #expect(horizontal.allSatisfy { $0.y0 == $0.y1 } && vertical.allSatisfy { $0.x0 == $0.x1 })
        // The grid closes: horizontals span the outer verticals, verticals the outer horizontals.
        let left = vertical.map(\.x0).min()!, right = vertical.map(\.x0).max()!
        let top = horizontal.map(\.y0).min()!, bottom = horizontal.map(\.y0).max()!
        #expect(horizontal.allSatisfy { near($0.x0, left, 1) && near($0.x1, right, 1) }, "\(page.rulingLines)")
        #expect(vertical.allSatisfy { near($0.y0, top, 1) && near($0.y1, bottom, 1) }, "\(page.rulingLines)")
        // Every cell's text lies inside its cell: "规章" in row 2, column 1; "1,234" in row 3, column 2.
        let ys = horizontal.map(\.y0).sorted(), xs = vertical.map(\.x0).sorted()
        let rows = lines(page.glyphs)
        let label = rows[2].filter { "规章".contains($0.character) }
        #expect(label.count == 2)
        #expect(label.allSatisfy { $0.box.y0 > ys[1] && $0.box.y1 < ys[2] && $0.box.x0 > xs[0] && $0.box.x1 < xs[1] })
        let number = rows[3].filter { "1,234".contains($0.character) }
        #expect(number.count == 5)
        #expect(number.allSatisfy { $0.box.y0 > ys[2] && $0.box.y1 < ys[3] && $0.box.x0 > xs[1] && $0.box.x1 < xs[2] })
    }

    @Test("Word-style borders (thin filled rectangles per cell edge) join into whole ruling lines")
    func wordStyleTable() throws {
        let xs = [72.0, 222, 372], ys = [600.0, 580, 560]
        var content = ""
        for y in ys {
            for k in 0..<(xs.count - 1) {
                content += TestPDF.bar(x: xs[k], y: y - 0.25, width: xs[k + 1] - xs[k], height: 0.5)
            }
        }
        for x in xs {
            for k in 0..<(ys.count - 1) {
                content += TestPDF.bar(x: x - 0.25, y: ys[k + 1], width: 0.5, height: ys[k] - ys[k + 1])
            }
        }
        content += TestPDF.text("规章", x: 80, y: 585) + TestPDF.text("12", x: 230, y: 585)
        // Not ruling lines: a white bar, a shaded area, a 5 pt tick, a curve.
        content += TestPDF.bar(x: 72, y: 500, width: 300, height: 0.5, gray: 1)
        content += TestPDF.bar(x: 72, y: 420, width: 300, height: 20, gray: 0.8)
        content += TestPDF.bar(x: 72, y: 400, width: 5, height: 0.5)
        content += "1 w 72 380 m 150 400 250 360 372 380 c S\n"
        // A stroked rectangle: four ruling lines.
        content += "0.5 w 72 200 300 100 re S\n"
        var pdf = TestPDF()
        pdf.pages = [TestPDF.Page(content: content)]
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        let expected = [
            RulingLine(x0: 72, y0: 242, x1: 372, y1: 242), RulingLine(x0: 72, y0: 262, x1: 372, y1: 262),
            RulingLine(x0: 72, y0: 282, x1: 372, y1: 282),
            RulingLine(x0: 72, y0: 242, x1: 72, y1: 282), RulingLine(x0: 222, y0: 242, x1: 222, y1: 282),
            RulingLine(x0: 372, y0: 242, x1: 372, y1: 282),
            RulingLine(x0: 72, y0: 542, x1: 372, y1: 542), RulingLine(x0: 72, y0: 642, x1: 372, y1: 642),
            RulingLine(x0: 72, y0: 542, x1: 72, y1: 642), RulingLine(x0: 372, y0: 542, x1: 372, y1: 642),
        ]
        #expect(sameRulingLines(page.rulingLines, expected, tolerance: 0.5), "\(page.rulingLines)")
        #expect(text(page.glyphs) == "规章１２")
    }

    @Test("borders drawn over cell shading are kept; the edges of shading alone are not ruling lines")
    func shading() throws {
        var content = ""
        // A header row shaded 15 % grey (Word's usual), bordered in black; a cell shaded darker, no border.
        content += TestPDF.bar(x: 72, y: 580, width: 300, height: 20, gray: 0.85)
        content += TestPDF.line(72, 600, 372, 600) + TestPDF.line(72, 580, 372, 580)
        content += TestPDF.line(72, 600, 72, 580) + TestPDF.line(372, 600, 372, 580)
        content += TestPDF.bar(x: 72, y: 400, width: 150, height: 40, gray: 0.6)
        content += TestPDF.text("信息内容", x: 80, y: 585)
        var pdf = TestPDF()
        pdf.pages = [TestPDF.Page(content: content)]
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        let expected = [
            RulingLine(x0: 72, y0: 242, x1: 372, y1: 242), RulingLine(x0: 72, y0: 262, x1: 372, y1: 262),
            RulingLine(x0: 72, y0: 242, x1: 72, y1: 262), RulingLine(x0: 372, y0: 242, x1: 372, y1: 262),
        ]
        #expect(sameRulingLines(page.rulingLines, expected, tolerance: 0.5), "\(page.rulingLines)")
    }

    @Test("ruling lines come from the vector paths: the current transform applies, dashed and white lines are not")
    func vectorPaths() throws {
        var content = TestPDF.text("规章", x: 80, y: 700)
        // A table drawn in a scaled, translated coordinate system (as a Form or a `cm` does): a 0.5 pt
        // line at y = 10 in a system scaled 2× and moved up 500 is at y = 520 on the page.
        content += "q 2 0 0 2 36 500 cm 0.25 w 18 10 m 168 10 l S Q\n"
        // Not ruling lines: a dashed line (3 pt gaps), a white line, a line 6 pt thick (a bar, not a border).
        content += "[3 3] 0 d " + TestPDF.line(72, 450, 372, 450) + "[] 0 d\n"
        content += "1 G " + TestPDF.line(72, 430, 372, 430) + "0 G\n"
        content += TestPDF.line(72, 400, 372, 400, width: 6)
        var pdf = TestPDF()
        pdf.pages = [TestPDF.Page(content: content)]
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        #expect(
            sameRulingLines(page.rulingLines, [RulingLine(x0: 72, y0: 322, x1: 372, y1: 322)], tolerance: 0.01),
            "\(page.rulingLines)")
    }

    @Test("on a page without text (a scan), only long lines are ruling lines")
    func pageWithoutText() throws {
        var pdf = TestPDF()
        pdf.pages = [
            TestPDF.Page(
                content: TestPDF.line(72, 600, 372, 600) + TestPDF.line(72, 600, 72, 580)
                    + TestPDF.line(72, 500, 92, 500))
        ]
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        #expect(page.glyphs.isEmpty)
        #expect(
            sameRulingLines(page.rulingLines, [RulingLine(x0: 72, y0: 242, x1: 372, y1: 242)], tolerance: 0.5),
            "\(page.rulingLines)")
    }

    @Test("strokes of large characters are not ruling lines")
    func largeText() throws {
        var pdf = TestPDF()
        pdf.pages = [
            TestPDF.Page(
                content: TestPDF.text("一二三十", x: 72, y: 700, size: 36)
                    + TestPDF.text("一", x: 300, y: 600, size: 28) + TestPDF.line(72, 500, 372, 500))
        ]
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        #expect(
            sameRulingLines(page.rulingLines, [RulingLine(x0: 72, y0: 342, x1: 372, y1: 342)], tolerance: 0.5),
            "\(page.rulingLines)")
    }

    @Test("segments inside glyph boxes are dropped, ruling lines through text are kept")
    func withoutText() {
        let glyphs = (0..<4).map { k in
            Glyph(
                character: "一", box: Box(x0: 100 + 20 * Double(k), y0: 90, x1: 120 + 20 * Double(k), y1: 115),
                fontSize: 20)
        }
        let stroke = RulingLine(x0: 101, y0: 104, x1: 179, y1: 104)
        let line = RulingLine(x0: 60, y0: 112, x1: 300, y1: 112)
        let vertical = RulingLine(x0: 150, y0: 92, x1: 150, y1: 113)
        #expect(RulingLineMerger.withoutText([stroke, line, vertical], glyphs: glyphs) == [line])
    }

    @Test("collinear pieces join across small gaps, not across cells; short ones are dropped")
    func merging() {
        let pieces = [
            RulingLinePiece(horizontal: true, position: 100, start: 10, end: 50, thickness: 0.5),
            RulingLinePiece(horizontal: true, position: 100.3, start: 50.5, end: 90, thickness: 0.5),
            RulingLinePiece(horizontal: true, position: 100, start: 120, end: 200, thickness: 0.5),
            RulingLinePiece(horizontal: true, position: 150, start: 10, end: 15, thickness: 0.5),
            RulingLinePiece(horizontal: false, position: 10, start: 100, end: 150, thickness: 0.5),
            RulingLinePiece(horizontal: false, position: 10, start: 140, end: 900, thickness: 0.5),
        ]
        let merged = RulingLineMerger.merge(pieces, width: 595, height: 842, minimumLength: 10)
        // The position of a joined line is the length-weighted mean of its pieces'; the last one is clipped
        // to the page.
        #expect(
            sameRulingLines(
                merged,
                [
                    RulingLine(x0: 10, y0: 100.149, x1: 90, y1: 100.149),
                    RulingLine(x0: 120, y0: 100, x1: 200, y1: 100),
                    RulingLine(x0: 10, y0: 100, x1: 10, y1: 842),
                ], tolerance: 0.01), "\(merged)")
    }
}
