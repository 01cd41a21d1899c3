import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// A table cell with a value printed that could not be read (`□`: OCR read nothing of its ink, or a
/// crawler or converter lost its characters) is null with a warning, never the 0 of a blank cell.
@Suite struct UnreadCellTests {
    @Test(arguments: [("□", true), ("□□", false), (" □ ", true), ("1□", false), ("", false), ("  ", false)])
    func unreadMarks(_ text: String, _ unread: Bool) {
        #expect(NumberReader.isUnread(text) == unread)
        #expect(NumberReader.read(text) == nil)
    }

    static let rows = [
        "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数量\t4\t□\t0\t0\t0\t1\t6",
        "（一）予以公开": appsRow("（一）予以公开", [4, 1, 0, 0, 0, 1, 6]),
        "（七）总计": appsRow("（七）总计", [4, 1, 0, 0, 0, 1, 6]),
    ]

    @Test func anUnreadCellIsNullWithAWarning() {
        let result = processText(report(rows: Self.rows))
        #expect(result.fields["apps.new_received.commercial"] == .some(nil))
        #expect(result.int("apps.new_received.natural") == 4)
        #expect(result.int("apps.new_received.other") == 1)
        #expect(result.int("apps.new_received.total") == 6)
        let warnings = result.findings(FindingID.unreadCell)
        #expect(warnings.map(\.fields) == [["apps.new_received.commercial"]])
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.message.contains("商业企业") == true)
        // Null is unknown, not 0: no identity the cell takes part in fires.
        #expect(result.errorRules.isEmpty, "\(result.findings.filter { $0.severity == .error })")
    }

    /// The same row with its blank cells dropped (a web table flattened: no positions kept): which cells
    /// its numbers stand in is not known once a cell was not read, so none of the row's cells is guessed.
    @Test func anUnreadCellInARowWithoutPositions() {
        var rows = Self.rows
        rows["一、本年新收政府信息公开申请数量"] = "一、本年新收政府信息公开申请数量\t4\t□\t1\t6"
        let result = processText(report(rows: rows))
        for column in ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"] {
            #expect(result.fields["apps.new_received.\(column)"] == .some(nil), "\(column)")
        }
        #expect(
            result.findings(FindingID.cellPlacement).contains {
                $0.message.contains("not read (□)") && $0.fields.contains("apps.new_received.total")
            })
        #expect(result.int("apps.granted.total") == 6)
    }

    /// As many cells printed as the row has, one of them not read: each stands in its own column.
    @Test func anUnreadCellAmongAFullRow() {
        var rows = Self.rows
        rows["一、本年新收政府信息公开申请数量"] = "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t□\t6"
        let result = processText(report(rows: rows))
        #expect(result.int("apps.new_received.commercial") == 1)
        #expect(result.fields["apps.new_received.other"] == .some(nil))
        #expect(result.int("apps.new_received.total") == 6)
        #expect(result.findings(FindingID.unreadCell).map(\.fields) == [["apps.new_received.other"]])
    }

    /// More cells printed than the row has, one of them not read: which are the row's is not known.
    @Test func anUnreadCellBeyondAFullRow() {
        var rows = Self.rows
        rows["一、本年新收政府信息公开申请数量"] = "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t1\t6\t□"
        let result = processText(report(rows: rows))
        #expect(result.fields["apps.new_received.natural"] == .some(nil))
        #expect(result.fields["apps.new_received.total"] == .some(nil))
        #expect(result.findings(FindingID.cellPlacement).contains { $0.message.contains("not read (□)") })
    }

    /// Table 四's data row: an unread cell is null; one after a blank cell keeps its place; a row of
    /// unread cells is no blank table of zeros.
    @Test(arguments: [
        ("□\t1\t0\t0\t3\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0", "review.upheld", "review.corrected", 1),
        ("\t□\t0\t0\t1\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0", "review.corrected", "review.upheld", 0),
    ])
    func anUnreadCellOfTableFour(_ review: String, _ unread: String, _ read: String, _ value: Int) {
        let result = processText(report(review: review))
        #expect(result.fields[unread] == .some(nil))
        #expect(result.int(read) == value)
        #expect(result.int("suit_direct.total") == 1)
        #expect(result.findings(FindingID.unreadCell).map(\.fields) == [[unread]])
        #expect(result.findings(FindingID.missingTable).isEmpty)
    }

    @Test func aDataRowOfUnreadCellsIsNoBlankTable() {
        let review = Array(repeating: "□", count: 15).joined(separator: "\t")
        let result = processText(report(review: review))
        #expect(result.fields["review.total"] == .some(nil))
        #expect(result.fields["suit_direct.upheld"] == .some(nil))
        #expect(result.findings(FindingID.unreadCell).count == 15)
    }
}
