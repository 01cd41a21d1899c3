import Foundation
import NianbaoCore
import Synchronization

#if NIANBAO_TESSERACT
import Crypto
import NianbaoPDF
#endif

/// OCR as the pipeline uses it: a `PageReader` over Tesseract, or why there is none (nianbao built without
/// Tesseract's headers, or its Chinese model not installed).
public enum OCR {
    /// The reader for `rules`, with what identifies the engine and its model (for the OCR stage's key);
    /// or, as failure, one line saying why OCR is not available.
    public static func setup(rules: OCRRules) -> Result<OCRSetup, OCRUnavailable> {
        #if NIANBAO_TESSERACT
        // The engines start on the first page to read (a run of text PDFs never loads the models); here
        // only the model files are looked for.
        let model = TesseractEngine.dataPath + "/" + rules.simplified + ".traineddata"
        guard FileManager.default.fileExists(atPath: model) else {
            return .failure(
                OCRUnavailable(
                    "Tesseract's '\(rules.simplified)' model is not installed (\(model); Debian tesseract-ocr-chi-sim)")
            )
        }
        let pool = ReaderPool(rules: rules)
        let engine = "tesseract \(TesseractEngine.version) " + ScanReader.modelIdentity(rules)
        return .success(
            OCRSetup(
                reader: { bytes, requests throws(UnreadableDocument) in try pool.read(bytes, requests) },
                engine: engine))
        #else
        return .failure(OCRUnavailable("nianbao was built without Tesseract (Debian libtesseract-dev)"))
        #endif
    }
}

/// Why OCR is not available, in one line.
public struct OCRUnavailable: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

#if NIANBAO_TESSERACT
/// Scan readers for threads that read at once (in-process runs, tests): each call takes an idle one, or
/// makes one; a worker process, which reads one document at a time, only ever has one.
final class ReaderPool: @unchecked Sendable {
    let rules: OCRRules
    private let idle: Mutex<[ScanReader]>

    init(rules: OCRRules) {
        self.rules = rules
        self.idle = Mutex([])
    }

    func read(_ bytes: [UInt8], _ requests: [OCRRequest]) throws(UnreadableDocument) -> [OCRPage] {
        let taken = idle.withLock { $0.popLast() }
        guard let reader = taken ?? ScanReader(rules: rules) else {
            throw UnreadableDocument(.unsupported, "OCR could not start (Tesseract's model did not load)")
        }
        defer { idle.withLock { $0.append(reader) } }
        return try reader.read(bytes, requests: requests)
    }
}

extension ScanReader {
    /// The models in use, by content: a new model file reads the scans again.
    static func modelIdentity(_ rules: OCRRules) -> String {
        [rules.simplified, rules.traditional, rules.numbers].map { language in
            let path = TesseractEngine.dataPath + "/" + language + ".traineddata"
            guard let data = FileManager.default.contents(atPath: path) else { return language + ":missing" }
            return language + ":" + SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
        }.joined(separator: " ")
    }
}
#endif

extension OCR {
    /// The reference the scan benchmark compares nianbao with: every page OCR would read, read whole by
    /// Tesseract's own layout analysis in one call (as `tesseract page.png out` reads a page), rendered at
    /// the resolution nianbao renders it at. The pages read; 0 without Tesseract.
    public static func readWholePages(_ bytes: [UInt8], rules: OCRRules) throws(UnreadableDocument) -> Int {
        #if NIANBAO_TESSERACT
        let pages = try PDFExtractor.pages(of: bytes)
        let renderer = try PageRenderer(bytes: bytes)
        setenv("OMP_THREAD_LIMIT", "1", 1)  // as nianbao's workers run it
        guard let engine = TesseractEngine(language: rules.simplified, invertedReading: true) else { return 0 }
        var read = 0
        for request in OCRPlan.requests(pages) where request.region == nil {
            // As nianbao: a page scanned too coarsely for OCR is not read.
            if let dpi = request.imageDPI, dpi < rules.minimumDPI { continue }
            let dpi = min(
                max(request.imageDPI ?? rules.renderMaximumDPI, rules.renderMinimumDPI), rules.renderMaximumDPI)
            guard let rendered = renderer.render(page: request.page, scale: dpi / 72) else { continue }
            _ = engine.read(GrayImage(rendered, dropRed: false), dpi: Int(dpi), mode: .page)
            read += 1
        }
        return read
        #else
        return 0
        #endif
    }
}
