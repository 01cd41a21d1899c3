import Foundation
import NianbaoCore
import Testing

/// Numbers OCR read with low confidence: flagged, and corrected only when exactly one reading OCR offered
/// for exactly one such cell makes every identity hold.
@Suite struct OCRValidationTests {
    let validator = Validator(rules: defaultRules.validation)

    func parsed(_ fields: [String: Decimal], ocr: [String: OCRReading]) -> ParsedReport {
        var evidence: [String: NianbaoCore.SourceLocation] = [:]
        for (id, reading) in ocr {
            evidence[id] = NianbaoCore.SourceLocation(
                page: 2, box: Box(x0: 100, y0: 200, x1: 130, y1: 215), ocr: reading)
        }
        return ParsedReport(fields: fields, evidence: evidence)
    }

    @Test func theOneReadingThatMakesEveryIdentityHoldIsTaken() {
        var f = consistentFields()
        f["apps.granted.natural"] = 8  // printed 3, read 8
        let reading = OCRReading(confidence: 61, confident: false, alternatives: ["6", "3", "0"])
        let out = validator.validate(parsed(f, ocr: ["apps.granted.natural": reading]))
        #expect(out.fields["apps.granted.natural"] == 3)
        let correction = out.findings.filter { $0.rule == FindingID.ocrCorrection }
        #expect(correction.count == 1)
        #expect(correction.first?.severity == .info)
        #expect(correction.first?.message.contains("read 8") == true)
        #expect(correction.first?.message.contains("took 3") == true)
        #expect(!out.findings.contains { $0.severity == .error })
        #expect(!out.findings.contains { $0.rule == FindingID.ocrLowConfidence })
    }

    @Test func aConfidentCellIsNeverChanged() {
        var f = consistentFields()
        f["apps.granted.natural"] = 8
        let reading = OCRReading(confidence: 97, confident: true, alternatives: ["3"])
        let out = validator.validate(parsed(f, ocr: ["apps.granted.natural": reading]))
        #expect(out.fields["apps.granted.natural"] == 8)
        #expect(out.findings.contains { $0.rule == "row_total" && $0.severity == .error })
        #expect(!out.findings.contains { $0.rule == FindingID.ocrCorrection })
    }

    @Test func unsureCellsThatBreakIdentitiesAreLeftNull() {
        var f = consistentFields()
        f["apps.granted.natural"] = 8
        // Two cells misread: no single change makes every identity hold.
        f["apps.new_received.natural"] = 5
        let out = validator.validate(
            parsed(
                f,
                ocr: [
                    "apps.granted.natural": OCRReading(confidence: 60, confident: false, alternatives: ["3"]),
                    "apps.new_received.natural": OCRReading(confidence: 60, confident: false, alternatives: ["3"]),
                ]))
        // Neither reading is the report's: both left null, flagged, and no identity blames the report.
        #expect(out.fields["apps.granted.natural"] == nil)
        #expect(out.fields["apps.new_received.natural"] == nil)
        let flagged = out.findings.filter { $0.rule == FindingID.ocrLowConfidence }
        #expect(flagged.count == 2)
        #expect(flagged.allSatisfy { $0.message.contains("left null") })
        #expect(!out.findings.contains { $0.severity == .error })
    }

    @Test func onlyTheChangeThatMakesEveryIdentityHoldCounts() {
        // 予以公开 read 8 for 3, and its total read 3 as printed: changing the total to 8 would settle the
        // row's total but not the outcomes of 自然人, so the cell is the one candidate.
        var f = consistentFields()
        f["apps.granted.natural"] = 8
        let out = validator.validate(
            parsed(
                f,
                ocr: [
                    "apps.granted.natural": OCRReading(confidence: 60, confident: false, alternatives: ["3"]),
                    "apps.granted.total": OCRReading(confidence: 60, confident: false, alternatives: ["8"]),
                ]))
        #expect(out.fields["apps.granted.natural"] == 3)
        #expect(out.fields["apps.granted.total"] == 3)
        #expect(out.findings.filter { $0.rule == FindingID.ocrCorrection }.count == 1)
    }

