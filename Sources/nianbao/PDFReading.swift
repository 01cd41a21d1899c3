import NianbaoCore
import NianbaoPDF

/// The PDF binding as the pipeline's glyph extractor.
enum PDFReading {
    static let extractor: GlyphExtractor = { bytes, wantsRulingLines throws(UnreadableDocument) in
        try PDFExtractor.pages(of: bytes, rulingLinesFor: wantsRulingLines)
    }
}
