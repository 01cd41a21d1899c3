import Foundation
import NianbaoCore
import NianbaoPDF
import NianbaoTestSupport
import Testing

/// A PDF whose table 三 row holds 200 numbers for seven cells (what a damaged PDF whose layout shifted
/// gives): read in bounded time, the row's cells null with a warning naming it, the rest of the report read.
@Suite struct OverlongRowPDFTests {
    /// The report's lines drawn as text, each tab-separated cell in its own column, labels at the left.
    static func pdf(_ text: String) -> [UInt8] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let width = 400.0 + 201 * 24
        var pdf = TestPDF()
        var content = ""
        var y = 40.0 + Double(lines.count) * 12
        for line in lines {
            for (k, cell) in line.split(separator: "\t", omittingEmptySubsequences: false).enumerated()
            where !cell.isEmpty {
                content += TestPDF.text(String(cell), x: k == 0 ? 30 : 380 + Double(k) * 24, y: y, size: 6)
            }
            y -= 12
        }
        pdf.pages = [TestPDF.Page(mediaBox: (0, 0, width, 80 + Double(lines.count) * 12), content: content)]
        return pdf.bytes
    }

    @Test func rowOfTwoHundredNumbers() throws {
        let pipeline = try Pipeline(rules: projectRules, pdfReader: PDFReading.extractor)
        let bytes = Self.pdf(report(rows: overlongRow()))
        var result: ReportResult!
        let time = ContinuousClock().measure {
            result = pipeline.process(name: "overlong.pdf", bytes: bytes, kind: .pdf)
        }
        #expect(time < .seconds(60))
        #expect(result.unreadable == nil)
        let warning = result.findings.first { $0.rule == FindingID.extraCells }
        #expect(warning?.message.contains("（一）予以公开") == true)
        #expect(warning?.message.contains("every cell left null") == true)
        for id in warning?.fields ?? [] { #expect(result.fields[id] == .some(nil), "\(id)") }
        #expect(result.fields["apps.new_received.natural"] == 0)
    }
}

/// Pages no report has but a damaged or hostile PDF can: 40,000 characters scattered over a page, or
/// tens of thousands set on one line, overlapping. Read through poppler, each ends as a document with
/// findings, not a crash or a hang.
///
/// nianbao's own stages are linear in a page's characters (joining a line's characters into cells once
/// copied the cell's characters on every append: the line of 100,000 took minutes then): measured with
/// the glyphs given to the pipeline directly, a whole line against a quarter of it. Poppler's own text
/// extraction is not: its word coalescing (`TextPage::coalesce`) takes ~1 s for 25,000 overlapping
/// characters on one line and ~34 s for 100,000 (release build), which `--doc-timeout` bounds in a run.
@Suite struct CrowdedPageTests {
    static func page(_ count: Int, _ place: (Int) -> (x: Double, y: Double)) -> [UInt8] {
        var content = ""
        let digits = Array("0123456789")
        for i in 0..<count {
            let (x, y) = place(i)
            content += TestPDF.latin(String(digits[i % 10]), x: x, y: y, size: 6)
        }
        var pdf = TestPDF()
        pdf.pages = [TestPDF.Page(mediaBox: (0, 0, 595, 842), content: content)]
        return pdf.bytes
    }

    @Test(arguments: ["scattered", "one line"])
    func crowded(_ form: String) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes =
            form == "scattered"
            ? Self.page(40_000) { _ in
                (Double.random(in: 10...580, using: &generator), Double.random(in: 10...830, using: &generator))
            }
            : Self.page(25_000) { i in (10 + Double(i) * 0.0228, 400) }
        let pipeline = try Pipeline(rules: projectRules, pdfReader: PDFReading.extractor)
        let result = pipeline.process(name: "crowded.pdf", bytes: bytes, kind: .pdf)
        #expect(!result.findings.isEmpty)
    }

    /// `count` digits 6 points high on one line of a page, 0.0057 points apart, as poppler gives them.
    static func line(_ count: Int) -> GlyphExtractor {
        { _, _ in
            let digits = Array("0123456789")
            let glyphs = (0..<count).map { i in
                let x = 10 + Double(i) * 0.0057
                return Glyph(character: digits[i % 10], box: Box(x0: x, y0: 436, x1: x + 3.3, y1: 442), fontSize: 6)
            }
            return [PageGlyphs(number: 1, width: 595, height: 842, glyphs: glyphs, rulingLines: [])]
        }
    }

    /// Linear, not quadratic: four times the characters take well under sixteen times as long (a quadratic
    /// step gives 16×; the slack absorbs a noisy machine).
    @Test func oneLineIsLinearInItsCharacters() throws {
        var times: [Duration] = []
        for count in [25_000, 100_000] {
            let pipeline = try Pipeline(rules: projectRules, pdfReader: Self.line(count))
            var result: ReportResult!
            times.append(
                ContinuousClock().measure {
                    result = pipeline.process(name: "line.pdf", bytes: [], kind: .pdf)
                })
            #expect(!result.findings.isEmpty)
        }
        #expect(times[1] < times[0] * 8 + .milliseconds(500), "\(times)")
    }
}