    @Test func twoChangesThatBothWorkAreLeftToTheReader() {
        // 维持 read 8 for 3 beside a total of 3: the cell read 3, or the total read 8, each makes every
        // identity hold; nothing says which, so neither is taken and both are left null, flagged.
        var f = consistentFields()
        f["review.upheld"] = 8
        f["review.total"] = 3
        let out = validator.validate(
            parsed(
                f,
                ocr: [
                    "review.upheld": OCRReading(confidence: 60, confident: false, alternatives: ["3"]),
                    "review.total": OCRReading(confidence: 60, confident: false, alternatives: ["8"]),
                ]))
        #expect(out.fields["review.upheld"] == nil)
        #expect(out.fields["review.total"] == nil)
        #expect(!out.findings.contains { $0.rule == FindingID.ocrCorrection })
        #expect(out.findings.filter { $0.rule == FindingID.ocrLowConfidence }.count == 2)

        // The same printed numbers read with confidence are the report's: the identity reports them.
        let confident = validator.validate(ParsedReport(fields: f))
        #expect(confident.findings.contains { $0.rule == "review_total" && $0.severity == .error })
    }

    @Test func aLowConfidenceNumberThatAgreesIsOnlyFlagged() {
        let f = consistentFields()
        let reading = OCRReading(confidence: 70, confident: false, alternatives: ["8"])
        let out = validator.validate(parsed(f, ocr: ["apps.granted.natural": reading]))
        #expect(out.fields["apps.granted.natural"] == 3)
        let flagged = out.findings.filter { $0.rule == FindingID.ocrLowConfidence }
        #expect(flagged.count == 1)
        #expect(flagged.first?.severity == .warning)
        #expect(flagged.first?.message.contains("kept: ") == true)
        #expect(flagged.first?.message.contains("outcome_sum") == true)
        #expect(flagged.first?.message.contains("page 2, box (100, 200)–(130, 215) pt") == true)
    }

    /// A cell no identity checks (table 二's, or one whose identities name a field not read): an unsure
    /// reading there could be wrong with nothing to tell, and is left null, flagged.
    @Test func aLowConfidenceNumberNoIdentityChecksIsLeftNull() {
        var f = consistentFields()
        f["active.rules.issued"] = 3
        let reading = OCRReading(confidence: 84, confident: false, alternatives: ["9", "5"])
        let out = validator.validate(parsed(f, ocr: ["active.rules.issued": reading]))
        #expect(out.fields["active.rules.issued"] == nil)
        let flagged = out.findings.filter { $0.rule == FindingID.ocrLowConfidence }
        #expect(flagged.map(\.fields) == [["active.rules.issued"]])
        #expect(flagged.first?.message.contains("left null: no identity checks it") == true)

        // A table 三 cell whose row total is not read: none of its identities can be worked out.
        var g = consistentFields()
        g["apps.granted.total"] = nil
        g["apps.results_total.natural"] = nil
        let unchecked = validator.validate(
            parsed(g, ocr: ["apps.granted.natural": OCRReading(confidence: 70, confident: false)]))
        #expect(unchecked.fields["apps.granted.natural"] == nil)
    }

    @Test func readingsSurviveTheParseStageCache() throws {
        let reading = OCRReading(confidence: 70, confident: false, alternatives: ["8"])
        let report = parsed(["apps.granted.natural": 3], ocr: ["apps.granted.natural": reading])
        let decoded = try JSONDecoder().decode(ParsedReport.self, from: JSONEncoder().encode(report))
        #expect(decoded.evidence["apps.granted.natural"]?.ocr == reading)
    }
}

@Suite struct OCRPlanTests {
    func glyphs(_ text: String, y: Double = 100) -> [Glyph] {
        text.enumerated().map { i, c in
            Glyph(
                character: c, box: Box(x0: 72 + Double(i) * 12, y0: y, x1: 84 + Double(i) * 12, y1: y + 12),
                fontSize: 12)
        }
    }
    let page = (width: 595.0, height: 842.0)

    @Test func aPageOfImagesIsAScanReadAtItsOwnResolution() {
        let image = PlacedImage(box: Box(x0: 0, y0: 0, x1: 595, y1: 842), pixelWidth: 1654, pixelHeight: 2339)
        let requests = OCRPlan.requests([
            PageGlyphs(number: 1, width: page.width, height: page.height, glyphs: [], rulingLines: [], images: [image])
        ])
        #expect(requests.count == 1)
        #expect(requests.first?.reason == .noText)
        #expect(requests.first?.region == nil)
        #expect(abs((requests.first?.imageDPI ?? 0) - 200) < 1)
    }

    @Test func aBlankPageWithoutImagesIsNotRead() {
        #expect(OCRPlan.requests([PageGlyphs(number: 1, width: 595, height: 842, glyphs: [], rulingLines: [])]).isEmpty)
    }

    @Test func aTextPageIsNeverRead() {
        let text = glyphs("二〇二二年本机关共收到政府信息公开申请十二件，均已按期答复。")
        let logo = PlacedImage(box: Box(x0: 400, y0: 700, x1: 520, y1: 820), pixelWidth: 300, pixelHeight: 300)
        let requests = OCRPlan.requests([
            PageGlyphs(number: 1, width: 595, height: 842, glyphs: text, rulingLines: [], images: [logo])
        ])
        #expect(requests.isEmpty)
    }

