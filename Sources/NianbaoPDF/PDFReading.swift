import NianbaoCore

/// The PDF binding as the pipeline's glyph extractor: how `nianbao run` reads PDFs, and the tests that
/// run the pipeline as it does (call `PDFExtractor.warmUp()` once before running it on several threads).
public enum PDFReading {
    public static let extractor: GlyphExtractor = { bytes, wantsRulingLines throws(UnreadableDocument) in
        try PDFExtractor.pages(of: bytes, rulingLinesFor: wantsRulingLines)
    }
}
