#if NIANBAO_TESSERACT
import Foundation
import NianbaoCore
import NianbaoPDF

/// Reads the pages and regions of a PDF that the text layer could not give (`OCRRequest`), with Tesseract:
/// each page is rendered at its scan's own resolution, red ink dropped, contrast normalised, turned upright
/// and straightened; the ruling lines found in the image give the table grid (the same grid code as text
/// PDFs), every cell is read on its own (numbers with the digit whitelist, one line), and the rest of the
/// page as prose. What it read comes back as glyphs and ruling lines, for `PageLayout`.
///
/// Owns its Tesseract engines: used by one thread at a time (a worker has one; `ReaderPool` hands them out,
/// hence `@unchecked Sendable`).
final class ScanReader: @unchecked Sendable {
    let rules: OCRRules
    private let simplified: TesseractEngine
    /// The model numbers are read with (`ocr.yaml` `numbers`: Tesseract's English model reads printed
    /// digits far better than the Chinese one, which takes 6 for 0); the Chinese one when it is missing.
    private let numbers: TesseractEngine
    /// The traditional-Chinese model, made when first wanted (nil inside: not installed).
    private var traditionalEngine: TesseractEngine??
    /// The model text is read with on the page being read: the simplified one, or the traditional one when
    /// it reads the page's sample with clearly more confidence.
    private var text: TesseractEngine
    private let grid = PageLayout()

    init?(rules: OCRRules) {
        // OpenMP's threads would compete with the workers, which already use every core.
        setenv("OMP_THREAD_LIMIT", "1", 1)
        guard let engine = TesseractEngine(language: rules.simplified) else { return nil }
        self.rules = rules
        self.simplified = engine
        self.text = engine
        self.numbers = TesseractEngine(language: rules.numbers) ?? engine
    }

    /// Every request of one document. A page that cannot be rendered comes back empty, with a finding.
    func read(_ bytes: [UInt8], requests: [OCRRequest]) throws(UnreadableDocument) -> [OCRPage] {
        let renderer = try PageRenderer(bytes: bytes)
        return requests.map { read(renderer, $0) }
    }

    func read(_ renderer: PageRenderer, _ request: OCRRequest) -> OCRPage {
        let page = request.page
        guard let (pageWidth, pageHeight) = renderer.size(page: page) else {
            return empty(request, width: 0, height: 0, "page \(page) cannot be rendered for OCR")
        }
        let frameBox = request.region ?? Box(x0: 0, y0: 0, x1: pageWidth, y1: pageHeight)
        if let dpi = request.imageDPI, dpi < rules.minimumDPI, request.region == nil {
            return empty(
                request, width: pageWidth, height: pageHeight,
                "page \(page) is scanned at \(Int(dpi.rounded())) dpi, too coarse for OCR (at least \(Int(rules.minimumDPI)) dpi)"
            )
        }
        let dpi = min(max(request.imageDPI ?? rules.renderMaximumDPI, rules.renderMinimumDPI), rules.renderMaximumDPI)
        guard let rendered = renderer.render(page: page, scale: dpi / 72, region: request.region) else {
            return empty(request, width: pageWidth, height: pageHeight, "page \(page) cannot be rendered for OCR")
        }
        let image = GrayImage(rendered, dropRed: rules.dropRedInk).normalized()
        let frame = OCRFrame(
            originX: frameBox.x0, originY: frameBox.y0, width: frameBox.x1 - frameBox.x0,
            height: frameBox.y1 - frameBox.y0)
        guard request.region == nil else {
            // A region stands on a text page as it is: its glyphs and lines join the page's own.
            let read = read(image, frame: frame, text: simplified, dpi: Int(dpi), straighten: false)
            let dx = frameBox.x0, dy = frameBox.y0
            let glyphs = read.glyphs.map { g in
                var g = g
                g.box = Box(x0: g.box.x0 + dx, y0: g.box.y0 + dy, x1: g.box.x1 + dx, y1: g.box.y1 + dy)
                return g
            }
            let lines = read.rulingLines.map {
                RulingLine(x0: $0.x0 + dx, y0: $0.y0 + dy, x1: $0.x1 + dx, y1: $0.y1 + dy)
            }
            return OCRPage(
                request: request, frame: OCRFrame(width: pageWidth, height: pageHeight), width: pageWidth,
                height: pageHeight, glyphs: glyphs, rulingLines: lines)
        }
        // A page is read the way its lines run (across: as it is; down: a quarter turn clockwise) in
        // simplified characters. Only a page whose text does not read well is looked at again, on a band
        // of it: upside down (or turned the other way), and in traditional characters; it is read again
        // when either reads the band clearly better. Most pages are read once and never sampled.
        let first = image.runsAcross() ? 0 : 1
        func turned(_ turns: Int) -> OCRFrame {
            var turned = frame
            turned.quarterTurns = turns
            return turned
        }
        var reading = read(image, frame: turned(first), text: simplified, dpi: Int(dpi), straighten: true)
        if reading.textConfidence < Self.sureReading {
            let (turns, sample) = uprightTurns(image, dpi: Int(dpi), first: first)
            let text = script(of: sample, dpi: Int(dpi))
            if turns != first || text !== simplified {
                let again = read(image, frame: turned(turns), text: text, dpi: Int(dpi), straighten: true)
                // The same model's two readings of the whole page are compared too: a band can mislead
                // (one read both ways up over a picture or a blank stretch). The two models' confidences
                // are not comparable: the traditional one's reading is taken as the band chose.
                if text !== simplified || again.textConfidence > reading.textConfidence { reading = again }
            }
        }
        return OCRPage(
            request: request, frame: reading.frame, width: reading.width, height: reading.height,
            glyphs: reading.glyphs, rulingLines: reading.rulingLines)
    }