    @Test func aTablePastedAsAPictureIsRead() {
        let text = glyphs("三、收到和处理政府信息公开申请情况")
        let table = PlacedImage(box: Box(x0: 70, y0: 130, x1: 525, y1: 600), pixelWidth: 1264, pixelHeight: 1306)
        let requests = OCRPlan.requests([
            PageGlyphs(number: 2, width: 595, height: 842, glyphs: text, rulingLines: [], images: [table])
        ])
        #expect(requests.count == 1)
        #expect(requests.first?.reason == .imageTable)
        #expect(requests.first?.region == table.box)
    }

    @Test func aPictureUnderTextIsNoTable() {
        // A background image with the text printed over it: the text layer reads it.
        let text = glyphs("三、收到和处理政府信息公开申请情况", y: 300)
        let background = PlacedImage(box: Box(x0: 0, y0: 0, x1: 595, y1: 842), pixelWidth: 1000, pixelHeight: 1400)
        let requests = OCRPlan.requests([
            PageGlyphs(number: 1, width: 595, height: 842, glyphs: text, rulingLines: [], images: [background])
        ])
        #expect(requests.isEmpty)
    }

    @Test func aPageOfMojibakeIsRead() {
        let mojibake = glyphs("ÕþÖÐÐÅÏ¢¹«¿ª¹¤×÷Äê¶È±¨¸æ±¾±¨¸æ¸ù¾Ý")
        let requests = OCRPlan.requests([
            PageGlyphs(number: 1, width: 595, height: 842, glyphs: mojibake, rulingLines: [])
        ])
        #expect(requests.map(\.reason) == [.garbled])
    }
}

@Suite struct OCRFrameTests {
    @Test(arguments: [0, 1, 2, 3])
    func aPointGoesBackToThePage(turns: Int) {
        // A page 600 × 800 pt; the point (150, 100) on it.
        let frame = OCRFrame(width: 600, height: 800, quarterTurns: turns, degrees: 0)
        // Where the point stands once the page is turned clockwise `turns` times.
        var (x, y) = (150.0, 100.0)
        var (w, h) = (600.0, 800.0)
        for _ in 0..<turns {
            (x, y) = (h - y, x)
            (w, h) = (h, w)
        }
        let back = frame.toPage(x, y)
        #expect(abs(back.x - 150) < 1e-9 && abs(back.y - 100) < 1e-9)
    }

    @Test func straighteningIsUndone() {
        let frame = OCRFrame(originX: 10, originY: 20, width: 600, height: 800, quarterTurns: 0, degrees: 2)
        // The centre does not move; a point right of it moves down by sin(2°) of its distance.
        let centre = frame.toPage(300, 400)
        #expect(abs(centre.x - 310) < 1e-9 && abs(centre.y - 420) < 1e-9)
        let right = frame.toPage(400, 400)
        #expect(abs(right.y - (420 + 100 * sin(2 * Double.pi / 180))) < 1e-9)
    }
}

/// A row label OCR misread a character of is still its row, when no other row's label is as near.
@Suite struct NearMissLabelTests {
    let matcher = Labels.Matcher(defaultRules.labels.applications.rows, fieldPrefix: "apps.")

    @Test func aCharacterMisreadStillNamesTheRow() {
        // 补 read as 衫.
        let key = matcher.match(parts: ["1.申请人无正当理由逾期不衫正、行政机关不再处理其政府信息公开申请"], previous: nil)
        #expect(key == "other_handling.no_correction")
        // Two characters in a long label (革 for 其, 筑 for 禁; 傅 for 确, 只 for 具): a 1-bit scan's labels.
        #expect(matcher.match(parts: ["2.革他法律行政法规筑止公开"], previous: nil) == "denied.law_prohibited")
        #expect(
            matcher.match(parts: ["5.要求行政机关傅认或重新出只已获取信息"], previous: "not_processed.excessive")
                == "not_processed.confirmation")
    }

    /// Misread and cut short (the rest of the label on a line after the row's numbers): matched against the
    /// templates' labels cut to its length, when it is long enough and one label is clearly nearest.
    @Test func aLabelMisreadAndCutShort() {
        #expect(
            matcher.match(parts: ["5.要求行政机关确认或重负"], previous: "not_processed.excessive")
                == "not_processed.confirmation")
        #expect(matcher.match(parts: ["1.本机关不掌捱相关"], previous: nil) == "unavailable.not_held")
        // Seven characters: too short to tell.
        #expect(matcher.match(parts: ["5.要求行政负关确"], previous: nil) == nil)
    }

    @Test func strayMarksAtALabelsEndsAreSpecks() {
        #expect(
            Labels.Matcher(defaultRules.labels.active.rows).match(parts: ["规章，"], previous: nil) == "rules")
        #expect(matcher.match(parts: ["3.其他“"], previous: "other_handling.unpaid_fee") == "other_handling.other")
        #expect(matcher.match(parts: ["“'2.重复申请."], previous: "not_processed.complaint") == "not_processed.repeated")
        // Marks are all a label may lose: a mark alone names no row.
        #expect(matcher.match(parts: ["“，"], previous: nil) == nil)
    }

    @Test func aLabelFarFromEveryRowNamesNone() {
        #expect(matcher.match(parts: ["本机关全年组织政务公开培训十一次"], previous: nil) == nil)
        // Two characters wrong in a short label: too far to tell.
        #expect(matcher.match(parts: ["4.保护第二方合理权益"], previous: nil) == nil)
    }
}

