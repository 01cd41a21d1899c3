import Foundation
import Testing

@testable import NianbaoCore

/// The issuer of a report OCR read, its place spelt as a real place's where OCR was unsure of what it read
/// (`PlaceSpelling`); the gazetteer it is checked against (`places.tsv`); the characters OCR read unsure,
/// where they stand (`OCRReading.unsure`).
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

    /// A line of prose OCR read, each character on its own: those of `unsure` (every place they stand)
    /// read without confidence.
    func line(_ text: String, unsure: String = "") -> Cell {
        let characters = Array(text)
        let marked = characters.indices.filter { unsure.contains(characters[$0]) }.map {
            UnsureCharacter(characters, at: $0)
        }
        let reading = OCRReading(confidence: marked.isEmpty ? 96 : 70, confident: marked.isEmpty, unsure: marked)
        return Cell(text, location: SourceLocation(page: 1, ocr: reading))
    }

    func glyph(_ c: Character, _ confidence: Double?) -> Glyph {
        Glyph(
            character: c, box: Box(x0: 0, y0: 0, x1: 10, y1: 10), fontSize: 10,
            ocr: confidence.map { OCRReading(confidence: $0, confident: $0 >= 85) })
    }

    // MARK: The gazetteer

    @Test func theGazetteerKnowsEachNameAloneAndJoinedToThoseAbove() {
        for name in ["江西省", "赣州市", "章贡区", "赣州市章贡区", "江西省赣州市", "江西省赣州市章贡区", "海南省五指山市", "五指山市"] {
            #expect(gazetteer.contains(name), "\(name)")
        }
        #expect(!gazetteer.contains("江西省章贡区"))
        #expect(!gazetteer.contains("闵州市章贡区"))
    }

    @Test func aLineThatIsNotThreeFieldsIsNamed() {
        let error = #expect(throws: GazetteerError.self) {
            try Gazetteer(tsv: "# places\n江西省\t赣州市\t章贡区\n江西省 赣州市 南康区\n")
        }
        #expect(error?.line == 3)
    }

    // MARK: Spelling a misread place

    @Test func aRareCharacterReadDifferentlyAndUnsureIsSpeltAsTheRealPlace() {
        // 赣 read 闵 (twice, once with confidence), 闲 and 庙; only 赣州市 has a 章贡区.
        let cells = [
            line("2023年，闵州市章贡区坚持以公开为常态", unsure: "闵"), line("2023年，闲州市章贡区共收到申请28件", unsure: "闲"),
            line("2023年，闵州市章贡区政府信息公开工作取得成效"), line("庙州市章贡区人民政府", unsure: "庙"),
        ]
        #expect(PlaceSpelling.corrected("闵州市章贡区人民政府", in: cells, gazetteer: gazetteer) == "赣州市章贡区人民政府")
        // Read differently each time but with confidence every time: not in doubt, it stays as read.
        let sure = [
            line("2023年，闵州市章贡区坚持以公开为常态"), line("2023年，闲州市章贡区共收到申请28件"), line("庙州市章贡区人民政府"),
        ]
        #expect(PlaceSpelling.corrected("闵州市章贡区人民政府", in: sure, gazetteer: gazetteer) == nil)
    }

    @Test func aCharacterMisreadTheSameEverywhereButUnsureIsSpeltAsTheRealPlace() {
        // 禹 read 怠 each time, never with confidence; 埠 read three ways, once with confidence.
        let cells = [
            line("蚌坦市怠会区2023年政府信息公开工作年", unsure: "坦怠"), line("2023年，蚌埠市怠会区坚持以公开为常态", unsure: "埠怠"),
            line("2023年，蚌塌市怠会区共收到申请344件", unsure: "怠"), line("蚌塌市怠会区人民政府", unsure: "怠"),
        ]
        #expect(PlaceSpelling.corrected("蚌塌市怠会区人民政府", in: cells, gazetteer: gazetteer) == "蚌埠市禹会区人民政府")
    }

    @Test func aNameReadWithConfidenceStaysAsPrinted() {
        // 深圳市龙华区 (newer than this gazetteer) is one character from 深圳市龙岗区; OCR was sure of 华.
        let cells = [line("2023年，深圳市龙华区坚持以公开为常态"), line("深圳市龙华区人民政府")]
        #expect(PlaceSpelling.corrected("深圳市龙华区人民政府", in: cells, gazetteer: gazetteer) == nil)
        // Unsure of 龙 only: the character that differs (华) is still not in doubt.
        let sureOfHua = [line("2023年，深圳市龙华区坚持以公开为常态", unsure: "龙"), line("深圳市龙华区人民政府")]
        #expect(PlaceSpelling.corrected("深圳市龙华区人民政府", in: sureOfHua, gazetteer: gazetteer) == nil)
    }

    @Test func anotherRealPlaceInTheTextIsNoReadingOfTheIssuers() {
        // 胶南市 (abolished in 2012, not in the gazetteer) read with confidence, 胶州市 named beside it: 胶州市
        // is another place, not a reading of 胶南市 that disagrees at 南.
        let places = try! Gazetteer(tsv: "山东省\t青岛市\t胶州市\n")
        let cells = [line("2011年，胶南市与胶州市共同推进政务公开", unsure: "州"), line("胶南市人民政府")]
        #expect(PlaceSpelling.corrected("胶南市人民政府", in: cells, gazetteer: places) == nil)
        // 南 read unsure in another word of the line the name stands in: only where it stands counts.
        let elsewhere = [line("胶南市推进城南新区建设"), line("胶南市人民政府")].map { cell -> Cell in
            let characters = Array(cell.text)
            guard let i = characters.lastIndex(of: "南"), i > 2 else { return cell }
            let reading = OCRReading(confidence: 70, confident: false, unsure: [UnsureCharacter(characters, at: i)])
            return Cell(cell.text, location: SourceLocation(page: 1, ocr: reading))
        }
        #expect(elsewhere[0].location?.ocr?.confident == false)
        #expect(PlaceSpelling.corrected("胶南市人民政府", in: elsewhere, gazetteer: places) == nil)
        // Where OCR did doubt the character that makes it another place, the gazetteer's name is taken: a
        // name the gazetteer lacks is at risk only then (hence `places.years`).
        let doubted = [line("胶南市人民政府", unsure: "南")]
        #expect(PlaceSpelling.corrected("胶南市人民政府", in: doubted, gazetteer: places) == "胶州市人民政府")
    }

    @Test func aPlaceReadSurelyOnceIsNotChangedForDoubtsElsewhere() {
        // 闵 read unsure in one reading of the name as spelt but surely in another, and never read
        // otherwise: not in doubt.
        let cells = [line("2023年，闵州市章贡区坚持以公开为常态", unsure: "闵"), line("闵州市章贡区人民政府")]
        #expect(PlaceSpelling.corrected("闵州市章贡区人民政府", in: cells, gazetteer: gazetteer) == nil)
        // A run of the same shape read otherwise, but surely: it is other text, not a reading of the name.
        let other = [line("闵州市章贡区人民政府", unsure: "人"), line("赣州市章页区", unsure: "人")]
        #expect(PlaceSpelling.corrected("闵州市章贡区人民政府", in: other, gazetteer: gazetteer) == nil)
    }

    /// Bodies the gazetteer lacks, one character from a real place's name, with OCR unsure of that
    /// character: zones named after places (`zones`), autonomous counties by their short form.
    @Test func zonesAndShortFormsAreNotTakenForOtherPlaces() {
        let places = try! Gazetteer(
            tsv: """
                江西省	南昌市	南昌县
                江苏省	镇江市	京口区
                陕西省	西安市	高陵区
                河南省	南阳市	南阳高新技术产业开发区
                重庆市		石柱土家族自治县
                贵州省	黔东南苗族侗族自治州	天柱县
                """)
        #expect(places.contains("石柱县") && places.contains("重庆市石柱县") && places.contains("黔东州"))
        let zones = defaultRules.labels.places?.zones ?? []
        #expect(!zones.isEmpty)
        for (issuer, unsure) in [("赣江新区管委会", "赣"), ("西安市高新区管委会", "新"), ("南昌高新技术产业开发区管委会", "昌"), ("石柱县人民政府", "石")] {
            let cells = [line(issuer, unsure: unsure)]
            #expect(PlaceSpelling.corrected(issuer, in: cells, gazetteer: places, zones: zones) == nil, "\(issuer)")
        }
        // Without the zones, the first two would become another place: what `zones` is for.
        #expect(
            PlaceSpelling.corrected(
                "赣江新区管委会", in: [line("赣江新区管委会", unsure: "赣")], gazetteer: try! Gazetteer(tsv: "江苏省\t镇江市\t镇江新区\n"))
                == "镇江新区管委会")
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
        // 长涉县 is one character from 长沙县 and two from 长沙市: the county, never the city.
        let county = [line("长涉县人民政府", unsure: "涉县")]
        #expect(PlaceSpelling.corrected("长涉县人民政府", in: county, gazetteer: gazetteer) == "长沙县人民政府")
        let cityOnly = try! Gazetteer(tsv: "湖南省\t长沙市\t\n")
        #expect(PlaceSpelling.corrected("长涉县人民政府", in: county, gazetteer: cityOnly) == nil)
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
    /// with an `issuer_spelling` finding; the same text from a text layer keeps its issuer as printed, and
    /// so does a report of a year the gazetteer does not hold.
    @Test func theParserSpellsAScansIssuerAsTheRealPlace() {
        func document(ocr: Bool, year: Int = 2023) -> CleanDocument {
            let text = [
                ("赣州市章贡区\(year)年政府信息公开工作年度报告", ""), ("本报告所列数据统计期限自\(year)年1月1日起至\(year)年12月31日止。", ""),
                ("\(year)年，闵州市章贡区坚持以公开为常态", "闵"), ("\(year)年，闲州市章贡区共收到申请28件", "闲"),
                ("庙州市章贡区人民政府", "庙"), ("\(year + 1)年1月14日", ""),
            ]
            let lines = text.map { text, unsure in
                var cell = line(text, unsure: unsure)
                if !ocr { cell.location?.ocr = nil }
                return Line(cells: [cell], kind: .prose)
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
        // A report of a year before the gazetteer's (`labels.yaml` places.years) is not checked.
        #expect(defaultRules.labels.places?.covers(2023) == true && defaultRules.labels.places?.covers(2012) == false)
        let old = parser.parse(document(ocr: true, year: 2012))
        #expect(old.year == 2012)
        #expect(old.issuer == "庙州市章贡区人民政府")
    }

    // MARK: What OCR read unsure

    @Test func aLineOfCharactersKeepsThoseReadUnsureWhereTheyStand() {
        let text = Array("蚌塌市怠会区蚌埠市")
        let confidences: [Double] = [98, 80, 99, 74, 98, 99, 97, 96, 99]
        let reading = OCRReading.of(zip(text, confidences).map { glyph($0, $1) })
        #expect(reading?.confident == false && reading?.confidence == 74)
        #expect(reading?.unsure.map(\.character) == ["塌", "怠"])
        #expect(reading?.isUnsure(at: 3, in: text) == true)
        #expect(reading?.isUnsure(at: 0, in: text) == false)
        // Spaces the cleanup takes out or puts in do not move a character's neighbours.
        #expect(reading?.isUnsure(at: 4, in: Array("蚌塌市 怠 会区")) == true)
        // The same character between other neighbours is another reading.
        let twice = OCRReading.of(zip(Array("南部城南"), [60.0, 99, 99, 99]).map { glyph($0, $1) })
        #expect(twice?.isUnsure(at: 0, in: Array("南部城南")) == true)
        #expect(twice?.isUnsure(at: 3, in: Array("南部城南")) == false)
        // One reading for the whole cell (a number): every character shares its doubt.
        let cell = OCRReading(confidence: 60, confident: false, alternatives: ["35"])
        #expect(cell.isUnsure(at: 0, in: ["3", "5"]) && cell.isUnsure(at: 1, in: ["3", "5"]))
        // A number OCR read as one cell keeps its alternatives (what `ocr_correction` chooses from).
        let number = OCRReading(confidence: 60, confident: false, alternatives: ["35", "86"])
        let digits = "36".map { Glyph(character: $0, box: Box(x0: 0, y0: 0, x1: 5, y1: 10), fontSize: 10, ocr: number) }
        #expect(OCRReading.of(digits)?.alternatives == ["35", "86"])
        let sure = OCRReading.of([glyph("蚌", 98), glyph("埠", 90)])
        #expect(sure?.confident == true && sure?.unsure == [] && sure?.isUnsure(at: 1, in: ["蚌", "埠"]) == false)
        // A text layer's characters beside one OCR'd word are not OCR's to doubt.
        let beside = OCRReading.of([glyph("赣", nil), glyph("州", nil), glyph("市", 60)])
        #expect(beside?.isUnsure(at: 0, in: ["赣", "州", "市"]) == false)
        #expect(beside?.isUnsure(at: 2, in: ["赣", "州", "市"]) == true)
    }

    @Test func traditionalTextsUnsureCharactersAreSimplifiedWithIt() throws {
        // A scan printed in traditional characters: the cleanup simplifies the text, and the characters
        // OCR was unsure of with it, so that they are still found where they stand.
        let text = "2023年，貛州市章貢區們個來時會對說為國這後開展工作"
        let characters = Array(text)
        let at = try #require(characters.firstIndex(of: "貢"))
        let reading = OCRReading(confidence: 70, confident: false, unsure: [UnsureCharacter(characters, at: at)])
        var lines = [Line(cells: [Cell(text, location: SourceLocation(page: 1, ocr: reading))], kind: .prose)]
        var repairs: [String: Int] = [:]
        ChineseText.simplify(&lines, repairs: &repairs)
        let simplified = Array(lines[0].cells[0].text)
        #expect(simplified[at] == "贡")
        let after = try #require(lines[0].cells[0].location?.ocr)
        #expect(after.unsure.map(\.character) == ["贡"])
        #expect(after.isUnsure(at: at, in: simplified))
        #expect(!after.isUnsure(at: at - 1, in: simplified))
    }

    @Test func linesJoinedKeepWhatEachReadUnsure() throws {
        let first = OCRReading.of("蚌塌市".map { glyph($0, $0 == "塌" ? 80 : 98) })
        let second = OCRReading(confidence: 60, confident: false)  // one reading for the whole line
        let joined = try #require(OCRReading.joined(first, "蚌塌市", second, "怠会区"))
        let text = Array("蚌塌市怠会区")
        #expect(!joined.confident && joined.confidence == 60)
        #expect((0..<6).map { joined.isUnsure(at: $0, in: text) } == [false, true, false, true, true, true])
        // Joined to a confident line, a line's doubts stay its own.
        let withSure = try #require(
            OCRReading.joined(first, "蚌塌市", OCRReading(confidence: 99, confident: true), "禹会区"))
        #expect((0..<6).map { withSure.isUnsure(at: $0, in: text) } == [false, true, false, false, false, false])
        #expect(OCRReading.joined(nil, "a", nil, "b") == nil)
        // Both lines sure: the joined text is sure.
        let sure = OCRReading(confidence: 97, confident: true)
        #expect(OCRReading.joined(sure, "蚌埠市", sure, "禹会区")?.confident == true)
        // A line ending unsure gets its neighbour across the join: the same character elsewhere in the
        // paragraph is not made unsure by it.
        let ending = OCRReading.of("公开南".map { glyph($0, $0 == "南" ? 60 : 98) })
        let paragraph = try #require(
            OCRReading.joined(ending, "公开南", OCRReading(confidence: 97, confident: true), "部城南"))
        let whole = Array("公开南 部城南")
        #expect(paragraph.isUnsure(at: 2, in: whole) && !paragraph.isUnsure(at: 6, in: whole))
        // Kept through the stage cache; a record that is not one character between two is left out.
        let data = try JSONEncoder().encode(joined)
        #expect(try JSONDecoder().decode(OCRReading.self, from: data) == joined)
        let odd = Data(#"{"c":60,"k":false,"u":[["蚌","塌","市"],["e\u0301x","y",""],["","怠",""]]}"#.utf8)
        let decoded = try JSONDecoder().decode(OCRReading.self, from: odd)
        #expect(decoded.unsure.map(\.character) == ["塌", "怠"])
    }
}