    /// What one reading of a page or region gave: its frame (turns and skew), its size in points, glyphs
    /// and ruling lines, in the upright, straight frame; and the mean confidence of every character the
    /// text model read (0 when it read none). Text upside down still reads at about 84 (most characters
    /// read as some character, at 50–95 each), upright text at 97–99 on the scans of `Corpus/`.
    private struct Reading {
        var frame: OCRFrame
        var width: Double
        var height: Double
        var glyphs: [Glyph]
        var rulingLines: [RulingLine]
        var textConfidence: Double
    }

    /// The confidences of what the text model read on the page being read.
    private var textConfidences: [Double] = []

    /// `image` turned by `frame`'s quarter turns (and straightened when `straighten`), its table grid
    /// found, each cell read, and the rest of it as prose with `text`.
    private func read(
        _ image: GrayImage, frame: OCRFrame, text: TesseractEngine, dpi: Int, straighten: Bool
    ) -> Reading {
        self.text = text
        textConfidences = []
        var frame = frame
        var image = image.turned(quarter: frame.quarterTurns)
        if straighten {
            frame.degrees = image.skew()
            image = image.straightened(by: frame.degrees)
        }
        let scale = image.scale
        let threshold = image.otsuThreshold()
        let pieces = image.rulingPieces(
            below: threshold, minimumLength: Self.minimumRulingLine, gap: max(1, Int((0.8 * scale).rounded())))
        let width = Double(image.width) / scale, height = Double(image.height) / scale
        // A horizontal rule spans a cell at least (30 pt); a run of Han strokes in a row of text can reach
        // the vertical rules' minimum.
        let lines = RulingLineMerger.merge(pieces, width: width, height: height, minimumLength: Self.minimumRulingLine)
            .filter { !$0.isHorizontal || $0.x1 - $0.x0 >= PDFExtractor.minimumRulingLineLengthWithoutText }
        let cells = grid.tableCells(lines)
        var glyphs: [Glyph] = []
        var prose = image
        for cell in cells {
            glyphs += readCell(image, cell, threshold: threshold, dpi: dpi)
            blank(&prose, cell)
        }
        glyphs += readProse(prose, dpi: dpi, threshold: threshold)
        let confidence = textConfidences.isEmpty ? 0 : textConfidences.reduce(0, +) / Double(textConfidences.count)
        return Reading(
            frame: frame, width: width, height: height, glyphs: glyphs, rulingLines: lines, textConfidence: confidence)
    }