/// Which pages of a PDF the layout stage asks OCR for, through the stage with pages made here.
@Suite struct OCRRequestTests {
    func glyphs(_ text: String) -> [Glyph] {
        text.enumerated().map { i, c in
            Glyph(
                character: c,
                box: Box(
                    x0: 72 + Double(i % 40) * 12, y0: 100 + Double(i / 40) * 14, x1: 84 + Double(i % 40) * 12,
                    y1: 112 + Double(i / 40) * 14),
                fontSize: 12)
        }
    }

    func requests(_ pages: [PageGlyphs]) throws -> [OCRRequest] {
        let pipeline = try Pipeline(rules: defaultRules, pdfReader: { _, _ in pages })
        return try pipeline.layout([], kind: .pdf).ocrRequests ?? []
    }

    @Test func everyPageOfAGarbledDocumentIsRead() throws {
        // One page of Latin-1 mojibake (garbled on its own), three of ASCII garbage (a font without a
        // Unicode map can give either): the document's text as a whole is no Chinese, so all four are read.
        let latin = glyphs(String(repeating: "ÕþÖÐÐÅÏ¢¹«¿ª¹¤×÷", count: 4))
        let ascii = glyphs(String(repeating: "!\"#$%&'()*+,-./0123456789:;<=>?@AB", count: 4))
        let pages = (1...4).map { n in
            PageGlyphs(number: n, width: 595, height: 842, glyphs: n == 2 ? latin : ascii, rulingLines: [])
        }
        let asked = try requests(pages)
        #expect(asked.map(\.page) == [1, 2, 3, 4])
        #expect(asked.allSatisfy { $0.reason == .garbled && $0.region == nil })
    }

    @Test func aChineseTextLayerAsksForNothing() throws {
        let text = glyphs(String(repeating: "本机关全年共收到政府信息公开申请十二件，均已按期答复。", count: 3))
        let pages = [PageGlyphs(number: 1, width: 595, height: 842, glyphs: text, rulingLines: [])]
        #expect(try requests(pages).isEmpty)
    }
}

/// Section headings whose numeral OCR lost in a scan's noise.
@Suite struct UnnumberedHeadingTests {
    func line(_ text: String, ocr: Bool) -> Line {
        let reading = ocr ? OCRReading(confidence: 93, confident: true) : nil
        return Line(cells: [Cell(text, location: SourceLocation(page: 1, ocr: reading))], kind: .prose, page: 1)
    }

    func headings(_ texts: [String], ocr: Bool = true) -> [Int: Int] {
        SectionSplitter.split(texts.map { line($0, ocr: ocr) }, rules: defaultRules.labels.sections).headings
    }

    @Test func theNextSectionsTitleAloneIsItsHeading() {
        let texts = [
            "一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "、收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
        ]
        #expect(headings(texts) == [1: 0, 2: 3, 3: 4, 4: 5, 5: 6])
    }

    @Test func notInATextLayerNorForASubsectionOrASentence() {
        // A text layer's line without its numeral is not a heading: nothing was lost there.
        #expect(headings(["一、总体情况", "二、主动公开政府信息情况", "收到和处理政府信息公开申请情况"], ocr: false) == [1: 0, 2: 1])
        // Subsection headings of section 一 name the later sections' topics: not headings.
        #expect(headings(["一、总体情况", "（一）主动公开", "（二）依申请公开"]) == [1: 0])
        // A sentence that names the topic is not a heading.
        #expect(headings(["一、总体情况", "全年主动公开，收到和处理申请十件。"]) == [1: 0])
    }
}
