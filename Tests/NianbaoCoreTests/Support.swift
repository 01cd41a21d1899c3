import Foundation
import NianbaoTestSupport

@testable import NianbaoCore

/// The project's own rules (Pipelines/), loaded once.
let defaultRules: RuleSet = projectRules

let defaultPipeline: Pipeline = try! Pipeline(rules: defaultRules)

func cleaner(_ edit: (inout CleanupRules) -> Void = { _ in }) -> Cleaner {
    var rules = defaultRules.cleanup
    edit(&rules)
    return try! Cleaner(rules: rules)
}

/// Cleans text as a text input would be cleaned and returns the lines' texts.
func cleanLines(_ text: String) -> (lines: [String], repairs: [String: Int]) {
    let doc = cleaner().clean(PlainTextReader.read(text))
    return (doc.lines.map(\.text), doc.repairs)
}

/// Runs the whole pipeline over a text report.
func processText(_ text: String, name: String = "test.txt") -> ReportResult {
    defaultPipeline.process(name: name, bytes: Array(text.utf8), kind: .text)
}

func processHTML(_ html: String, name: String = "test.html") -> ReportResult {
    defaultPipeline.process(name: name, bytes: Array(html.utf8), kind: .html)
}

extension ReportResult {
    func int(_ id: String) -> Int? { fields[id].map { NSDecimalNumber(decimal: $0).intValue } }
    func findings(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }
    var errorRules: Set<String> { Set(findings.filter { $0.severity == .error }.map(\.rule)) }
}

/// A table 三 row as tab-separated text.
func appsRow(_ label: String, _ values: [Int?]) -> String {
    ([label] + values.map { $0.map(String.init) ?? "" }).joined(separator: "\t")
}

/// A consistent report's fields: `n` applications by natural persons, all granted, nothing else.
func consistentFields(_ n: Decimal = 3) -> [String: Decimal] {
    var f: [String: Decimal] = [:]
    for id in FieldCatalog.ids
    where id.hasPrefix("apps.") && !id.hasPrefix("apps.other_handling.no")
        && !id.hasPrefix("apps.other_handling.unpaid") && !id.hasPrefix("apps.other_handling.other.")
    {
        f[id] = 0
    }
    for c in ["natural", "total"] {
        f["apps.new_received.\(c)"] = n
        f["apps.granted.\(c)"] = n
        f["apps.results_total.\(c)"] = n
    }
    for g in FieldCatalog.reviewGroups { for c in FieldCatalog.reviewColumns { f["\(g).\(c)"] = 0 } }
    return f
}