    /// Vertical ruling lines are runs of ink at least this long (points): longer than a character's stroke
    /// (a Han character of 10.5 pt is about 11 pt high), shorter than the rule of a one-line row.
    static let minimumRulingLine = 15.0

    /// A mark shorter than this (points) is no digit of a table's print (a digit of 9 pt type is about
    /// 6.5 pt high): a speck.
    static let smallestDigit = 4.0

    private func empty(_ request: OCRRequest, width: Double, height: Double, _ message: String) -> OCRPage {
        OCRPage(
            request: request, frame: OCRFrame(width: width, height: height), width: width, height: height, glyphs: [],
            rulingLines: [],
            findings: [
                Finding(rule: FindingID.ocrUnread, severity: .warning, fields: [], message: message, page: request.page)
            ])
    }

    // MARK: - Orientation

    /// How many quarter turns clockwise stand the page upright, of `first` (the way its lines run, from
    /// the ink's profiles) and the half turn from it: which of the two reads a band of the page with more
    /// confidence.
    func uprightTurns(_ image: GrayImage, dpi: Int, first: Int) -> (turns: Int, sample: (GrayImage, Double)) {
        let candidates = [first, first + 2]
        var best = candidates[0], bestConfidence = -1.0
        var bestSample = GrayImage(width: 1, height: 1, scale: image.scale)
        for turns in candidates {
            let sample = image.turned(quarter: turns)
            // A band of a few lines across the middle of the page: enough to tell which way up it reads.
            let crop = sample.cropped(
                x0: sample.width / 5, y0: sample.height * 35 / 100, x1: sample.width * 4 / 5,
                y1: sample.height * 45 / 100)
            let symbols = simplified.read(crop, dpi: dpi, mode: .block)
            let confidence =
                symbols.isEmpty ? 0 : symbols.map(\.confidence).reduce(0, +) / Double(symbols.count)
            if confidence > bestConfidence {
                best = turns
                bestConfidence = confidence
                bestSample = crop
            }
        }
        return (best, (bestSample, bestConfidence))
    }

    /// A page whose text the simplified model reads with this mean confidence is upright and simplified:
    /// it is not looked at again. On the OCR cases of `Corpus/` upright pages read at 97–99, a clean
    /// 300 dpi scan upside down at 84 (most of its characters read, at 50–95 each).
    static let sureReading = 93.0

    /// A sample read with this mean confidence by the simplified model is simplified Chinese.
    static let sureScript = 88.0

    /// The model for the page's text: the traditional one when it reads the page's sample (upright) with
    /// clearly more confidence than the simplified one does (a report printed in traditional characters);
    /// the cleanup stage turns what it reads into simplified characters as for any traditional text.
    func script(of sample: (image: GrayImage, confidence: Double), dpi: Int) -> TesseractEngine {
        // A page the simplified model reads well is simplified: the traditional model is not tried.
        guard sample.confidence < Self.sureScript else { return simplified }
        if traditionalEngine == nil { traditionalEngine = .some(TesseractEngine(language: rules.traditional)) }
        guard let traditional = traditionalEngine ?? nil, sample.image.width > 1 else { return simplified }
        let read = traditional.read(sample.image, dpi: dpi, mode: .block)
        return Self.meanConfidence(read) > sample.confidence + 5 ? traditional : simplified
    }

    // MARK: - Cells

    /// Whitens a cell of the page, so that the prose pass does not read it again.
    private func blank(_ image: inout GrayImage, _ cell: Box) {
        let s = image.scale
        let x0 = max(0, Int(cell.x0 * s) - 1), x1 = min(image.width, Int(cell.x1 * s) + 2)
        let y0 = max(0, Int(cell.y0 * s) - 1), y1 = min(image.height, Int(cell.y1 * s) + 2)
        guard x1 > x0, y1 > y0 else { return }
        let w = image.width
        image.pixels.withUnsafeMutableBufferPointer { p in
            for y in y0..<y1 {
                for x in x0..<x1 { p[y * w + x] = 255 }
            }
        }
    }

