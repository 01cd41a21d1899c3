import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// `carry_chain` over document summaries, as the corpus database supplies them at the end of a run.
@Suite struct CarryChainTests {
    let warning = ValidationRules.CarryChain(severity: .warning)

    /// A body's report: 二、上年结转 (`over`) and 四、结转下年度继续办理 (`forward`) by applicant column.
    func report(
        _ name: String, _ issuer: String, _ year: Int,
        over: [String: Double] = [:], forward: [String: Double] = [:]
    ) -> DocumentSummary {
        var fields: [String: Double] = [:]
        for (column, value) in over { fields["apps.carried_over.\(column)"] = value }
        for (column, value) in forward { fields["apps.carried_forward.\(column)"] = value }
        return DocumentSummary(name: name, source: name + ".pdf", issuer: issuer, year: year, fields: fields)
    }

    @Test func aChainThatHoldsSaysNothing() {
        let documents = [
            report("a2022", "临汾市人民政府", 2022, over: ["total": 1], forward: ["natural": 2, "total": 9]),
            report("a2023", "临汾市人民政府", 2023, over: ["natural": 2, "total": 9], forward: ["total": 4]),
        ]
        #expect(CarryChain.check(documents, rule: warning).isEmpty)
    }

    @Test func aBrokenChainIsReportedOnTheLaterReportColumnByColumn() {
        let documents = [
            report("a2023", "临汾市人民政府", 2023, over: ["natural": 3, "commercial": 1, "total": 7]),
            report("a2022", "临汾市人民政府", 2022, over: ["total": 5], forward: ["natural": 2, "commercial": 1, "total": 9]),
        ]
        let found = CarryChain.check(documents, rule: warning)
        #expect(Array(found.keys) == ["a2023"])
        #expect(
            found["a2023"] == [
                Finding(
                    rule: "carry_chain", severity: .warning, fields: ["apps.carried_over.natural"],
                    message:
                        "carry_chain (自然人): 二、上年结转 for 2023 is 3 but the 2022 report (a2022.pdf) carried 2 forward (四、结转下年度继续办理)"
                ),
                Finding(
                    rule: "carry_chain", severity: .warning, fields: ["apps.carried_over.total"],
                    message:
                        "carry_chain (总计): 二、上年结转 for 2023 is 7 but the 2022 report (a2022.pdf) carried 9 forward (四、结转下年度继续办理)"
                ),
            ])
    }

    @Test func theRuleSetsTheSeverity() {
        let documents = [
            report("a", "甲县人民政府", 2022, forward: ["total": 1]), report("b", "甲县人民政府", 2023, over: ["total": 2]),
        ]
        let found = CarryChain.check(documents, rule: ValidationRules.CarryChain(severity: .error))
        #expect(found["b"]?.map(\.severity) == [.error])
    }

    @Test func eachLinkOfALongerChainIsChecked() {
        let documents = [
            report("y2021", "甲县人民政府", 2021, forward: ["total": 1]),
            report("y2022", "甲县人民政府", 2022, over: ["total": 2], forward: ["total": 3]),
            report("y2023", "甲县人民政府", 2023, over: ["total": 4]),
        ]
        let found = CarryChain.check(documents, rule: warning)
        #expect(found.keys.sorted() == ["y2022", "y2023"])
        #expect(found["y2022"]?.first?.message.contains("2022 is 2 but the 2021 report (y2021.pdf) carried 1") == true)
        #expect(found["y2023"]?.first?.message.contains("2023 is 4 but the 2022 report (y2022.pdf) carried 3") == true)
    }

    @Test func bodiesAreMatchedByTheirNormalisedIssuer() {
        let documents = [
            report("a2022", "山西省临汾市人民政府办公室", 2022, forward: ["total": 9]),
            report("a2023", "临汾市 人民政府", 2023, over: ["total": 7]),
            // Another body, same years: matched with neither.
            report("b2023", "交城县人民政府", 2023, over: ["total": 5]),
        ]
        let found = CarryChain.check(documents, rule: warning)
        #expect(Array(found.keys) == ["a2023"])
        #expect(found["a2023"]?.count == 1)
    }

    @Test func aBodyWithTwoReportsForOneYearIsSkipped() {
        // Two reports for year N: which one follows year N−1 is not certain.
        let twoForTheYear = [
            report("a2022", "甲县人民政府", 2022, forward: ["total": 9]),
            report("a2023", "甲县人民政府", 2023, over: ["total": 7]),
            report("a2023bis", "甲县人民政府办公室", 2023, over: ["total": 8]),
        ]
        #expect(CarryChain.check(twoForTheYear, rule: warning).isEmpty)
        // Two reports for year N−1: the same.
        let twoTheYearBefore = [
            report("a2022", "甲县人民政府", 2022, forward: ["total": 9]),
            report("a2022bis", "甲县人民政府", 2022, forward: ["total": 9]),
            report("a2023", "甲县人民政府", 2023, over: ["total": 7]),
        ]
        #expect(CarryChain.check(twoTheYearBefore, rule: warning).isEmpty)
    }

    @Test func onlyConsecutiveYearsAndPrintedCellsAreCompared() {
        let gap = [
            report("a2021", "甲县人民政府", 2021, forward: ["total": 9]), report("a2023", "甲县人民政府", 2023, over: ["total": 7]),
        ]
        #expect(CarryChain.check(gap, rule: warning).isEmpty)
        // 自然人 not printed in 2023, 总计 not printed in 2022: nothing to compare.
        let blanks = [
            report("a2022", "甲县人民政府", 2022, forward: ["natural": 9]),
            report("a2023", "甲县人民政府", 2023, over: ["total": 7]),
        ]
        #expect(CarryChain.check(blanks, rule: warning).isEmpty)
    }

    @Test func numbersAreQuotedAsTheCorpusHoldsThem() {
        let documents = [
            report("a", "甲县人民政府", 2022, forward: ["total": 2.5]), report("b", "甲县人民政府", 2023, over: ["total": 12]),
        ]
        let message = CarryChain.check(documents, rule: warning)["b"]?.first?.message
        #expect(message?.contains("is 12 but the 2022 report (a.pdf) carried 2.5 forward") == true)
    }

    @Test func theFieldsItReadsAreTheCarryCellsOfEveryApplicantColumn() {
        #expect(CarryChain.fieldIDs.count == 2 * FieldCatalog.applicantColumns.count)
        #expect(CarryChain.fieldIDs.allSatisfy { FieldCatalog.byID[$0] != nil })
    }

    @Test func issuerKeys() {
        #expect(CarryChain.issuerKey("山西省临汾市人民政府办公室") == CarryChain.issuerKey("临汾市人民政府"))
        #expect(CarryChain.issuerKey("交城县 人民政府") == "交城县人民政府")
        // Too short to lose a suffix or a province: what is left would name no body.
        #expect(CarryChain.issuerKey("县办公室") == "县办公室")
        #expect(CarryChain.issuerKey("省政府办公厅") == "省政府")
        // 省 past the fourth character is part of the name.
        #expect(CarryChain.issuerKey("中华人民共和国海南省三沙市人民政府") == "中华人民共和国海南省三沙市人民政府")
    }
}
