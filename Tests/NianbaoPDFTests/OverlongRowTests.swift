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
/// 100,000 set on one line. Each is read (or found unreadable) in time linear in its characters: joining a
/// line's characters into cells once copied the cell's characters on every append (the line of 100,000
/// took minutes then, seconds now).
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
            : Self.page(100_000) { i in (10 + Double(i) * 0.0057, 400) }
        let pipeline = try Pipeline(rules: projectRules, pdfReader: PDFReading.extractor)
        var result: ReportResult!
        let time = ContinuousClock().measure {
            result = pipeline.process(name: "crowded.pdf", bytes: bytes, kind: .pdf)
        }
        #expect(time < .seconds(60), "\(form): \(time)")
        #expect(!result.findings.isEmpty)
    }
}
