import Foundation
import NianbaoCore
import NianbaoPDF
import NianbaoTestSupport
import Testing

/// The committed PDFs in Fixtures/ (see make-fixtures.sh).
func fixture(_ name: String) throws -> [UInt8] { try repositoryBytes("Tests/NianbaoPDFTests/Fixtures/\(name)") }

/// The kind of error `pages(of:)` throws for `bytes`, nil when it succeeds.
func failure(_ bytes: [UInt8]) -> UnreadableDocument.Kind? {
    do {
        _ = try PDFExtractor.pages(of: bytes)
        return nil
    } catch {
        return error.kind
    }
}

/// Glyphs grouped into lines by the vertical centre of their boxes, top to bottom.
func lines(_ glyphs: [Glyph]) -> [[Glyph]] {
    var lines: [[Glyph]] = []
    for glyph in glyphs.sorted(by: { ($0.box.y0 + $0.box.y1) < ($1.box.y0 + $1.box.y1) }) {
        let centre = (glyph.box.y0 + glyph.box.y1) / 2
        if let last = lines.last?.last, abs((last.box.y0 + last.box.y1) / 2 - centre) < 2 {
            lines[lines.count - 1].append(glyph)
        } else {
            lines.append([glyph])
        }
    }
    return lines.map { $0.sorted { $0.box.x0 < $1.box.x0 } }
}

func text(_ glyphs: [Glyph]) -> String { String(glyphs.map(\.character)) }

@Suite("Text layer")
struct TextLayerTests {
    @Test("a LibreOffice page reads back exactly, in reading order, y growing downwards")
    func libreOfficePage() throws {
        let pages = try PDFExtractor.pages(of: try fixture("table.pdf"))
        #expect(pages.count == 1)
        let page = try #require(pages.first)
        #expect(page.number == 1)
        #expect(abs(page.width - 595.3) < 0.1 && abs(page.height - 841.9) < 0.1)
        // poppler's content order: the title first, then the table, where poppler may take a column as a
        // block ("12" after "1,234") — lines and cells are the caller's to build from the boxes.
        #expect(text(page.glyphs).sorted() == "政府信息公开工作年度报告信息内容本年制发件数现行有效件数规章012行政规范性文件1,234567".sorted())
        let title = Array(page.glyphs.prefix(12))
        #expect(text(title) == "政府信息公开工作年度报告")
        for (a, b) in zip(title, title.dropFirst()) {
            #expect(b.box.x0 >= a.box.x1 - 0.01)
            #expect(abs(b.box.y0 - a.box.y0) < 0.01)
        }
        for glyph in page.glyphs {
            #expect(glyph.box.x1 > glyph.box.x0 && glyph.box.y1 > glyph.box.y0)
            #expect(glyph.fontSize == 12)
            #expect(!glyph.character.isWhitespace)
        }
        // Later lines are lower on the page: larger y.
        let rows = lines(page.glyphs).map(text)
        #expect(rows == ["政府信息公开工作年度报告", "信息内容本年制发件数现行有效件数", "规章012", "行政规范性文件1,234567"])
        #expect(title[0].box.y1 < 100)
    }

    @Test("GBK-encoded text in a non-embedded font (Word/WPS) reads back, with positions and sizes")
    func gbkText() throws {
        var pdf = TestPDF()
        pdf.pages = [
            TestPDF.Page(
                content:
                    TestPDF.text("二〇二三年度报告", x: 72, y: 760, size: 16)
                    + TestPDF.text("申请数量12件", x: 72, y: 700)
                    + TestPDF.latin("Total 34", x: 300, y: 700))
        ]
        // GBK-EUC-H maps the single-byte digits to full-width CIDs: poppler returns "１２" (the caller's
        // normalisation folds them), one em wide each, as the font's /DW says.
        let page = try #require(try PDFExtractor.pages(of: pdf.bytes).first)
        let rows = lines(page.glyphs)
        #expect(rows.map(text) == ["二〇二三年度报告", "申请数量１２件Total34"])
        // Baseline 760 from the bottom of an 842 pt page is 82 pt from the top; ascent .859, descent .141.
        let first = rows[0][0]
        #expect(abs(first.box.x0 - 72) < 0.01 && abs(first.box.x1 - 88) < 0.01)
        #expect(abs(first.box.y0 - (82 - 0.859 * 16)) < 0.5 && abs(first.box.y1 - (82 + 0.141 * 16)) < 0.5)
        #expect(rows[0].allSatisfy { $0.fontSize == 16 })
        #expect(rows[1].allSatisfy { $0.fontSize == 12 })
        let digits = rows[1].filter { $0.character.isNumber && $0.box.x0 < 200 }
        #expect(digits.count == 2 && abs(digits[0].box.x1 - digits[0].box.x0 - 12) < 0.01)
        #expect(rows[1].filter { $0.box.x0 >= 300 }.allSatisfy { $0.fontSize == 12 })
        #expect(PDFExtractor.garbledFraction(of: [page]) == 0)
    }

