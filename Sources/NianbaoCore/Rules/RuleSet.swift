import Crypto
import Foundation
import Yams

/// Every rule the pipeline uses, loaded from a `Pipelines/` directory and checked.
public struct RuleSet: Sendable {
    public var files: RuleFiles
    public var cleanup: CleanupRules
    public var labels: LabelRules
    public var validation: ValidationRules
    /// `ocr.yaml`, or the defaults when `pipeline.yaml` names no rule file for the OCR stage.
    public var ocr: OCRRules
    /// stage → hex SHA-256 of the rule file the stage reads ("" for a stage without rules).
    public var fingerprints: [Stage: String]

    /// Loads `pipeline.yaml` from `directory` and the rule files it names.
    public static func load(directory: URL) throws(RuleError) -> RuleSet {
        try load(from: .directory(directory))
    }

    /// Loads `pipeline.yaml` and the rule files it names from `source`.
    public static func load(from source: RuleSource) throws(RuleError) -> RuleSet {
        let pipelineFile = try RuleText(source, "pipeline.yaml")
        let files: RuleFiles = try pipelineFile.decode()
        for name in files.rules.keys.sorted()
        where !Stage.allCases.contains(where: { $0.readsRules && $0.name == name }) {
            throw RuleError(
                file: pipelineFile.path, line: pipelineFile.line(at: ["rules", name]),
                message:
                    "'\(name)' is no stage that reads rules (\(Stage.allCases.filter(\.readsRules).map(\.name).joined(separator: ", ")))"
            )
        }
        func ruleFile(_ stage: Stage) throws(RuleError) -> RuleText {
            guard let file = files.rules[stage.name] else {
                throw RuleError(
                    file: pipelineFile.path, line: pipelineFile.line(at: ["rules"]),
                    message: "no rule file for the \(stage.name) stage")
            }
            return try RuleText(source, file)
        }
        let cleanupFile = try ruleFile(.cleanup), labelsFile = try ruleFile(.parse)
        let validationFile = try ruleFile(.validate)
        let cleanup: CleanupRules = try cleanupFile.decode()
        var labels: LabelRules = try labelsFile.decode()
        // The place names `labels.yaml` names: part of the parse stage's rules, and of its fingerprint.
        var parseData = labelsFile.data
        if let places = labels.places {
            let name = places.file
            guard places.years.count == 2, places.years[0] <= places.years[1] else {
                throw RuleError(
                    file: labelsFile.path, line: labelsFile.line(at: ["places", "years"]),
                    message: "places.years is the first and the last year of the reports checked: [2016, 2023]")
            }
            let placesFile = try RuleText(source, name)
            do {
                labels.gazetteer = try Gazetteer(tsv: placesFile.text)
            } catch {
                throw RuleError(file: placesFile.path, line: error.line, message: error.message)
            }
            parseData += Data(name.utf8) + [0] + placesFile.data
        }
        let validation: ValidationRules = try validationFile.decode()
        var ocr = OCRRules(), ocrFingerprint = "defaults"
        if files.rules[Stage.ocr.name] != nil {
            let ocrFile = try ruleFile(.ocr)
            (ocr, ocrFingerprint) = (try ocrFile.decode(), hex(ocrFile.data))
        }
        let set = RuleSet(
            files: files, cleanup: cleanup, labels: labels, validation: validation, ocr: ocr,
            fingerprints: [
                .layout: "",
                .ocr: ocrFingerprint,
                .cleanup: hex(cleanupFile.data),
                .parse: hex(parseData),
                .validate: hex(validationFile.data),
            ])
        try set.check(files: (cleanupFile, labelsFile, validationFile))
        return set
    }

