import NianbaoCore
import Testing

@testable import NianbaoOCR

/// The preparation of a scanned page, on images drawn here: skew found and undone, pages turned, red ink
/// dropped, contrast normalised, the characters of a number told apart.
@Suite struct ScanImageTests {
    /// A ruled "page": 2-pixel lines every 50 pixels across most of the width, and short dark marks
    /// between them like characters.
    func ruled(width: Int = 900, height: Int = 1200) -> GrayImage {
        var image = GrayImage(width: width, height: height, value: 240, scale: 200.0 / 72)
        for y in stride(from: 100, to: height - 100, by: 50) {
            for dy in 0..<2 { for x in 80..<(width - 80) { image[x, y + dy] = 20 } }
            for x in stride(from: 100, to: width - 120, by: 28) {
                for yy in (y + 15)..<(y + 35) { for xx in x..<(x + 16) where (xx + yy) % 3 != 0 { image[xx, yy] = 40 } }
            }
        }
        return image
    }

    @Test(arguments: [-2.5, -1.3, -0.4, 0.6, 2.0])
    func skewIsFoundAndUndone(degrees: Double) {
        let page = ruled()
        // The page scanned turned by `degrees`, which straightening by `degrees` undoes.
        let scanned = page.straightened(by: -degrees)
        let found = scanned.skew()
        #expect(abs(found - degrees) < 0.15, "found \(found) for \(degrees)")
        let straight = scanned.straightened(by: found)
        let pieces = straight.rulingPieces(below: 128, minimumLength: 200, gap: 2).filter(\.horizontal)
        // Each ruling line comes back as long straight runs (over 200 pt of the 266 pt line).
        #expect(pieces.count >= 18, "\(pieces.count) horizontal pieces")
    }

    @Test func aStraightPageStaysAsItIs() {
        #expect(ruled().skew() == 0)
    }

    @Test func textRunningDownThePageIsSeen() {
        let page = ruled()
        #expect(page.runsAcross())
        #expect(!page.turned(quarter: 1).runsAcross())
        #expect(!page.turned(quarter: 3).runsAcross())
        #expect(page.turned(quarter: 2).runsAcross())
    }

    @Test func turningFourTimesIsTheSamePage() {
        let page = ruled(width: 300, height: 200)
        var turned = page
        for _ in 0..<4 { turned = turned.turned(quarter: 1) }
        #expect(turned.pixels == page.pixels)
        let once = page.turned(quarter: 1)
        #expect(once.width == 200 && once.height == 300)
        // Clockwise: the top-left corner goes to the top right.
        var dot = GrayImage(width: 4, height: 3, value: 255, scale: 1)
        dot[0, 0] = 0
        #expect(dot.turned(quarter: 1)[2, 0] == 0)
    }

    @Test func redInkIsDroppedAndBlackUnderItKept() {
        // paper, a seal's red, a seal's pink edge, black text, black text under the seal (red over black
        // multiplies to black), blue ink.
        let pixels: [UInt32] = [0xF4F0E6, 0xD02020, 0xE89090, 0x101010, 0x200000, 0x2030A0]
        let gray = GrayImage(RGBImage(width: 6, height: 1, pixels: pixels, scale: 1), dropRed: true)
        // Seen through a red filter: the seal's red and its pink edge are paper-light, far above any
        // threshold between ink and paper.
        #expect(gray.pixels[1] >= 200 && gray.pixels[2] >= 220, "\(gray.pixels)")
        #expect(gray.pixels[3] < 40 && gray.pixels[4] < 40)
        #expect(gray.pixels[5] < 100)
        let kept = GrayImage(RGBImage(width: 6, height: 1, pixels: pixels, scale: 1), dropRed: false)
        #expect(kept.pixels[1] < 150)
    }

    @Test func aGreyUnderExposedScanIsStretched() {
        var image = GrayImage(width: 100, height: 100, value: 200, scale: 1)
        for x in 10..<30 { for y in 10..<20 { image[x, y] = 90 } }
        let normal = image.normalized()
        #expect(normal[50, 50] == 255)
        #expect(normal[15, 15] == 0)
    }