    /// One table cell: blank, a number (read again with the digit whitelist, with its alternatives) or
    /// text.
    func readCell(_ image: GrayImage, _ cell: Box, threshold: UInt8, dpi: Int) -> [Glyph] {
        let s = image.scale
        let inset = max(2, Int((1.5 * s).rounded()))
        let x0 = Int(cell.x0 * s) + inset, x1 = Int(cell.x1 * s) - inset
        let y0 = Int(cell.y0 * s) + inset, y1 = Int(cell.y1 * s) - inset
        let minimumInk = max(4, Int(s * s * 0.6))
        guard x1 - x0 > 2, y1 - y0 > 2,
            let ink = image.inkBounds(x0: x0, y0: y0, x1: x1, y1: y1, below: threshold, minimum: minimumInk)
        else { return [] }
        let pad = max(2, Int(s))
        let cx0 = max(x0, ink.x0 - pad), cy0 = max(y0, ink.y0 - pad)
        let margin = max(6, Int(3 * s))
        let crop = image.cropped(
            x0: cx0, y0: cy0, x1: min(x1, ink.x1 + pad), y1: min(y1, ink.y1 + pad), margin: margin)
        let oneLine = Double(ink.y1 - ink.y0) / s < 16
        let offsetX = Double(cx0 - margin), offsetY = Double(cy0 - margin)
        // Most cells of the tables are numbers: a one-line cell whose marks are all narrow like digits is
        // read with the digit whitelist first, and taken as a number when its marks are as many as the
        // digits read. Otherwise the whole model reads the cell; a number after all when that reading has
        // no Han character but digits, or when the digits were read with clearly more confidence than the
        // text (a lone digit the whole model takes for a look-alike character: 2 for 长). A cell with a
        // wide mark (a label: Han characters are about as wide as they are high) gets the digit pass only
        // when the whole model's reading may be a number (two digits printed touching): the digit pass of
        // the labels, at up to three sizes, took longer than reading them.
        var digits: [RecognizedSymbol] = []
        var shape = (narrow: false, agrees: false)
        let narrow = oneLine && Self.shape(crop, threshold: threshold, reading: []).narrow
        if narrow {
            digits = readDigits(crop, inkHeight: ink.y1 - ink.y0, threshold: threshold, dpi: dpi)
            shape = Self.shape(crop, threshold: threshold, reading: digits)
        }
        var symbols: [RecognizedSymbol] = []
        if digits.isEmpty || !(shape.narrow && shape.agrees) {
            symbols = text.read(crop, dpi: dpi, mode: oneLine ? .line : .block)
            textConfidences += symbols.map(\.confidence)
        }
        if oneLine, !narrow, Self.looksNumeric(symbols) {
            digits = readDigits(crop, inkHeight: ink.y1 - ink.y0, threshold: threshold, dpi: dpi)
            shape = Self.shape(crop, threshold: threshold, reading: digits)
        }
        let number: Bool
        if !oneLine || digits.isEmpty {
            number = false
        } else if symbols.isEmpty || Self.looksNumeric(symbols) {
            number = true
        } else {
            number = shape.agrees && Self.meanConfidence(digits) > Self.meanConfidence(symbols) + 10
        }
        if number {
            digits = characterByCharacter(crop, digits, threshold: threshold, dpi: dpi)
            return numberGlyphs(digits, reading: reading(of: digits), offsetX: offsetX, offsetY: offsetY, scale: s)
        }
        // Marks narrow like digits that the digit pass read nothing of, and the whole model took for a
        // Han character it is not sure of (a coarse `5` read `加`): each mark read as one digit, and the
        // number as unsure as that.
        if oneLine, digits.isEmpty, shape.narrow, Self.meanConfidence(symbols) < rules.confidence,
            symbols.allSatisfy({ $0.text.allSatisfy(ChineseText.isHan) })
        {
            var single = characterByCharacter(crop, [], threshold: threshold, dpi: dpi)
            if single.contains(where: { $0.text.allSatisfy(\.isNianbaoDigit) }) {
                for i in single.indices { single[i].confidence = min(single[i].confidence, rules.confidence - 1) }
                return numberGlyphs(
                    single, reading: reading(of: single), offsetX: offsetX, offsetY: offsetY, scale: s)
            }
        }
        // Marks narrow like digits, as high as a digit, that no reading made a number or a Han character of
        // (Tesseract reads a lone `1` of a blurred scan as nothing at every size; a `0` crossed by a seal's
        // stroke as `=`): a number was printed there and not read. That is no blank cell, which a table
        // reads as 0: it is marked unread (`□`, the mark of an illegible character), its field null with a
        // warning. Ink read as nothing that touches the cell's sides is what is left of a rule, not a digit
        // (a reading such as `=` or `|` would break the row as a label, so it is unread all the same).
        let read = symbols.map(\.text).joined()
        if narrow, Double(ink.y1 - ink.y0) >= Self.smallestDigit * s, !symbols.isEmpty || (ink.x0 > x0 && ink.x1 < x1),
            !read.contains(where: ChineseText.isHan), !Self.looksNumeric(symbols), NumberReader.read(read) == nil
        {
            let box = Box(
                x0: Double(ink.x0) / s, y0: Double(ink.y0) / s, x1: Double(ink.x1) / s, y1: Double(ink.y1) / s)
            return [
                Glyph(
                    character: NumberReader.unread, box: box, fontSize: box.y1 - box.y0,
                    ocr: OCRReading(confidence: 0, confident: false))
            ]
        }
        return glyphs(of: symbols, offsetX: offsetX, offsetY: offsetY, scale: s)
    }

