import Foundation
import Testing

@testable import NianbaoCore

@Suite struct ValidationTests {
    func validate(_ fields: [String: Decimal]) -> [Finding] {
        Validator(rules: defaultRules.validation).validate(ParsedReport(fields: fields)).findings
    }

    @Test func aConsistentReportHasNoFindings() {
        #expect(validate(consistentFields()).isEmpty)
    }

    @Test func balance() {
        var f = consistentFields()
        f["apps.carried_forward.natural"] = 1
        f["apps.carried_forward.total"] = 1
        let found = validate(f).filter { $0.rule == "balance" }
        #expect(found.count == 2)
        #expect(
            found.allSatisfy {
                $0.severity == .error && $0.fields.contains("apps.carried_forward.natural")
                    || $0.fields.contains("apps.carried_forward.total")
            })
    }

    @Test func rowTotal() {
        var f = consistentFields()
        f["apps.granted.total"] = 4
        let found = validate(f)
        #expect(found.contains { $0.rule == "row_total" && $0.message.contains("予以公开") })
    }

    @Test func outcomeSum() {
        var f = consistentFields()
        f["apps.granted.natural"] = 1
        f["apps.granted.total"] = 1
        let found = validate(f).filter { $0.rule == "outcome_sum" }
        #expect(found.count == 2)
        #expect(found.first?.message.contains("= 3") == true)
    }

    @Test func outcomeSumUsesTheSubItemsOfOtherHandlingWhenPrinted() {
        var f = consistentFields()
        for c in FieldCatalog.applicantColumns {
            f["apps.other_handling.\(c)"] = nil
            for s in ["no_correction", "unpaid_fee", "other"] { f["apps.other_handling.\(s).\(c)"] = 0 }
        }
        f["apps.other_handling.no_correction.natural"] = 1
        f["apps.other_handling.no_correction.total"] = 1
        f["apps.granted.natural"] = 2
        f["apps.granted.total"] = 2
        #expect(validate(f).isEmpty)
    }

    @Test func reviewAndSuitTotals() {
        var f = consistentFields()
        f["review.upheld"] = 10
        f["review.corrected"] = 1
        f["review.total"] = 0
        f["suit_direct.total"] = 2
        f["suit_after_review.pending"] = 1
        let rules = Set(validate(f).map(\.rule))
        #expect(rules == ["review_total", "suit_direct_total", "suit_after_review_total"])
    }

    @Test func aMissingCellSkipsTheCheckInsteadOfReadingZero() {
        var f = consistentFields()
        f["apps.granted.total"] = nil
        #expect(!validate(f).contains { $0.rule == "row_total" })
        #expect(!validate(f).contains { $0.rule == "outcome_sum" && $0.message.contains("(总计)") })
    }

    @Test func numbersStayAsPrinted() {
        var f = consistentFields()
        f["review.upheld"] = 10
        f["review.total"] = 0
        let parsed = ParsedReport(fields: f)
        let out = Validator(rules: defaultRules.validation).validate(parsed)
        #expect(out.fields["review.total"] == 0)
    }

    @Test func wildcardsExpandToTheTemplateRows() {
        #expect(IdentityChecker.expand("apps.denied.*.$c", column: "natural", row: "").count == 8)
        #expect(IdentityChecker.expand("apps.other_handling.*.$c", column: "total", row: "").count == 3)
        #expect(IdentityChecker.expand("$r.total", column: "", row: "apps.granted") == ["apps.granted.total"])
        #expect(IdentityChecker.expand("apps.nothing.$c", column: "natural", row: "").isEmpty)
    }
}

@Suite struct NarrativeTests {
    let validator = Validator(rules: defaultRules.validation)

    func findings(_ overview: String, total: Decimal) -> [Finding] {
        var parsed = ParsedReport(fields: ["apps.new_received.total": total, "apps.carried_forward.total": 2])
        parsed.overview = overview
        return validator.validate(parsed).findings.filter { $0.rule == "narrative" }
    }

    @Test func aFigureInTheProseThatAgreesIsSilent() {
        #expect(findings("2022年，共收到政府信息公开申请11件，均按时答复。", total: 11).isEmpty)
    }

    @Test func aFigureInTheProseThatDisagreesIsReported() {
        let found = findings("全年共收到和办理依申请公开1件。结转下年度继续办理2件。", total: 3)
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.fields == ["apps.new_received.total"])
        #expect(found.first?.message.contains("1件") == true)
    }

    @Test func unrelatedCountsAreNotQuotes() {
        #expect(findings("全年办理“领导信箱”82件，发布信息2127条。", total: 11).isEmpty)
    }
}
