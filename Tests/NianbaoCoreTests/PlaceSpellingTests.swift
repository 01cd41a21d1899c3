import Foundation
import Testing

@testable import NianbaoCore

/// The issuer of a report OCR read, its place spelt as a real place's where OCR's readings of it are in
/// doubt (`PlaceSpelling`), and the gazetteer it is checked against (`places.tsv`).
@Suite struct PlaceSpellingTests {
    let gazetteer = try! Gazetteer(
        tsv: """
            # province	prefecture	county
            江西省	赣州市	章贡区
            江西省	赣州市	南康区
            安徽省	蚌埠市	禹会区
            安徽省	蚌埠市	蚌山区
            广东省	深圳市	龙岗区
            湖南省	长沙市	长沙县
            海南省		五指山市
            """)

    /// A line of prose OCR read: each character its own reading, `unsure` those read without confidence.
    func line(_ text: String, unsure: String = "") -> Cell {
        let reading = OCRReading(confidence: unsure.isEmpty ? 96 : 70, confident: unsure.isEmpty, unsure: unsure)
        return Cell(text, location: SourceLocation(page: 1, ocr: reading))
    }

    @Test func theGazetteerKnowsEachNameAloneAndJoinedToThoseAbove() {
        for name in ["江西省", "赣州市", "章贡区", "赣州市章贡区", "江西省赣州市", "江西省赣州市章贡区", "海南省五指山市", "五指山市"] {
            #expect(gazetteer.contains(name), "\(name)")
        }
        #expect(!gazetteer.contains("江西省章贡区"))
        #expect(!gazetteer.contains("闵州市章贡区"))
    }

