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
        let pipelineURL = directory.appendingPathComponent("pipeline.yaml")
        let (files, _): (RuleFiles, Data) = try decodeFile(pipelineURL)
        for name in files.rules.keys.sorted()
        where !Stage.allCases.contains(where: { $0.readsRules && $0.name == name }) {
            throw RuleError(
                file: pipelineURL.path, line: line(in: pipelineURL, path: ["rules", name]),
                message:
                    "'\(name)' is no stage that reads rules (\(Stage.allCases.filter(\.readsRules).map(\.name).joined(separator: ", ")))"
            )
        }
        func ruleFile(_ stage: Stage) throws(RuleError) -> URL {
            guard let file = files.rules[stage.name] else {
                throw RuleError(
                    file: pipelineURL.path, line: line(in: pipelineURL, path: ["rules"]),
                    message: "no rule file for the \(stage.name) stage")
            }
            return directory.appendingPathComponent(file)
        }
        let (cleanup, cleanupData): (CleanupRules, Data) = try decodeFile(ruleFile(.cleanup))
        let (labels, labelsData): (LabelRules, Data) = try decodeFile(ruleFile(.parse))
        let (validation, validationData): (ValidationRules, Data) = try decodeFile(ruleFile(.validate))
        var ocr = OCRRules(), ocrFingerprint = "defaults"
        if files.rules[Stage.ocr.name] != nil {
            let (rules, data): (OCRRules, Data) = try decodeFile(ruleFile(.ocr))
            (ocr, ocrFingerprint) = (rules, hex(data))
        }
        let set = RuleSet(
            files: files, cleanup: cleanup, labels: labels, validation: validation, ocr: ocr,
            fingerprints: [
                .layout: "",
                .ocr: ocrFingerprint,
                .cleanup: hex(cleanupData),
                .parse: hex(labelsData),
                .validate: hex(validationData),
            ])
        try set.check(files: (try ruleFile(.cleanup), try ruleFile(.parse), try ruleFile(.validate)))
        return set
    }

    static func hex(_ data: Data) -> String {
        StageCodec.hex(SHA256.hash(data: data))
    }

    /// Decodes one YAML file; a failure names the file and the line of the node at fault.
    static func decodeFile<T: Decodable>(_ url: URL) throws(RuleError) -> (T, Data) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RuleError(file: url.path, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleError(file: url.path, message: "the file is not UTF-8")
        }
        do {
            return (try YAMLDecoder().decode(T.self, from: text), data)
        } catch let error as YamlError {
            throw RuleError(
                file: url.path, line: Self.line(of: error), message: "YAML syntax: \(Self.summary(of: error))")
        } catch let DecodingError.dataCorrupted(ctx) where ctx.underlyingError is YamlError {
            let error = ctx.underlyingError as! YamlError
            throw RuleError(
                file: url.path, line: Self.line(of: error), message: "YAML syntax: \(Self.summary(of: error))")
        } catch let error as DecodingError {
            let (path, message) = Self.describe(error)
            let line = (try? Yams.compose(yaml: text)).flatMap {
                $0.flatMap { Self.node(at: path, in: $0)?.mark?.line }
            }
            throw RuleError(file: url.path, line: line, message: message)
        } catch {
            throw RuleError(file: url.path, message: "\(error)")
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default:
            return "\(error)"
        }
    }

    static func describe(_ error: DecodingError) -> (path: [any CodingKey], message: String) {
        func render(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return (ctx.codingPath, "missing key '\(key.stringValue)' at \(render(ctx.codingPath))")
        case .typeMismatch(let type, let ctx):
            return (ctx.codingPath, "expected \(type) at \(render(ctx.codingPath))")
        case .valueNotFound(let type, let ctx):
            return (ctx.codingPath, "expected a \(type) value at \(render(ctx.codingPath))")
        case .dataCorrupted(let ctx):
            return (ctx.codingPath, "\(ctx.debugDescription) at \(render(ctx.codingPath))")
        @unknown default:
            return ([], "\(error)")
        }
    }

    /// The deepest node of `root` reached by `path` (so a missing key points at its parent mapping).
    static func node(at path: [any CodingKey], in root: Node) -> Node? {
        var current = root
        for key in path {
            if let index = key.intValue, let seq = current.sequence, index < seq.count {
                current = seq[index]
            } else if let map = current.mapping, let next = map[key.stringValue] {
                current = next
            } else {
                break
            }
        }
        return current
    }

    /// Line of a node given as a path of keys and indices inside a rule file, for semantic errors.
    static func line(in file: URL, path: [String]) -> Int? {
        guard let text = try? String(contentsOf: file, encoding: .utf8),
            let root = try? Yams.compose(yaml: text)
        else { return nil }
        var current = root
        for part in path {
            if let index = Int(part), let seq = current.sequence, index < seq.count {
                current = seq[index]
            } else if let map = current.mapping, let next = map[part] {
                current = next
            } else {
                break
            }
        }
        return current.mark?.line
    }

    /// Checks what decoding alone cannot: patterns compile, ids are unique, field patterns name fields.
    func check(files: (cleanup: URL, labels: URL, validation: URL)) throws(RuleError) {
        var seen = Set<String>()
        for (i, r) in cleanup.replacements.enumerated() {
            if !seen.insert(r.id).inserted {
                throw RuleError(
                    file: files.cleanup.path, line: Self.line(in: files.cleanup, path: ["replacements", "\(i)", "id"]),
                    message: "duplicate rule id '\(r.id)'")
            }
            do { _ = try NSRegularExpression(pattern: r.pattern, options: [.anchorsMatchLines]) } catch {
                throw RuleError(
                    file: files.cleanup.path,
                    line: Self.line(in: files.cleanup, path: ["replacements", "\(i)", "pattern"]),
                    message: "rule '\(r.id)': the pattern does not compile: \(r.pattern)")
            }
        }
        for (i, r) in cleanup.dropLines.enumerated() {
            if !seen.insert(r.id).inserted {
                throw RuleError(
                    file: files.cleanup.path, line: Self.line(in: files.cleanup, path: ["drop_lines", "\(i)", "id"]),
                    message: "duplicate rule id '\(r.id)'")
            }
            do { _ = try NSRegularExpression(pattern: r.pattern, options: []) } catch {
                throw RuleError(
                    file: files.cleanup.path,
                    line: Self.line(in: files.cleanup, path: ["drop_lines", "\(i)", "pattern"]),
                    message: "rule '\(r.id)': the pattern does not compile: \(r.pattern)")
            }
        }
        let appRowKeys = Set(labels.applications.rows.map(\.key))
        for (i, row) in labels.applications.rows.enumerated() {
            if (row.contains ?? []).isEmpty && (row.exact ?? []).isEmpty {
                throw RuleError(
                    file: files.labels.path, line: Self.line(in: files.labels, path: ["applications", "rows", "\(i)"]),
                    message: "row '\(row.key)' has neither 'contains' nor 'exact' aliases")
            }
            if FieldCatalog.byID["apps.\(row.key).total"] == nil {
                throw RuleError(
                    file: files.labels.path,
                    line: Self.line(in: files.labels, path: ["applications", "rows", "\(i)", "key"]),
                    message: "row '\(row.key)' is not a row of table 三 in fields.tsv")
            }
            for a in row.after ?? [] where !appRowKeys.contains(a) {
                throw RuleError(
                    file: files.labels.path,
                    line: Self.line(in: files.labels, path: ["applications", "rows", "\(i)", "after"]),
                    message: "row '\(row.key)': 'after' names unknown row '\(a)'")
            }
        }
        for (template, layout) in labels.active.columns {
            guard Template(rawValue: template) != nil else {
                throw RuleError(
                    file: files.labels.path, line: Self.line(in: files.labels, path: ["active", "columns", template]),
                    message: "unknown template '\(template)' (2021 or 2019)")
            }
            for (row, columns) in layout {
                for column in columns where FieldCatalog.byID["active.\(row).\(column)"] == nil {
                    throw RuleError(
                        file: files.labels.path,
                        line: Self.line(in: files.labels, path: ["active", "columns", template, row]),
                        message: "active.\(row).\(column) is not a field of fields.tsv")
                }
            }
        }
        for (i, s) in (validation.narrative?.statements ?? []).enumerated() {
            let line = Self.line(in: files.validation, path: ["narrative", "statements", "\(i)"])
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
                    file: files.validation.path, line: Self.line(in: files.validation, path: ["rules", "\(i)", "id"]),
                    message: "duplicate rule id '\(rule.id)'")
            }
            for (side, terms) in [("left", rule.left), ("right", rule.right)] {
                for (j, term) in terms.enumerated() {
                    for pattern in term.patterns
                    where IdentityChecker.expand(pattern, column: "total", row: "apps.granted").isEmpty {
                        throw RuleError(
                            file: files.validation.path,
                            line: Self.line(in: files.validation, path: ["rules", "\(i)", side, "\(j)"]),
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