    /// A number read with the digit whitelist at two or three sizes: the cell enlarged so that its digits
    /// stand about 36 pixels high, and a size or two larger. Tesseract loses or changes a digit at some
    /// sizes (a lone `4` read as nothing, `5` as `9`, `61` as `601`) while fairly sure of itself; different
    /// sizes seldom fail alike. Two readings that agree settle the number, and so does one when the other
    /// sizes read nothing; readings that disagree make it as unsure as that: the likelier reading, with the
    /// others among its alternatives (`reading(of:)`). A first reading sure of every digit
    /// (`ocr.yaml` `sure_confidence`) whose marks are as many as its digits is not read again: on the OCR
    /// cases of `Corpus/` (4,582 cells) the larger sizes disagreed with 22 of 3,305 such readings, mostly
    /// by inventing decimals at low confidence, and taking them alone read three more fields right and
    /// none wrong, for a sixth less reading time.
    /// Symbols are in `crop`'s pixels.
    func readDigits(_ crop: GrayImage, inkHeight: Int, threshold: UInt8, dpi: Int) -> [RecognizedSymbol] {
        let first = max(1, Int((36 / Double(max(inkHeight, 1))).rounded()))
        var readings: [[RecognizedSymbol]] = []
        func text(_ r: [RecognizedSymbol]) -> String { r.map(\.text).joined() }
        for factor in [first, first + 1, first + 2] {
            let m = 8 * factor
            let image = crop.enlarged(by: factor).cropped(
                x0: 0, y0: 0, x1: crop.width * factor, y1: crop.height * factor, margin: m)
            let read = Self.trimmed(numbers.read(image, dpi: dpi * factor, mode: .digits, digits: rules.digits))
                .map { symbol -> RecognizedSymbol in
                    var s = symbol
                    (s.x0, s.y0, s.x1, s.y1) = (
                        (s.x0 - m) / factor, (s.y0 - m) / factor, (s.x1 - m) / factor, (s.y1 - m) / factor
                    )
                    return s
                }
            guard !read.isEmpty else { continue }
            // Sure of every digit at the first size, with as many marks as digits: taken as it is.
            if factor == first, (read.map(\.confidence).min() ?? 0) >= rules.sureConfidence,
                Self.shape(crop, threshold: threshold, reading: read).agrees
            {
                return read
            }
            if let agreed = readings.first(where: { text($0) == text(read) }) {
                return Self.meanConfidence(agreed) >= Self.meanConfidence(read) ? agreed : read
            }
            readings.append(read)
        }
        guard var best = readings.max(by: { Self.meanConfidence($0) < Self.meanConfidence($1) }) else { return [] }
        // One size read it, the others nothing (Tesseract's way with a lone digit): its own confidence.
        guard readings.count > 1 else { return best }
        // Sizes that disagree: every digit no more confident than the threshold allows, the others offered.
        for i in best.indices { best[i].confidence = min(best[i].confidence, rules.confidence - 1) }
        for other in readings where text(other) != text(best) {
            best[0].choices.insert(.init(text: "=" + text(other), confidence: 100), at: 0)
        }
        return best
    }

