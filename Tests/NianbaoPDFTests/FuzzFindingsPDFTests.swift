import Foundation
import NianbaoCore
import NianbaoPDF
import NianbaoTestSupport
import Testing

/// What Scripts/fuzz_pdfs.py found in PDFs, kept as tests.
@Suite struct FuzzFindingsPDFTests {
    /// Corpus/pdf_02 with one glyph width of its font RYIVWP+NotoSerifCJKjp-Regular-VKana (object 9,
    /// `/Widths` entry 53, `557` at byte 10729) made 10³²: a digit's box is ~10³² points wide. Writing its
    /// evidence, hundredths of a point as an `Int` (`FieldCoding.encode(_ evidence:)`, the parse stage's
    /// stored result) or tenths in NAME.json's `bbox` (`FieldCoding.format1`), traps ("Double value cannot
    /// be converted to Int because the result would be greater than Int.max"): SIGILL in the main
    /// process, not a worker, so the run dies and every document after this one is lost (fuzz round of
    /// 2,000 PDFs, seed 2026, mutant 681: "10 numbers -> huge; /Size -> -3").
    @Test func glyphOfHugeWidth() throws {
        var bytes = try repositoryBytes("Corpus/pdf_02_ruled_city_thousands.pdf")
        #expect(Array(bytes[10729..<10732]) == Array("557".utf8))
        bytes.replaceSubrange(10729..<10732, with: Array("99999999999999999999999999999999".utf8))
        let pipeline = try popplerPipeline()
        let result = pipeline.process(name: "huge-width.pdf", bytes: bytes, kind: .pdf)
        let json = ReportJSON.encode(result)
        #expect(!json.isEmpty)
    }
}
