import Foundation
import Testing

@testable import NianbaoCore

/// The compact forms stage results are cached in: what a rerun reads back must equal what the first run
/// computed, or cached and fresh runs would write different outputs.
@Suite struct StageCodingTests {
    @Test func fieldsRoundTrip() {
        let fields: [String: Decimal] = [
            "a": 0, "b": 1_234_567, "c": Decimal(string: "4.66")!, "d": Decimal(string: "-12.5")!,
            "e": Decimal(string: "0.05")!, "f": Decimal(string: "123456789012345678901234")!,
        ]
        #expect(FieldCoding.decodeFields(FieldCoding.encode(fields)) == fields)
    }

    @Test func plainDecimalsReadWithoutFoundationParsing() {
        func read(_ s: String) -> Decimal? { Array(s.utf8).withUnsafeBufferPointer { FieldCoding.plainDecimal($0) } }
        #expect(read("12.50") == Decimal(string: "12.5"))
        #expect(read("-3") == -3)
        #expect(read("1e5") == nil && read("1.") == nil && read(".5") == nil && read("") == nil && read("-") == nil)
        #expect(read("1234567890123456789") == nil)  // 19 digits: left to Decimal(string:)
    }

    @Test func evidenceRoundTripsForBoxesAsLaidOut() {
        let box = Box(x0: 206.8999999, y0: 340.0507637, x1: 518.8, y1: 360.25).roundedForStorage()
        let evidence: [String: NianbaoCore.SourceLocation] = [
            "apps.new.total": NianbaoCore.SourceLocation(page: 3, box: box, line: nil),
            "apps.carried_over.total": NianbaoCore.SourceLocation(page: nil, box: nil, line: 42),
            "x": NianbaoCore.SourceLocation(page: 1, box: Box(x0: -1.5, y0: 0, x1: 0.01, y1: 2), line: 7),
        ]
        let decoded = FieldCoding.decodeEvidence(FieldCoding.encode(evidence))
        #expect(decoded == evidence)
        #expect(decoded["apps.new.total"]?.box == Box(x0: 206.9, y0: 340.05, x1: 518.8, y1: 360.25))
    }

    @Test func aLaidOutDocumentReadsBackAsItWasComputed() throws {
        let cell = Cell(
            "1,234",
            location: NianbaoCore.SourceLocation(
                page: 1, box: Box(x0: 10.123456, y0: 20.987654, x1: 30.005, y1: 40), line: nil))
        let document = LayoutDocument(lines: [Line(cells: [cell], kind: .tableRow, page: 1, sourceLine: nil)])
            .roundedForStorage()
        let stored = StageCodec.encode(StageOutcome<LayoutDocument>.value(document))
        guard case .value(let back)? = StageCodec.decode(StageOutcome<LayoutDocument>.self, stored) else {
            Issue.record("the stored layout did not decode")
            return
        }
        #expect(back.lines == document.lines)
    }

    @Test func ambiguousRowsRoundTrip() throws {
        let reading = Ambiguity.Reading(
            values: ["apps.new.natural": 4, "apps.new.total": Decimal(string: "4.5")!], nulls: ["apps.new.other"],
            evidence: [
                "apps.new.total": NianbaoCore.SourceLocation(
                    page: 2, box: Box(x0: 1, y0: 2, x1: 3.25, y1: 4), line: nil)
            ],
            description: "自然人 4, 总计 4.5", converted: ["apps.new.total": "45000元"])
        let ambiguity = Ambiguity(
            rule: "blank_cells", table: "三", rowLabel: "本年新收", page: 2, printed: ["4", "4.5"], width: 8,
            readings: [reading, Ambiguity.Reading(values: [:], nulls: [], evidence: [:], description: "")])
        let back = try JSONDecoder().decode(Ambiguity.self, from: JSONEncoder().encode(ambiguity))
        #expect(back == ambiguity)
    }
}
