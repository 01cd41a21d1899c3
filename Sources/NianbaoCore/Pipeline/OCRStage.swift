import Foundation

/// Reads the pages and regions of a PDF that OCR must read (`OCRRequest`); provided by the OCR binding
/// (NianbaoOCR), so that the core never links Tesseract.
public typealias PageReader =
    @Sendable (_ bytes: [UInt8], _ requests: [OCRRequest]) throws(UnreadableDocument) -> [OCRPage]

/// What a pipeline reads scans with: the reader, and what identifies the engine and its models (part of
/// every OCR result's key, with `ocr.yaml`'s fingerprint, so a new model reads the scans again).
public struct OCRSetup: Sendable {
    public var reader: PageReader
    public var engine: String
    public init(reader: @escaping PageReader, engine: String) {
        self.reader = reader
        self.engine = engine
    }
}

/// The OCR stage: a PDF whose layout asked for OCR (`LayoutDocument.ocrRequests`) laid out again with what
/// OCR read standing in for the pages it read (scans, garbled text layers) and added to the pages that
/// hold a table as an image. Its result replaces the layout stage's for that document; it is cached on its
/// own (`Stage.ocr`), so a change of any other rule never reads a scan again.
public struct OCRStage: Sendable {
    let pdfReader: GlyphExtractor
    let pageReader: PageReader
    let pageLayout = PageLayout()

    public init(pdfReader: @escaping GlyphExtractor, pageReader: @escaping PageReader) {
        self.pdfReader = pdfReader
        self.pageReader = pageReader
    }

    public func layout(_ bytes: [UInt8]) throws(UnreadableDocument) -> LayoutDocument {
        var pages = try pdfReader(bytes, PageLayout.mayHoldTable)
        let requests = OCRPlan.plan(pages, layout: pageLayout).requests
        let read = try pageReader(bytes, requests)
        var frames: [Int: OCRFrame] = [:]
        var findings: [Finding] = []
        for ocr in read {
            guard let i = pages.firstIndex(where: { $0.number == ocr.request.page }) else { continue }
            findings += ocr.findings
            if ocr.findings.isEmpty { findings.append(Self.read(ocr)) }
            if ocr.request.region == nil {
                pages[i] = ocr.pageGlyphs
                frames[ocr.request.page] = ocr.frame
            } else {
                pages[i].glyphs += ocr.glyphs
                pages[i].rulingLines += ocr.rulingLines
            }
        }
        var document = pageLayout.layout(pages)
        // Evidence on the page as displayed: what was read turned upright and straightened goes back.
        for i in document.lines.indices {
            guard let page = document.lines[i].page, let frame = frames[page] else { continue }
            for j in document.lines[i].cells.indices {
                guard let box = document.lines[i].cells[j].location?.box else { continue }
                document.lines[i].cells[j].location?.box = frame.toPage(box)
            }
        }
        // A page OCR could not read is said once, by OCR's own finding, not again as a page without text.
        let unread = Set(findings.compactMap(\.page))
        document.findings = document.findings.filter { $0.rule != FindingID.noText || !unread.contains($0.page ?? 0) }
        document.findings += findings
        let text = document.lines.map(\.text).joined(separator: "\n")
        guard text.contains(where: { !$0.isWhitespace }) else {
            let why =
                findings.first?.message ?? "OCR found no text on its \(pages.count) page\(pages.count == 1 ? "" : "s")"
            throw UnreadableDocument(.noTextLayer, "the PDF has no text layer and OCR could not read it: \(why)")
        }
        do {
            try TextDecoding.checkPlausible(text)
        } catch {
            throw UnreadableDocument(.garbled, "OCR could not read the PDF's pages either: \(error.message)")
        }
        return document
    }

    /// The `ocr` finding of a page or region read: what it was, and what was done to it.
    static func read(_ page: OCRPage) -> Finding {
        let request = page.request
        let dpi = request.imageDPI.map { " (\(Int($0.rounded())) dpi)" } ?? ""
        var what: String
        switch request.reason {
        case .noText: what = "page \(request.page), a scan\(dpi), read by OCR"
        case .garbled: what = "page \(request.page), whose text layer is garbled, read by OCR"
        case .imageTable: what = "a picture on page \(request.page) where a table may be\(dpi), read by OCR"
        }
        if page.frame.quarterTurns != 0 { what += "; turned \(page.frame.quarterTurns * 90)° clockwise" }
        if page.frame.degrees != 0 { what += String(format: "; straightened by %.2f°", page.frame.degrees) }
        return Finding(rule: FindingID.ocr, severity: .info, fields: [], message: what, page: request.page)
    }

    func outcome(_ bytes: [UInt8]) -> StageOutcome<LayoutDocument> {
        do throws(UnreadableDocument) {
            return .value(try layout(bytes).roundedForStorage())
        } catch {
            return .unreadable(error)
        }
    }

    /// The stage's outcome, encoded as the stage cache stores it: what a worker process sends back.
    public func encodedOutcome(_ bytes: [UInt8]) -> Data {
        StageCodec.encode(outcome(bytes)).value
    }

    /// The outcome of a document OCR could not be run on, encoded as `encodedOutcome`'s.
    public static func encodedUnavailable(_ why: String) -> Data {
        StageCodec.encode(StageOutcome<LayoutDocument>.unreadable(UnreadableDocument(.unsupported, why))).value
    }

    /// A layout that asked for OCR, when OCR does not run (`--ocr off`, or no engine): the document as its
    /// text layer gives it, a warning for each table image left unread, or unreadable when nothing of it
    /// could be read (`why` says why OCR did not run).
    static func withoutOCR(_ document: LayoutDocument, why: String) -> StageOutcome<LayoutDocument> {
        let requests = document.ocrRequests ?? []
        var document = document
        document.ocrRequests = nil
        let pages = document.pageCount ?? 0
        guard document.lines.contains(where: { !$0.isBlank }) else {
            if requests.contains(where: { $0.reason == .garbled }) {
                return .unreadable(
                    UnreadableDocument(
                        .garbled, "the PDF's text layer is garbled (a broken font encoding), and \(why)"))
            }
            return .unreadable(
                UnreadableDocument(
                    .noTextLayer,
                    "the PDF has no text layer (\(pages) page\(pages == 1 ? "" : "s") of images: a scan), and \(why)"))
        }
        for request in requests {
            let what =
                switch request.reason {
                case .noText: "has no text layer (a scanned page)"
                case .garbled: "has a garbled text layer"
                case .imageTable: "holds a picture where a table may be"
                }
            document.findings.append(
                Finding(
                    rule: FindingID.ocrUnread, severity: .warning, fields: [],
                    message: "page \(request.page) \(what), not read: \(why)", page: request.page))
        }
        return .value(document)
    }
}
