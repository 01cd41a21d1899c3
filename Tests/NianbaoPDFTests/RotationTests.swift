import NianbaoCore
import NianbaoPDF
import Testing

@Suite("Rotation and page boxes")
struct RotationTests {
    /// A point of the unrotated page (top-left origin, y down) as displayed with /Rotate `rotate`
    /// (clockwise), on a page `width` × `height` points before rotation.
    static func displayed(_ x: Double, _ y: Double, rotate: Int, width: Double, height: Double) -> (Double, Double) {
        switch rotate {
        case 90: return (height - y, x)
        case 180: return (width - x, height - y)
        case 270: return (y, width - x)
        default: return (x, y)
        }
    }

    static func displayed(_ box: Box, rotate: Int, width: Double, height: Double) -> Box {
        let a = displayed(box.x0, box.y0, rotate: rotate, width: width, height: height)
        let b = displayed(box.x1, box.y1, rotate: rotate, width: width, height: height)
        return Box(x0: min(a.0, b.0), y0: min(a.1, b.1), x1: max(a.0, b.0), y1: max(a.1, b.1))
    }

    static let content =
        TestPDF.text("年度报告", x: 72, y: 700) + TestPDF.line(72, 650, 372, 650)
        + TestPDF.line(400, 700, 400, 500) + TestPDF.bar(x: 72, y: 600, width: 200, height: 0.5)

    @Test(
        "/Rotate 90, 180, 270: glyphs and ruling lines are where the displayed page shows them",
        arguments: [90, 180, 270])
    func rotated(rotate: Int) throws {
        var pdf = TestPDF()
        pdf.pages = [TestPDF.Page(content: Self.content), TestPDF.Page(rotate: rotate, content: Self.content)]
        let pages = try PDFExtractor.pages(of: pdf.bytes)
        let (upright, turned) = (pages[0], pages[1])
        let swapped = rotate % 180 != 0
        #expect(turned.width == (swapped ? upright.height : upright.width))
        #expect(turned.height == (swapped ? upright.width : upright.height))
        #expect(upright.glyphs.count == 4 && turned.glyphs.count == 4)
        for glyph in upright.glyphs {
            let expected = Self.displayed(glyph.box, rotate: rotate, width: upright.width, height: upright.height)
            let actual = try #require(turned.glyphs.first { $0.character == glyph.character })
            #expect(
                near(actual.box.x0, expected.x0, 0.1) && near(actual.box.y0, expected.y0, 0.1)
                    && near(actual.box.x1, expected.x1, 0.1) && near(actual.box.y1, expected.y1, 0.1),
                "\(glyph.character): \(actual.box) ≠ \(expected)")
            #expect(actual.fontSize == glyph.fontSize)
        }
        #expect(upright.rulingLines.count == 3)
        let expectedLines = upright.rulingLines.map { line in
            let box = Self.displayed(
                Box(x0: line.x0, y0: line.y0, x1: line.x1, y1: line.y1), rotate: rotate,
                width: upright.width, height: upright.height)
            return RulingLine(x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1)
        }
        #expect(
            sameRulingLines(turned.rulingLines, expectedLines, tolerance: 0.5),
            "\(turned.rulingLines) ≠ \(expectedLines)")
    }

    @Test("a landscape page stored turned (/Rotate 90) reads upright: left to right, y down")
    func landscapeUpright() throws {
        var pdf = TestPDF()
        // Text and a ruling line drawn turned 90° counter-clockwise on a portrait page; the viewer turns it back.
        let content = TestPDF.textTurnedLeft("收到申请数", x: 500, y: 72) + TestPDF.line(520, 72, 520, 372)
        pdf.pages = [TestPDF.Page(rotate: 90, content: content)]
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        #expect(page.width == 842 && page.height == 595)
        #expect(text(page.glyphs) == "收到申请数")
        for (k, glyph) in page.glyphs.enumerated() {
            #expect(near(glyph.box.x0, 72 + 12 * Double(k), 0.1) && near(glyph.box.x1, 84 + 12 * Double(k), 0.1))
            #expect(glyph.box.y0 < 500 && glyph.box.y1 > 500 && glyph.box.y1 - glyph.box.y0 < 13)
        }
        #expect(
            sameRulingLines(page.rulingLines, [RulingLine(x0: 72, y0: 520, x1: 372, y1: 520)], tolerance: 0.5),
            "\(page.rulingLines)")
    }

    @Test("a CropBox smaller than the MediaBox: coordinates start at the crop box's corner")
    func cropBox() throws {
        var pdf = TestPDF()
        let content = TestPDF.text("报告", x: 100, y: 600) + TestPDF.line(100, 500, 300, 500)
        pdf.pages = [TestPDF.Page(mediaBox: (0, 0, 600, 800), cropBox: (50, 100, 550, 700), content: content)]
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        #expect(page.width == 500 && page.height == 600)
        #expect(near(page.glyphs[0].box.x0, 50, 0.1) && page.glyphs[0].box.y0 < 100 && page.glyphs[0].box.y1 > 100)
        #expect(
            sameRulingLines(page.rulingLines, [RulingLine(x0: 50, y0: 200, x1: 250, y1: 200)], tolerance: 0.5),
            "\(page.rulingLines)")
    }
}
