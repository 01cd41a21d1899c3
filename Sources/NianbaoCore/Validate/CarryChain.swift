/// `carry_chain` (`validation.yaml`): a body's 二、上年结转 for year N equals its 四、结转下年度继续办理 for
/// year N−1, in each applicant column. A rule across documents, so it runs at the end of a run over the
/// corpus's documents (`DocumentSummary`, which the corpus database supplies), not in the validate stage.
public enum CarryChain {
    /// The fields the rule reads: what the corpus has to supply in `DocumentSummary.fields`.
    public static let fieldIDs: [String] = FieldCatalog.applicantColumns.flatMap { column in
        [carriedOver(column), carriedForward(column)]
    }

    static func carriedOver(_ column: String) -> String { "apps.carried_over.\(column)" }
    static func carriedForward(_ column: String) -> String { "apps.carried_forward.\(column)" }

    /// The findings per document name, on the year-N report. Bodies are matched by `issuerKey`; a body
    /// with more than one report for year N or for year N−1 is skipped, since which two reports follow
    /// each other is then not certain. A column either report leaves null is not checked. `documents`
    /// in corpus order: each document's findings come in the order of the applicant columns.
    public static func check(_ documents: [DocumentSummary], rule: ValidationRules.CarryChain) -> [String: [Finding]] {
        struct BodyYear: Hashable {
            var body: String
            var year: Int
        }
        let keys = documents.map { BodyYear(body: issuerKey($0.issuer), year: $0.year) }
        let reports = Dictionary(grouping: documents.indices) { keys[$0] }
        var found: [String: [Finding]] = [:]
        for (index, document) in documents.enumerated() {
            let key = keys[index]
            guard reports[key]?.count == 1, let prior = reports[BodyYear(body: key.body, year: key.year - 1)],
                prior.count == 1
            else { continue }
            let before = documents[prior[0]]
            for (column, name) in zip(FieldCatalog.applicantColumns, ApplicationsTableReader.columnNames) {
                guard let carried = document.fields[carriedOver(column)],
                    let forward = before.fields[carriedForward(column)], carried != forward
                else { continue }
                found[document.name, default: []].append(
                    Finding(
                        rule: FindingID.carryChain, severity: rule.severity, fields: [carriedOver(column)],
                        message:
                            "carry_chain (\(name)): 二、上年结转 for \(document.year) is \(format(carried)) but the \(before.year) report (\(before.source)) carried \(format(forward)) forward (四、结转下年度继续办理)"
                    ))
            }
        }
        return found
    }

    /// `山西省临汾市人民政府办公室` and `临汾市人民政府` name one body: spaces, a leading province, and a
    /// trailing 办公室 or 办公厅 are not part of the key.
    public static func issuerKey(_ issuer: String) -> String {
        var s = issuer.filter { !$0.isWhitespace }
        for suffix in ["办公室", "办公厅"] where s.hasSuffix(suffix) && s.count > suffix.count + 2 {
            s.removeLast(suffix.count)
        }
        if let r = s.range(of: "省"), s.distance(from: s.startIndex, to: r.lowerBound) <= 4,
            s[r.upperBound...].count >= 3
        {
            s = String(s[r.upperBound...])
        }
        return s
    }

    /// Whole numbers without a point (the corpus stores counts as doubles here).
    static func format(_ d: Double) -> String { d == d.rounded() ? String(Int64(d)) : String(d) }
}