    @Test func aLineThatIsNotThreeFieldsIsNamed() {
        #expect(throws: GazetteerError.self) { try Gazetteer(tsv: "# places\n江西省\t赣州市\t章贡区\n江西省 赣州市 南康区\n") }
        do {
            _ = try Gazetteer(tsv: "# places\n江西省\t赣州市\t章贡区\n江西省 赣州市 南康区\n")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func aRareCharacterReadDifferentlyInEachPlaceIsSpeltAsTheRealPlace() {
        // 赣 read 闵 (twice), 闲 and 庙: the readings disagree there, and only 赣州市 has a 章贡区.
        let cells = [
            line("2023年，闵州市章贡区坚持以公开为常态"), line("2023年，闲州市章贡区共收到申请28件"),
            line("2023年，闵州市章贡区政府信息公开工作取得成效"), line("庙州市章贡区人民政府"),
        ]
        #expect(PlaceSpelling.corrected("闵州市章贡区人民政府", in: cells, gazetteer: gazetteer) == "赣州市章贡区人民政府")
    }

    @Test func aCharacterMisreadTheSameEverywhereButUnsureIsSpeltAsTheRealPlace() {
        // 禹 read 怠 each time, never with confidence; 埠 read three ways.
        let cells = [
            line("蚌坦市怠会区2023年政府信息公开工作年", unsure: "坦怠"), line("2023年，蚌埠市怠会区坚持以公开为常态", unsure: "埠怠"),
            line("2023年，蚌塌市怠会区共收到申请344件", unsure: "怠"), line("蚌塌市怠会区人民政府", unsure: "塌怠"),
        ]
        #expect(PlaceSpelling.corrected("蚌塌市怠会区人民政府", in: cells, gazetteer: gazetteer) == "蚌埠市禹会区人民政府")
    }

    @Test func aNameReadWithConfidenceEverywhereStaysAsPrinted() {
        // 深圳市龙华区 (newer than this gazetteer) is one character from 深圳市龙岗区; OCR was sure of 华.
        let cells = [line("2023年，深圳市龙华区坚持以公开为常态"), line("深圳市龙华区人民政府")]
        #expect(PlaceSpelling.corrected("深圳市龙华区人民政府", in: cells, gazetteer: gazetteer) == nil)
        // The same, unsure of 龙 only: the character that differs (华) is still not in doubt.
        let sureOfHua = [line("2023年，深圳市龙华区坚持以公开为常态", unsure: "龙"), line("深圳市龙华区人民政府")]
        #expect(PlaceSpelling.corrected("深圳市龙华区人民政府", in: sureOfHua, gazetteer: gazetteer) == nil)
    }

    @Test func aRealPlaceIsNeverChanged() {
        let cells = [line("2023年，蚌埠市蚌山区坚持以公开为常态", unsure: "蚌山"), line("蚌埠市蚌山区人民政府", unsure: "蚌山")]
        #expect(PlaceSpelling.corrected("蚌埠市蚌山区人民政府", in: cells, gazetteer: gazetteer) == nil)
    }

    @Test func neitherOfTwoRealPlacesAsNearIsTaken() {
        // 赣州市??区, its district in doubt: 章贡区 and 南康区 are both two characters away.
        let cells = [line("赣州市草页区人民政府", unsure: "草页")]
        #expect(PlaceSpelling.corrected("赣州市草页区人民政府", in: cells, gazetteer: gazetteer) == nil)
        let one = [line("闵州市章页区人民政府", unsure: "闵页")]
        #expect(PlaceSpelling.corrected("闵州市章页区人民政府", in: one, gazetteer: gazetteer) == "赣州市章贡区人民政府")
    }

    @Test func neverALevelNorMoreThanHalfTheName() {
        // 长沙市 misread as 长沙县 would be another body: a level is never changed.
        let county = [line("长沙具人民政府", unsure: "具")]
        #expect(PlaceSpelling.corrected("长沙具人民政府", in: county, gazetteer: gazetteer) == nil)
        // Three of four characters in doubt and different: too far to say which place it is.
        let far = [line("闵川市草贡区人民政府", unsure: "闵川草")]
        #expect(PlaceSpelling.corrected("闵川市草贡区人民政府", in: far, gazetteer: gazetteer) == nil)
    }

    @Test func aNameTheOCRNeverReadStaysAsItIs() {
        // The issuer from a text layer, the OCR'd text naming it nowhere.
        let cells = [line("2023年，我区坚持以公开为常态", unsure: "我")]
        #expect(PlaceSpelling.corrected("闵州市章贡区人民政府", in: cells, gazetteer: gazetteer) == nil)
        let typed = [Cell("闵州市章贡区人民政府", location: SourceLocation(page: 1))]
        #expect(PlaceSpelling.corrected("闵州市章贡区人民政府", in: typed, gazetteer: gazetteer) == nil)
    }

    /// The parse stage with the project's rules (`places.tsv`): a scan's issuer is spelt as the real place,
    /// with an `issuer_spelling` finding; the same text from a text layer keeps its issuer as printed.
    @Test func theParserSpellsAScansIssuerAsTheRealPlace() {
        let text = [
            ("赣州市章贡区2023年政府信息公开工作年度报告", ""), ("2023年，闵州市章贡区坚持以公开为常态", "闵"),
            ("2023年，闲州市章贡区共收到申请28件", "闲"), ("庙州市章贡区人民政府", "庙"), ("2024年1月14日", ""),
        ]
        func document(ocr: Bool) -> CleanDocument {
            let lines = text.map { line, unsure in
                let reading = OCRReading(
                    confidence: unsure.isEmpty ? 96 : 78, confident: unsure.isEmpty, unsure: unsure)
                return Line(
                    cells: [Cell(line, location: SourceLocation(page: 1, ocr: ocr ? reading : nil))], kind: .prose)
            }
            return CleanDocument(lines: lines, pageCount: 1, repairs: [:])
        }
        let parser = ReportParser(rules: defaultRules.labels)
        let scan = parser.parse(document(ocr: true))
        #expect(scan.issuer == "赣州市章贡区人民政府")
        let finding = scan.findings.first { $0.rule == FindingID.issuerSpelling }
        #expect(finding?.severity == .info)
        #expect(finding?.message.contains("庙州市章贡区人民政府") == true)
        #expect(finding?.message.contains("places.tsv") == true)
        let typed = parser.parse(document(ocr: false))
        #expect(typed.issuer == "庙州市章贡区人民政府")
        #expect(!typed.findings.contains { $0.rule == FindingID.issuerSpelling })
    }

    @Test func aLineOfCharactersKeepsThoseReadUnsure() {
        func glyph(_ c: Character, _ confidence: Double) -> Glyph {
            Glyph(
                character: c, box: Box(x0: 0, y0: 0, x1: 10, y1: 10), fontSize: 10,
                ocr: OCRReading(confidence: confidence, confident: confidence >= 85))
        }
        let reading = OCRReading.of([glyph("蚌", 98), glyph("塌", 80), glyph("市", 99), glyph("怠", 74), glyph("塌", 81)])
        #expect(reading?.confident == false && reading?.confidence == 74)
        #expect(reading?.unsure == "塌怠")
        #expect(reading?.isUnsure("怠") == true && reading?.isUnsure("蚌") == false)
        // One reading for the whole cell (a number): every character shares its doubt.
        let cell = OCRReading(confidence: 60, confident: false, alternatives: ["35"])
        #expect(cell.isUnsure("3") && cell.isUnsure("8"))
        let sure = OCRReading.of([glyph("蚌", 98), glyph("埠", 90)])
        #expect(sure?.confident == true && sure?.unsure == "" && sure?.isUnsure("埠") == false)
    }
}
