import Foundation

/// The layout stage: an input's bytes → lines of cells, by input kind (text, HTML through libxml2, PDF
/// glyphs through the PDF binding). It reads no rule file, so a worker process (`nianbao extract`) runs
/// it alone, without the rules the later stages read.
public struct LayoutStage: Sendable {
    let pdfReader: GlyphExtractor?
    let pageLayout = PageLayout()

    public init(pdfReader: GlyphExtractor?) {
        self.pdfReader = pdfReader
    }

    /// Layout: bytes → lines, by input kind.
    public func layout(_ bytes: [UInt8], kind: InputKind) throws(UnreadableDocument) -> LayoutDocument {
        switch kind {
        case .text:
            let decoded = try TextDecoding.decode(bytes)
            var document = PlainTextReader.read(decoded.text)
            document.findings = decoded.findings + document.findings
            return document
        case .html:
            // The page is decoded (its charset from the BOM or its own declaration) and parsed; whether it
            // is Chinese text is judged on the text it shows, never on its markup.
            let decoded = try TextDecoding.decodeMarkup(bytes, declared: HTMLReader.declaredCharset(bytes))
            var document = HTMLReader.read(decoded.text)
            document.findings = decoded.findings + document.findings
            try TextDecoding.checkPlausible(document.lines.map(\.text).joined(separator: "\n"))
            return document
        case .pdf:
            guard let pdfReader else { throw UnreadableDocument(.unsupported, "PDF input needs the poppler reader") }
            var pages = try pdfReader(bytes, PageLayout.mayHoldTable)
            // Pages OCR must read are laid out without their text layer; the OCR stage reads them, or, when
            // OCR does not run, the document says what was left unread (`OCRStage.withoutOCR`).
            let (requests, textLayer) = OCRPlan.plan(pages, layout: pageLayout)
            if requests.isEmpty, let textLayer { return textLayer }
            guard !requests.isEmpty else {
                throw UnreadableDocument(
                    .noTextLayer,
                    "the PDF has no text layer (\(pages.count) page\(pages.count == 1 ? "" : "s") without characters or images)"
                )
            }
            let whole = Set(requests.filter { $0.region == nil }.map(\.page))
            for i in pages.indices where whole.contains(pages[i].number) {
                pages[i].glyphs = []
                pages[i].rulingLines = []
            }
            var document = pageLayout.layout(pages)
            document.findings = document.findings.filter { !whole.contains($0.page ?? 0) }
            document.ocrRequests = requests
            return document
        }
    }

    /// `layout`, as the stage's outcome, rounded as stored so that a value computed here equals one read
    /// back from the cache or from a worker.
    func outcome(_ bytes: [UInt8], kind: InputKind) -> StageOutcome<LayoutDocument> {
        do throws(UnreadableDocument) {
            return .value(try layout(bytes, kind: kind).roundedForStorage())
        } catch {
            return .unreadable(error)
        }
    }

    /// The stage's outcome for `bytes`, encoded as the stage cache stores it: what a worker process sends
    /// back (`LayoutRunner`).
    public func encodedOutcome(_ bytes: [UInt8], kind: InputKind) -> Data {
        StageCodec.encode(outcome(bytes, kind: kind)).value
    }
}