    /// One fingerprint for the whole rule set, what `--version` prints and every output names
    /// (`Producer`): the SHA-256 of the rules as read (each stage's rules encoded as JSON with sorted keys),
    /// so rule sets that mean the same give the same fingerprint, whatever their comments and layout.
    /// (The stage cache keys on the files' bytes instead, `fingerprints`: a cheaper test, and a comment
    /// edit costs a rerun of one stage, no rewritten output.)
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) -> String {
            (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        let parts =
            [
                "cleanup=" + json(cleanup), "parse=" + json(labels), "validate=" + json(validation), "ocr=" + json(ocr),
            ]
            // The place names, which `labels` names but does not encode.
            + (labels.gazetteer.isEmpty ? [] : ["places=" + json(labels.gazetteer.byLength.mapValues { $0.sorted() })])
        return Self.hex(Data(parts.joined(separator: "\n").utf8))
    }

    static func hex(_ data: Data) -> String {
        StageCodec.hex(SHA256.hash(data: data))
    }

    /// Checks what decoding alone cannot: patterns compile, ids are unique, field patterns name fields.
    func check(files: (cleanup: RuleText, labels: RuleText, validation: RuleText)) throws(RuleError) {
        var seen = Set<String>()
        for (i, r) in cleanup.replacements.enumerated() {
            if !seen.insert(r.id).inserted {
                throw RuleError(
                    file: files.cleanup.path, line: files.cleanup.line(at: ["replacements", "\(i)", "id"]),
                    message: "duplicate rule id '\(r.id)'")
            }
            do { _ = try NSRegularExpression(pattern: r.pattern, options: [.anchorsMatchLines]) } catch {
                throw RuleError(
                    file: files.cleanup.path,
                    line: files.cleanup.line(at: ["replacements", "\(i)", "pattern"]),
                    message: "rule '\(r.id)': the pattern does not compile: \(r.pattern)")
            }
        }
        for (i, r) in cleanup.dropLines.enumerated() {
            if !seen.insert(r.id).inserted {
                throw RuleError(
                    file: files.cleanup.path, line: files.cleanup.line(at: ["drop_lines", "\(i)", "id"]),
                    message: "duplicate rule id '\(r.id)'")
            }
            do { _ = try NSRegularExpression(pattern: r.pattern, options: []) } catch {
                throw RuleError(
                    file: files.cleanup.path,
                    line: files.cleanup.line(at: ["drop_lines", "\(i)", "pattern"]),
                    message: "rule '\(r.id)': the pattern does not compile: \(r.pattern)")
            }
        }
        let appRowKeys = Set(labels.applications.rows.map(\.key))
        for (i, row) in labels.applications.rows.enumerated() {
            if (row.contains ?? []).isEmpty && (row.exact ?? []).isEmpty {
                throw RuleError(
                    file: files.labels.path, line: files.labels.line(at: ["applications", "rows", "\(i)"]),
                    message: "row '\(row.key)' has neither 'contains' nor 'exact' aliases")
            }
            if FieldCatalog.byID["apps.\(row.key).total"] == nil {
                throw RuleError(
                    file: files.labels.path,
                    line: files.labels.line(at: ["applications", "rows", "\(i)", "key"]),
                    message: "row '\(row.key)' is not a row of table 三 in fields.tsv")
            }
            for a in row.after ?? [] where !appRowKeys.contains(a) {
                throw RuleError(
                    file: files.labels.path,
                    line: files.labels.line(at: ["applications", "rows", "\(i)", "after"]),
                    message: "row '\(row.key)': 'after' names unknown row '\(a)'")
            }
        }
        for (template, layout) in labels.active.columns {
            guard Template(rawValue: template) != nil else {
                throw RuleError(
                    file: files.labels.path, line: files.labels.line(at: ["active", "columns", template]),
                    message: "unknown template '\(template)' (2021 or 2019)")
            }
            for (row, columns) in layout {
                for column in columns where FieldCatalog.byID["active.\(row).\(column)"] == nil {
                    throw RuleError(
                        file: files.labels.path,
                        line: files.labels.line(at: ["active", "columns", template, row]),
                        message: "active.\(row).\(column) is not a field of fields.tsv")
                }
            }
        }
        for (i, s) in (validation.narrative?.statements ?? []).enumerated() {
            let line = files.validation.line(at: ["narrative", "statements", "\(i)"])
            guard (try? NSRegularExpression(pattern: s.pattern))?.numberOfCaptureGroups ?? 0 >= 1 else {
                throw RuleError(
                    file: files.validation.path, line: line,
                    message: "narrative statement \(i + 1): the pattern does not compile or has no group for the number"
                )
            }
            guard FieldCatalog.byID[s.field] != nil else {
                throw RuleError(
                    file: files.validation.path, line: line,
                    message: "narrative statement \(i + 1): no field '\(s.field)'")
            }
        }
        var ruleIDs = Set<String>()
        for (i, rule) in validation.rules.enumerated() {
            if !ruleIDs.insert(rule.id).inserted {
                throw RuleError(
                    file: files.validation.path, line: files.validation.line(at: ["rules", "\(i)", "id"]),
                    message: "duplicate rule id '\(rule.id)'")
            }
            for (side, terms) in [("left", rule.left), ("right", rule.right)] {
                for (j, term) in terms.enumerated() {
                    for pattern in term.patterns
                    where IdentityChecker.expand(pattern, column: "total", row: "apps.granted").isEmpty {
                        throw RuleError(
                            file: files.validation.path,
                            line: files.validation.line(at: ["rules", "\(i)", side, "\(j)"]),
                            message: "rule '\(rule.id)': '\(pattern)' names no field of fields.tsv")
                    }
                }
            }
        }
    }
}

extension ValidationRules.Term {
    var patterns: [String] {
        switch self {
        case .field(let s): return [s]
        case .oneOf(let alternatives): return alternatives.flatMap { $0 }
        }
    }
}