    @Test func theCharactersOfANumberStandApart() {
        // "11,5": two strokes, a comma below the line, a wider digit.
        var image = GrayImage(width: 60, height: 30, value: 255, scale: 1)
        for y in 5..<25 {
            image[10, y] = 0
            image[11, y] = 0
            image[16, y] = 0
            image[17, y] = 0
            for x in 30..<38 { image[x, y] = 0 }
        }
        for y in 22..<28 { image[23, y] = 0 }
        let runs = image.inkColumns(below: 128)
        #expect(runs.count == 4)
        #expect(runs.map(\.x0) == [10, 16, 23, 30])
        #expect(runs[2].y1 > runs[0].y1)
    }

    /// A row of a table drawn without rules whose last columns the prose reading left out: the marks to
    /// the right of its last cell become cells, a column apart; text the reading has there, a rule
    /// running through the row, or a mark as wide as a line of prose, does not.
    @Test func marksBeyondARowsLastCellAreCells() {
        var image = GrayImage(width: 400, height: 100, value: 255, scale: 1)
        func mark(_ x0: Int, _ x1: Int) { for y in 54..<61 { for x in x0..<x1 { image[x, y] = 0 } } }
        mark(196, 202)
        mark(234, 246)
        let row = [Box(x0: 100, y0: 50, x1: 140, y1: 64), Box(x0: 140, y0: 50, x1: 180, y1: 64)]
        let cells = image.marksBeyond(row, threshold: 128, read: [])
        #expect(cells.count == 2)
        #expect(cells.count == 2 && cells[0].contains(199, 57) && cells[1].contains(240, 57))
        #expect(cells.allSatisfy { $0.y0 == 50 && $0.y1 == 64 && $0.x1 - $0.x0 <= 40 })
        let read = [Glyph(character: "1", box: Box(x0: 196, y0: 54, x1: 202, y1: 61), fontSize: 7)]
        #expect(image.marksBeyond(row, threshold: 128, read: read).isEmpty)
        // A rule running through the row beside the marks (a table's border): not a cell.
        var bordered = image
        for y in 30..<90 { bordered[270, y] = 0 }
        #expect(bordered.marksBeyond(row, threshold: 128, read: []).count == 2)
        mark(202, 300)
        #expect(image.marksBeyond(row, threshold: 128, read: []).isEmpty)
    }

    /// A row of a table drawn without rules that the prose reading left out altogether (its numbers set
    /// between the two lines of its label): a band of marks in the columns of the rows found, between
    /// them, clear of what was read; a band where the reading has text, or a band of one column, is not.
    @Test func rowsLeftOutOfAnUnruledTable() {
        var image = GrayImage(width: 400, height: 200, value: 255, scale: 1)
        let columns = [(100, 140), (140, 180), (180, 220)]
        func row(_ y0: Int, _ count: Int = 3) {
            for (x0, _) in columns.prefix(count) {
                for y in y0..<(y0 + 7) { for x in (x0 + 16)..<(x0 + 22) { image[x, y] = 0 } }
            }
        }
        func cells(_ y0: Double) -> [Box] {
            columns.map { Box(x0: Double($0.0), y0: y0, x1: Double($0.1), y1: y0 + 14) }
        }
        // Rows found at 40 and 120 (their cells 14 high: numbers 7 high); one left out at 84.
        row(44)
        row(124)
        row(84)
        let found = [cells(40), cells(120)]
        let left = image.rowsLeftOut(found, threshold: 128, read: [])
        #expect(left.count == 1)
        #expect(left.first?.count == 3)
        #expect(left.first.map { $0[1].contains(159, 87) && $0[1].y1 - $0[1].y0 < 14 } == true)
        // The reading has something there: not left out.
        let read = [Glyph(character: "4", box: Box(x0: 116, y0: 84, x1: 122, y1: 91), fontSize: 7)]
        #expect(image.rowsLeftOut(found, threshold: 128, read: read).isEmpty)
        // Ink in one column of three: no row.
        var lone = GrayImage(width: 400, height: 200, value: 255, scale: 1)
        for y in 84..<91 { for x in 116..<122 { lone[x, y] = 0 } }
        #expect(lone.rowsLeftOut(found, threshold: 128, read: []).isEmpty)
    }
}
