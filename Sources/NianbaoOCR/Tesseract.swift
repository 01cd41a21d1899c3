#if NIANBAO_TESSERACT
import CTesseract
import Foundation
import NianbaoCore

/// One character Tesseract read, with its box in the image's pixels and the other characters it
/// considered there (best first, with their confidences).
struct RecognizedSymbol: Sendable, Hashable {
    var text: String
    var x0: Int, y0: Int, x1: Int, y1: Int
    /// 0–100.
    var confidence: Double
    var choices: [Choice]
    /// The first symbol of a word (after a space) or of a line.
    var startsWord: Bool
    var startsLine: Bool

    struct Choice: Sendable, Hashable {
        var text: String
        var confidence: Double
    }
}

/// How a region is to be read.
enum ReadingMode: Sendable {
    /// One line of digits (a numeric cell): `0-9`, separators, a dash for a printed zero.
    case digits
    /// One digit (a character of a number that the line reading ran together).
    case digit
    /// One line of text (a label cell, a heading).
    case line
    /// A block of text lines, one column.
    case block
    /// A page or part of one: Tesseract finds the blocks and lines.
    case page
    /// A page of one column of text, of various sizes: Tesseract finds the lines (a report's prose).
    case column
}

/// Owns one `TessBaseAPI`, set up once for a language (`chi_sim`, `chi_tra`) with the LSTM engine. Not
/// thread-safe: one engine per worker, never shared (`TesseractEngines`).
final class TesseractEngine {
    private let api: OpaquePointer
    let language: String
    /// Whether Tesseract works out each character's alternatives (`lstm_choice_mode`), as last set.
    private var choosing = false

    /// nil when the language's model is not installed (Debian `tesseract-ocr-chi-sim`). `invertedReading`
    /// keeps Tesseract's second reading of unsure lines as white on black (its default; the scan
    /// benchmark's whole-page reference reads as `tesseract page.png out` does).
    init?(language: String, dataPath: String? = nil, invertedReading: Bool = false) {
        Self.singleThreaded
        guard let api = TessBaseAPICreate() else { return nil }
        // Tesseract's own messages ("Estimating resolution", …) are of no use to a reader of ours.
        guard TessBaseAPIInit2(api, dataPath, language, OEM_LSTM_ONLY) == 0 else {
            TessBaseAPIDelete(api)
            return nil
        }
        self.api = api
        self.language = language
        set("debug_file", "/dev/null")
        // chi_sim reads Han characters with spaces between them otherwise.
        set("preserve_interword_spaces", "1")
        // Tesseract reads every line it is unsure of a second time as white on black. Reports are printed
        // black on white: on the OCR cases of `Corpus/` that second reading cost a quarter of the digit
        // passes' time, read as many fields right (three more in two scans, three fewer in a third) and
        // made four false alarms more.
        if !invertedReading { set("tessedit_do_invert", "0") }
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// Tesseract built with OpenMP runs parts of its LSTM on a team of threads, which spin while they wait:
    /// on a machine whose cores the workers already use, a cell took ten times as long. `OMP_THREAD_LIMIT=1`
    /// works only if set before the OpenMP runtime starts (the workers are spawned with it); in a process
    /// where it has started, no parallel region is let become active (`omp_set_max_active_levels(0)`),
    /// found at run time since Tesseract may be built without OpenMP.
    private static let singleThreaded: Void = {
        typealias SetLevels = @convention(c) (Int32) -> Void
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_max_active_levels") {
            unsafeBitCast(symbol, to: SetLevels.self)(0)
        }
    }()

    /// Where the models are: `TESSDATA_PREFIX`, else where Debian installs them.
    static var dataPath: String {
        let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"] ?? "/usr/share/tesseract-ocr/5/tessdata"
        return prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
    }

    /// Tesseract's version, e.g. `5.3.0`.
    static var version: String { String(cString: TessVersion()) }

    private func set(_ name: String, _ value: String) {
        _ = TessBaseAPISetVariable(api, name, value)
    }

    /// Reads `image` (8-bit grey, `dpi` dots per inch) in `mode`.
    func read(_ image: GrayImage, dpi: Int, mode: ReadingMode, digits: String = "0123456789,.-") -> [RecognizedSymbol] {
        guard image.width > 0, image.height > 0 else { return [] }
        // The alternatives of each character (the choice iterator) for numbers only: what is read as text
        // is used as read, and working them out costs a fifth of the reading time.
        let choices = mode == .digits || mode == .digit
        if choices != choosing {
            set("lstm_choice_mode", choices ? "2" : "0")
            choosing = choices
        }
        switch mode {
        case .digits:
            set("tessedit_char_whitelist", digits)
            TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE)
        case .digit:
            set("tessedit_char_whitelist", "0123456789")
            TessBaseAPISetPageSegMode(api, PSM_SINGLE_CHAR)
        case .line:
            set("tessedit_char_whitelist", "")
            TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE)
        case .block:
            set("tessedit_char_whitelist", "")
            TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK)
        case .page:
            set("tessedit_char_whitelist", "")
            TessBaseAPISetPageSegMode(api, PSM_AUTO)
        case .column:
            set("tessedit_char_whitelist", "")
            TessBaseAPISetPageSegMode(api, PSM_SINGLE_COLUMN)
        }
        image.pixels.withUnsafeBufferPointer { buffer in
            TessBaseAPISetImage(
                api, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        TessBaseAPISetSourceResolution(api, Int32(dpi))
        defer { TessBaseAPIClear(api) }
        guard TessBaseAPIRecognize(api, nil) == 0, let iterator = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        var symbols: [RecognizedSymbol] = []
        let page = TessResultIteratorGetPageIterator(iterator)
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { continue }
            let text = String(cString: raw)
            TessDeleteText(raw)
            var x0: Int32 = 0, y0: Int32 = 0, x1: Int32 = 0, y1: Int32 = 0
            guard !text.isEmpty, TessPageIteratorBoundingBox(page, RIL_SYMBOL, &x0, &y0, &x1, &y1) != 0 else {
                continue
            }
            var choices: [RecognizedSymbol.Choice] = []
            if let choice = TessResultIteratorGetChoiceIterator(iterator) {
                repeat {
                    if let c = TessChoiceIteratorGetUTF8Text(choice) {
                        choices.append(
                            .init(text: String(cString: c), confidence: Double(TessChoiceIteratorConfidence(choice))))
                    }
                } while TessChoiceIteratorNext(choice) != 0
                TessChoiceIteratorDelete(choice)
            }
            symbols.append(
                RecognizedSymbol(
                    text: text, x0: Int(x0), y0: Int(y0), x1: Int(x1), y1: Int(y1),
                    confidence: Double(TessResultIteratorConfidence(iterator, RIL_SYMBOL)), choices: choices,
                    startsWord: TessPageIteratorIsAtBeginningOf(page, RIL_WORD) != 0,
                    startsLine: TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0))
        } while TessResultIteratorNext(iterator, RIL_SYMBOL) != 0
        return symbols
    }
}
#endif