    static func meanConfidence(_ symbols: [RecognizedSymbol]) -> Double {
        symbols.isEmpty ? 0 : symbols.map(\.confidence).reduce(0, +) / Double(symbols.count)
    }

    /// A number is one run of characters: spread over the digits' extent without gaps, so that no gap
    /// between two digits reads as a space; every character carries the cell's reading.
    func numberGlyphs(
        _ symbols: [RecognizedSymbol], reading: OCRReading, offsetX: Double, offsetY: Double, scale s: Double
    ) -> [Glyph] {
        let characters = Array(symbols.map(\.text).joined().filter { !$0.isWhitespace })
        guard !characters.isEmpty else { return [] }
        let bx0 = (offsetX + Double(symbols.map(\.x0).min()!)) / s
        let bx1 = (offsetX + Double(symbols.map(\.x1).max()!)) / s
        let by0 = (offsetY + Double(symbols.map(\.y0).min()!)) / s
        let by1 = (offsetY + Double(symbols.map(\.y1).max()!)) / s
        let step = (bx1 - bx0) / Double(characters.count)
        return characters.enumerated().map { i, c in
            Glyph(
                character: c,
                box: Box(x0: bx0 + step * Double(i), y0: by0, x1: bx0 + step * Double(i + 1), y1: by1),
                fontSize: by1 - by0, ocr: reading)
        }
    }

    /// Separators read at either end of a number are specks or cell borders, not part of it.
    static func trimmed(_ symbols: [RecognizedSymbol]) -> [RecognizedSymbol] {
        var out = symbols
        func separator(_ s: RecognizedSymbol) -> Bool { s.text == "," || s.text == "." }
        while let last = out.last, separator(last) { out.removeLast() }
        while let first = out.first, separator(first) { out.removeFirst() }
        return out
    }

    /// One glyph per character read, each with its symbol's confidence, in points (`offset` in pixels).
    func glyphs(of symbols: [RecognizedSymbol], offsetX: Double, offsetY: Double, scale s: Double) -> [Glyph] {
        symbols.flatMap { symbol -> [Glyph] in
            let characters = Array(symbol.text.filter { !$0.isWhitespace })
            guard !characters.isEmpty else { return [] }
            let bx0 = (offsetX + Double(symbol.x0)) / s, bx1 = (offsetX + Double(symbol.x1)) / s
            let by0 = (offsetY + Double(symbol.y0)) / s, by1 = (offsetY + Double(symbol.y1)) / s
            let step = (bx1 - bx0) / Double(characters.count)
            let reading = OCRReading(confidence: symbol.confidence, confident: symbol.confidence >= rules.confidence)
            return characters.enumerated().map { i, c in
                Glyph(
                    character: c,
                    box: Box(x0: bx0 + step * Double(i), y0: by0, x1: bx0 + step * Double(i + 1), y1: by1),
                    fontSize: by1 - by0, ocr: reading)
            }
        }
    }

