import Foundation
import NianbaoTestSupport
import Testing
import Yams

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

    @Test func theBuiltInRulesAreThoseOfPipelines() throws {
        let folder = repositoryFile("Pipelines")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(BundledRules.names == names, "run python3 Scripts/generate_bundled_rules.py")
        for name in names {
            #expect(
                BundledRules.file(name) == (try Data(contentsOf: folder.appendingPathComponent(name))),
                "\(name) differs from the built-in copy: run python3 Scripts/generate_bundled_rules.py")
        }
        let builtIn = try RuleSet.load(from: .builtIn)
        #expect(builtIn.fingerprints == defaultRules.fingerprints)
        #expect(builtIn.fingerprint == defaultRules.fingerprint && builtIn.fingerprint.count == 64)
    }

    @Test func unknownKeysAreRefusedWithTheirLine() throws {
        let cases: [(file: String, key: String, edit: (String) -> String)] = [
            (
                "validation.yaml", "sevrity",
                { $0.replacingOccurrences(of: "    severity: error", with: "    sevrity: error") }
            ),
            (
                "cleanup.yaml", "scop",
                {
                    $0.replacingOccurrences(
                        of: "  - id: noise.html_entity\n", with: "  - id: noise.html_entity\n    scop: table\n")
                }
            ),
            ("ocr.yaml", "confidance", { $0.replacingOccurrences(of: "\nconfidence: 85", with: "\nconfidance: 85") }),
            ("pipeline.yaml", "extra", { $0 + "\nextra: 1\n" }),
        ]
        for (file, key, edit) in cases {
            let dir = try pipelines(replacing: file, with: edit)
            do {
                _ = try RuleSet.load(directory: dir)
                Issue.record("\(file) with '\(key)' loaded")
            } catch {
                #expect(error.file.hasSuffix(file))
                #expect(error.message.hasPrefix("unknown key '\(key)'"), "\(error)")
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                let line = text.components(separatedBy: "\n").firstIndex {
                    $0.hasPrefix(key + ":") || $0.contains(" \(key):")
                }
                #expect(error.line == line.map { $0 + 1 }, "\(error)")
            }
        }
    }

    @Test func mergeKeysBringTheirKeysWhereTheyStand() throws {
        let known = try #require(try Yams.compose(yaml: "a: {b: 1}\nc: {b: 1, d: 2}\n"))
        let merged = try #require(try Yams.compose(yaml: "a: &x\n  b: 1\nc:\n  <<: *x\n  d: 2\n"))
        #expect(RuleText.unknownKey(merged, known: known, place: []) == nil)
        let typo = try #require(try Yams.compose(yaml: "a: &x\n  b: 1\nc:\n  <<: *x\n  e: 2\n"))
        let found = RuleText.unknownKey(typo, known: known, place: [])
        #expect(found?.0.string == "e" && found?.1 == ["c"] && found?.0.mark?.line == 5)
    }

    @Test func duplicateKeysAreRefusedWithTheirLine() throws {
        let dir = try pipelines(replacing: "ocr.yaml") { $0 + "\nconfidence: 90\n" }
        do {
            _ = try RuleSet.load(directory: dir)
            Issue.record("ocr.yaml with two 'confidence' keys loaded")
        } catch {
            #expect(error.file.hasSuffix("ocr.yaml"))
            #expect(error.message.contains("duplicate key 'confidence'"), "\(error)")
            #expect(error.line != nil)
            #expect(!error.message.contains("\n"))
        }
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

    @Test func editingThePlacesChangesOnlyTheParseStagesFingerprint() throws {
        let dir = try pipelines(replacing: "places.tsv") { $0 + "江西省\t赣州市\t新设区\n" }
        let edited = try RuleSet.load(directory: dir)
        #expect(edited.labels.gazetteer.contains("赣州市新设区"))
        #expect(!defaultRules.labels.gazetteer.contains("赣州市新设区"))
        #expect(defaultRules.labels.gazetteer.contains("江西省赣州市章贡区"))
        #expect(edited.fingerprints[.parse] != defaultRules.fingerprints[.parse])
        #expect(edited.fingerprint != defaultRules.fingerprint)
        #expect(edited.fingerprints[.validate] == defaultRules.fingerprints[.validate])
        #expect(edited.fingerprints[.cleanup] == defaultRules.fingerprints[.cleanup])
    }

    @Test func aPlacesLineThatIsNotThreeFieldsNamesItsFileAndLine() throws {
        let dir = try pipelines(replacing: "places.tsv") { $0 + "江西省 赣州市 新设区\n" }
        let lines =
            try String(contentsOf: dir.appendingPathComponent("places.tsv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).count - 1
        do {
            _ = try RuleSet.load(directory: dir)
            Issue.record("a broken places.tsv loaded")
        } catch {
            #expect(error.file.hasSuffix("places.tsv"))
            #expect(error.line == lines)
        }
    }

    @Test func placesYearsAreTwoYearsInOrder() throws {
        let dir = try pipelines(replacing: "labels.yaml") {
            $0.replacingOccurrences(of: "years: [2016, 2023]", with: "years: [2023, 2016]")
        }
        do {
            _ = try RuleSet.load(directory: dir)
            Issue.record("places.years out of order loaded")
        } catch {
            #expect(error.message.contains("places.years"))
            #expect(error.line == (try lineNumber(of: "years: [2016, 2023]", in: "labels.yaml")))
        }
    }

    @Test func editingOneRuleFileChangesOnlyItsStagesFingerprint() throws {
        let dir = try pipelines(replacing: "validation.yaml") { $0 + "\n# a comment\n" }
        let edited = try RuleSet.load(directory: dir)
        #expect(edited.fingerprints[.validate] != defaultRules.fingerprints[.validate])
        #expect(edited.fingerprints[.cleanup] == defaultRules.fingerprints[.cleanup])
        #expect(edited.fingerprints[.parse] == defaultRules.fingerprints[.parse])
    }
}