    @Test("a page without a text layer comes back without glyphs")
    func scannedPage() throws {
        var pdf = TestPDF()
        let image = "q 400 0 0 500 100 200 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \u{0}\u{FF}\u{FF}\u{0} EI Q\n"
        pdf.pages = [TestPDF.Page(content: image), TestPDF.Page(content: "")]
        let pages = try PDFExtractor.pages(of: pdf.bytes)
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { $0.glyphs.isEmpty })
        #expect(pages.map(\.number) == [1, 2])
    }

    @Test("rulingLines: false skips the rendering and leaves every page without ruling lines")
    func withoutRulingLines() throws {
        let pages = try PDFExtractor.pages(of: try fixture("table.pdf"), rulingLines: false)
        #expect(pages.count == 1 && pages[0].rulingLines.isEmpty && pages[0].glyphs.count == 48)
    }

    @Test("garbledFraction counts U+FFFD, Latin-1 and private-use characters")
    func garbled() {
        let box = Box(x0: 0, y0: 0, x1: 1, y1: 1)
        let glyphs = ["申", "请", "\u{FFFD}", "Ã", "\u{E001}", "数", "1", "２"].map {
            Glyph(character: Character($0), box: box, fontSize: 12)
        }
        let page = PageGlyphs(number: 1, width: 10, height: 10, glyphs: glyphs, rulingLines: [])
        #expect(PDFExtractor.garbledFraction(of: [page]) == 3.0 / 8)
        #expect(PDFExtractor.garbledFraction(of: []) == 0)
    }
}

@Suite("Unreadable documents")
struct UnreadableTests {
    @Test("a PDF that needs a password is .encrypted")
    func encrypted() throws {
        let bytes = try fixture("encrypted.pdf")
        #expect(failure(bytes) == .encrypted)
        do {
            _ = try PDFExtractor.pages(of: bytes)
        } catch {
            #expect(error.message == "the PDF is encrypted (password required)")
        }
    }

    @Test("a PDF encrypted with an owner password only opens and reads")
    func ownerPasswordOnly() throws {
        let pages = try PDFExtractor.pages(of: try fixture("encrypted-no-user-password.pdf"))
        #expect(text(pages[0].glyphs).hasPrefix("政府信息公开工作年度报告"))
    }

    @Test("a truncated PDF is .corrupt", arguments: [0.2, 0.5, 0.8, 0.97])
    func truncated(fraction: Double) throws {
        let whole = try fixture("table.pdf")
        #expect(failure(Array(whole.prefix(Int(Double(whole.count) * fraction)))) == .corrupt)
        var pdf = TestPDF()
        pdf.pages = [TestPDF.Page(content: TestPDF.text("报告", x: 72, y: 700))]
        let small = pdf.bytes
        #expect(failure(Array(small.prefix(Int(Double(small.count) * fraction)))) == .corrupt)
    }

    @Test("a damaged cross-reference table and a PDF without pages are .corrupt")
    func damaged() throws {
        var pdf = TestPDF()
        pdf.pages = []
        #expect(failure(pdf.bytes) == .corrupt)
        let garbage = Array("%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n".utf8)
        #expect(failure(garbage) == .corrupt)
    }

    @Test("what is not a PDF is .notPDF, an empty file .empty")
    func notPDF() throws {
        #expect(failure(Array("hello, world".utf8)) == .notPDF)
        #expect(failure(Array("<!DOCTYPE html><html><body>年度报告</body></html>".utf8)) == .notPDF)
        #expect(failure([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]) == .notPDF)
        #expect(failure([]) == .empty)
        #expect(failure(Array("  \n".utf8)) == .empty)
        do {
            _ = try PDFExtractor.pages(of: [0x50, 0x4B, 0x03, 0x04, 1, 2, 3])
        } catch {
            #expect(error.message.contains("not a PDF file"))
            #expect(error.message.contains("Office document"))
        }
        // A header after some junk is still a PDF.
        var pdf = TestPDF()
        pdf.pages = [TestPDF.Page(content: TestPDF.text("报告", x: 72, y: 700))]
        let shifted = Array("junk\n".utf8) + pdf.bytes
        #expect(text(try PDFExtractor.pages(of: shifted)[0].glyphs) == "报告")
    }
}

@Suite("Threads")
struct ThreadTests {
    @Test("concurrent calls on different documents give the serial results")
    func concurrent() async throws {
        PDFExtractor.warmUp()
        var inputs: [[UInt8]] = [try fixture("table.pdf"), try fixture("encrypted-no-user-password.pdf")]
        for k in 0..<6 {
            var pdf = TestPDF()
            pdf.pages = (0...k).map { p in
                TestPDF.Page(
                    content: TestPDF.text("第\(p + 1)页", x: 72, y: 700)
                        + TestPDF.bar(x: 72, y: 650, width: 300, height: 0.5) + TestPDF.line(72, 600, 72, 500))
            }
            inputs.append(pdf.bytes)
        }
        let serial = try inputs.map { try PDFExtractor.pages(of: $0) }
        let parallel = try await withThrowingTaskGroup(of: (Int, [PageGlyphs]).self) { group in
            for round in 0..<4 {
                for (k, input) in inputs.enumerated() {
                    group.addTask { (k + round * 0, try PDFExtractor.pages(of: input)) }
                }
            }
            var results: [(Int, [PageGlyphs])] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(parallel.count == inputs.count * 4)
        for (k, pages) in parallel {
            #expect(pages.map(\.glyphs) == serial[k].map(\.glyphs))
            #expect(pages.map(\.rulingLines) == serial[k].map(\.rulingLines))
        }
    }
}