    /// Whether the cell's marks are each narrow like a printed digit (a Han character is about as wide as
    /// it is high), and about as many as the characters of `reading` (two like digits may touch; a label
    /// that starts with `1.` has far more marks than the `1` the whitelist read).
    static func shape(
        _ crop: GrayImage, threshold: UInt8, reading: [RecognizedSymbol]
    ) -> (narrow: Bool, agrees: Bool) {
        let runs = crop.inkColumns(below: threshold)
        guard let tallest = runs.map({ $0.y1 - $0.y0 }).max(), tallest >= 6 else { return (false, false) }
        let marks = runs.filter { Double($0.y1 - $0.y0) >= 0.3 * Double(tallest) }.count
        let characters = reading.reduce(0) { $0 + $1.text.count }
        return (
            runs.allSatisfy { Double($0.x1 - $0.x0) <= 0.8 * Double(tallest) },
            characters > 0 && marks <= characters + 1 && characters <= runs.count + 2
        )
    }

    /// A number whose printed digits stand apart in more places than the line reading has digits: the
    /// LSTM runs two like digits together (`11` read `1`), so each digit is read on its own, and each small
    /// mark between them is a decimal point (on the line) or a thousands separator (below it).
    func characterByCharacter(
        _ crop: GrayImage, _ symbols: [RecognizedSymbol], threshold: UInt8, dpi: Int
    ) -> [RecognizedSymbol] {
        let runs = crop.inkColumns(below: threshold)
        guard let tallest = runs.map({ $0.y1 - $0.y0 }).max(), tallest > 4 else { return symbols }
        let digitsRead = symbols.reduce(0) { $0 + $1.text.filter(\.isNianbaoDigit).count }
        let tall = runs.filter { Double($0.y1 - $0.y0) >= 0.6 * Double(tallest) }
        guard tall.count > digitsRead, tall.count <= 16 else { return symbols }
        let baseline = tall.map(\.y1).max()!
        let pad = max(2, tallest / 3)
        var out: [RecognizedSymbol] = []
        for run in runs {
            let isDigit = Double(run.y1 - run.y0) >= 0.6 * Double(tallest)
            guard isDigit else {
                // A mark: a separator; specks above the digits' middle are not.
                guard run.y0 > baseline - tallest / 2 else { continue }
                let text = run.y1 > baseline + 1 ? "," : "."
                out.append(
                    RecognizedSymbol(
                        text: text, x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1, confidence: 90, choices: [],
                        startsWord: false, startsLine: out.isEmpty))
                continue
            }
            let one = crop.cropped(x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1, margin: pad)
            guard let read = numbers.read(one, dpi: dpi, mode: .digit).first else { return symbols }
            var symbol = read
            (symbol.x0, symbol.y0, symbol.x1, symbol.y1) = (run.x0, run.y0, run.x1, run.y1)
            symbol.startsLine = out.isEmpty
            out.append(symbol)
        }
        // Separators at the ends are specks, not part of the number.
        while let last = out.last, !last.text.allSatisfy(\.isNianbaoDigit) { out.removeLast() }
        while let first = out.first, !first.text.allSatisfy(\.isNianbaoDigit) { out.removeFirst() }
        return out.isEmpty ? symbols : out
    }

    /// A reading that may be a number: no Han character, and a digit or a dash (a printed zero) in it;
    /// Tesseract's general model reads digits as look-alikes (`1]`, `l5`), which the digit pass settles.
    static func looksNumeric(_ symbols: [RecognizedSymbol]) -> Bool {
        let text = symbols.map(\.text).joined().filter { !$0.isWhitespace }
        guard !text.isEmpty, text.count <= 16, !text.contains(where: ChineseText.isHan) else { return false }
        return text.contains(where: \.isNianbaoDigit) || text.allSatisfy { "-—－–_一".contains($0) }
    }

