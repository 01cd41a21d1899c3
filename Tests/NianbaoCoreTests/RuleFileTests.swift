import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

@Suite struct RuleFileTests {
    func pipelines(replacing file: String, with edit: (String) -> String) throws -> URL {
        try pipelinesCopy(editing: file, edit)
    }

    func lineNumber(of needle: String, in file: String) throws -> Int {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Pipelines/\(file)"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        return lines.firstIndex { $0.contains(needle) }! + 1
    }

    @Test func theProjectsRulesLoad() {
        #expect(
            defaultRules.validation.rules.map(\.id) == [
                "balance", "row_total", "outcome_sum", "review_total", "suit_direct_total", "suit_after_review_total",
            ])
        #expect(Set(defaultRules.fingerprints.keys) == Set(Stage.allCases))
    }

    @Test func ocrYAMLSetsTheSureConfidence() throws {
        #expect(defaultRules.ocr.sureConfidence == 95)
        let edited = try pipelines(replacing: "ocr.yaml") {
            $0.replacingOccurrences(of: "sure_confidence: 95", with: "sure_confidence: 101")
        }
        #expect(try RuleSet.load(directory: edited).ocr.sureConfidence == 101)
        let removed = try pipelines(replacing: "ocr.yaml") {
            $0.replacingOccurrences(of: "sure_confidence: 95", with: "")
        }
        #expect(try RuleSet.load(directory: removed).ocr.sureConfidence == OCRRules().sureConfidence)
    }

    @Test func pipelineYAMLNamesOnlyStagesThatReadRules() throws {
        for (wrong, message) in [
            ("validate: validation.yaml", "validte: validation.yaml"),
            ("cleanup: cleanup.yaml", "layout: cleanup.yaml"),
        ] {
            let dir = try pipelines(replacing: "pipeline.yaml") { $0.replacingOccurrences(of: wrong, with: message) }
            do {
                _ = try RuleSet.load(directory: dir)
                Issue.record("pipeline.yaml with '\(message)' loaded")
            } catch {
                #expect(error.file.hasSuffix("pipeline.yaml"))
                #expect(error.line == (try lineNumber(of: wrong, in: "pipeline.yaml")))
                #expect(error.message.contains("is no stage that reads rules"))
            }
        }
        let missing = try pipelines(replacing: "pipeline.yaml") {
            $0.replacingOccurrences(of: "parse: labels.yaml", with: "")
        }
        #expect(throws: RuleError.self) { try RuleSet.load(directory: missing) }
    }

    @Test func aYAMLSyntaxErrorNamesItsLine() throws {
        let needle = "id: noise.markdown_emphasis"
        let dir = try pipelines(replacing: "cleanup.yaml") { $0.replacingOccurrences(of: needle, with: "id: [broken") }
        do {
            _ = try RuleSet.load(directory: dir)
            Issue.record("a broken file loaded")
        } catch {
            #expect(error.file.hasSuffix("cleanup.yaml"))
            #expect(error.line != nil)
            let expected = try lineNumber(of: needle, in: "cleanup.yaml")
            #expect(abs((error.line ?? 0) - expected) <= 1)
        }
    }

    @Test func aPatternThatDoesNotCompileNamesItsLine() throws {
        let dir = try pipelines(replacing: "cleanup.yaml") {
            $0.replacingOccurrences(of: "pattern: '\\*\\*(.+?)\\*\\*'", with: "pattern: '(unclosed'")
        }
        do {
            _ = try RuleSet.load(directory: dir)
            Issue.record("a bad pattern loaded")
        } catch {
            #expect(error.message.contains("noise.markdown_emphasis"))
            #expect(error.line == (try lineNumber(of: "'\\*\\*(.+?)\\*\\*'", in: "cleanup.yaml")))
        }
    }

    @Test func aValidationRuleNamingNoFieldIsRefused() throws {
        let dir = try pipelines(replacing: "validation.yaml") {
            $0.replacingOccurrences(of: "apps.carried_over.$c]", with: "apps.carried_ovr.$c]")
        }
        do {
            _ = try RuleSet.load(directory: dir)
            Issue.record("an unknown field loaded")
        } catch {
            #expect(error.message.contains("apps.carried_ovr.$c"))
            #expect(error.line == (try lineNumber(of: "apps.carried_over.$c]", in: "validation.yaml")))
        }
    }

    @Test func aMissingKeyIsReported() throws {
        let dir = try pipelines(replacing: "validation.yaml") {
            $0.replacingOccurrences(of: "    severity: error\n", with: "")
        }
        #expect(throws: RuleError.self) { try RuleSet.load(directory: dir) }
    }

    @Test func editingOneRuleFileChangesOnlyItsStagesFingerprint() throws {
        let dir = try pipelines(replacing: "validation.yaml") { $0 + "\n# a comment\n" }
        let edited = try RuleSet.load(directory: dir)
        #expect(edited.fingerprints[.validate] != defaultRules.fingerprints[.validate])
        #expect(edited.fingerprints[.cleanup] == defaultRules.fingerprints[.cleanup])
        #expect(edited.fingerprints[.parse] == defaultRules.fingerprints[.parse])
    }
}