    /// A numeric cell's reading: its least confident digit decides; a cell under the threshold offers the
    /// other digits Tesseract considered there (and the known look-alikes), one digit changed at a time.
    func reading(of symbols: [RecognizedSymbol]) -> OCRReading {
        let confidence = symbols.map(\.confidence).min() ?? 0
        let confident = confidence >= rules.confidence
        guard !confident else { return OCRReading(confidence: confidence, confident: true) }
        let printed = symbols.map(\.text)
        var alternatives: [(text: String, score: Double)] = []
        // The other size's reading of the whole cell (`readDigits`).
        for choice in symbols.first?.choices ?? [] where choice.text.hasPrefix("=") {
            alternatives.append((String(choice.text.dropFirst()), choice.confidence))
        }
        for (i, symbol) in symbols.enumerated() where symbol.confidence < rules.confidence {
            var options = symbol.choices.filter {
                $0.text != symbol.text && !$0.text.isEmpty && $0.text.allSatisfy(\.isNianbaoDigit)
            }
            .map { ($0.text, $0.confidence) }
            for pair in rules.digitConfusions where pair.count == 2 && pair[0] == symbol.text {
                if !options.contains(where: { $0.0 == pair[1] }) { options.append((pair[1], 0)) }
            }
            for (text, score) in options {
                var changed = printed
                changed[i] = text
                alternatives.append((changed.joined(), score))
            }
        }
        var seen = Set<String>()
        let ordered = alternatives.sorted { $0.score > $1.score }.map(\.text).filter { seen.insert($0).inserted }
        return OCRReading(confidence: confidence, confident: false, alternatives: Array(ordered.prefix(8)))
    }

    // MARK: - Prose

    /// The page outside its ruled tables, laid out and read by Tesseract as one column of lines of various
    /// sizes (reports are set in one column; on the OCR cases of `Corpus/` Tesseract's own column finding
    /// read five numbers fewer of an unruled table): one glyph per character, each with its own
    /// confidence.
    ///
    /// A table drawn without ruling lines comes out of that reading as lines in parts, and its numbers as
    /// the whole model reads them in running text (`3` as `]`, two zeros as `oo`, a digit lost, a column
    /// at the table's edge left out): where such lines line up in columns, each column of each row is read
    /// again as a cell (`PageLayout.unruledCells`), and so is each mark to the right of a row's last column
    /// that the reading left out, where such marks stand on several rows (`GrayImage.marksBeyond`). A cell
    /// read as a number takes the place of what the prose reading made of it; one read as text leaves that
    /// as it was.
    func readProse(_ image: GrayImage, dpi: Int, threshold: UInt8) -> [Glyph] {
        let symbols = text.read(image, dpi: dpi, mode: .column)
        textConfidences += symbols.map(\.confidence)
        var read = glyphs(of: symbols, offsetX: 0, offsetY: 0, scale: image.scale)
        let page = PageGlyphs(
            number: 0, width: Double(image.width) / image.scale, height: Double(image.height) / image.scale,
            glyphs: read, rulingLines: [])
        let tables = grid.unruledCells(page)
        let rows = tables.flatMap { $0 }
        // A column Tesseract left out stands on several rows; a mark beyond one row alone is a speck.
        let marks = rows.map { image.marksBeyond($0, threshold: threshold, read: read) }
        let centres = marks.flatMap { $0.map(\.midX) }
        let recurring = marks.map { cells in
            cells.filter { c in centres.filter { abs($0 - c.midX) < c.width / 4 }.count >= max(2, rows.count / 3) }
        }
        var numbers: [Glyph] = []
        let leftOut = tables.flatMap { image.rowsLeftOut($0, threshold: threshold, read: read) }.map { ($0, [Box]()) }
        for (row, beyond) in Array(zip(rows, recurring)) + leftOut {
            for cell in row + beyond {
                let cellGlyphs = readCell(image, cell, threshold: threshold, dpi: dpi)
                guard cellGlyphs.contains(where: { $0.character.isNianbaoDigit }),
                    cellGlyphs.allSatisfy({ $0.character.isNianbaoDigit || ".,-".contains($0.character) })
                else { continue }
                read.removeAll { cell.contains($0.box.midX, $0.box.midY) }
                numbers += cellGlyphs
            }
        }
        return read + numbers
    }
}
#endif

extension Character {
    /// 0–9 in ASCII.
    var isNianbaoDigit: Bool { ("0"..."9").contains(self) }
}
