import Foundation
import GRDB
import NianbaoCore
import NianbaoTestSupport
import Testing

/// The command line as a user meets it: the binary run, its exit status and its one-line messages.
@Suite("Command line") struct CommandLineTests {
    /// validation.yaml with `outcome_sum` a warning: rules that mean something else.
    static func outcomeSumAsWarning(_ text: String) -> String {
        let old = "  - id: outcome_sum\n    severity: error\n"
        precondition(text.contains(old), "validation.yaml no longer has: \(old)")
        return text.replacingOccurrences(of: old, with: "  - id: outcome_sum\n    severity: warning\n")
    }

    /// Two reports of Corpus/ in `in/` of `scratch`.
    func twoReports(in scratch: Scratch) throws -> URL {
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for (name, copy) in [("001_a8d23b48448f5a19.txt", "a.txt"), ("002_98d5d9cfaf16f11b.txt", "b.txt")] {
            try FileManager.default.copyItem(
                at: repositoryFile("Corpus/\(name)"), to: inputs.appendingPathComponent(copy))
        }
        return inputs
    }

    @Test("a missing input among several: the others are processed, the path is named, the status is 66")
    func missingInput() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        let missing = scratch.path("nowhere/c.pdf").path
        let run = try runNianbao([
            "run", inputs.appendingPathComponent("a.txt").path, missing, inputs.appendingPathComponent("b.txt").path,
            "--output", scratch.path("out").path, "--quiet", "--in-process",
        ])
        #expect(run.status == 66, "\(run.standardError)")
        #expect(run.standardError.contains("nianbao: \(missing): no such file or directory\n"))
        for name in ["a.json", "b.json", "a.txt", "b.txt", "reports.csv", "corpus.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: scratch.path("out/\(name)").path), "\(name)")
        }
    }

    @Test("outputs that cannot be written: a one-line message naming the file, status 74, with or without --strict")
    func outputNotWritten() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        // A folder where b.json would go: renaming the written file over it fails (as root too).
        try FileManager.default.createDirectory(
            at: scratch.path("out/b.json/inside"), withIntermediateDirectories: true)
        let run = try runNianbao(["run", inputs.path, "--output", scratch.path("out").path, "--quiet"])
        #expect(run.status == 74, "\(run.standardError)")
        let lines = run.standardError.split(separator: "\n").filter { $0.contains("cannot write") }
        #expect(lines.count == 1, "\(run.standardError)")
        #expect(lines.first?.contains(scratch.path("out/b.json").path) == true, "\(run.standardError)")
        #expect(!run.standardError.contains("NSCocoaErrorDomain") && !run.standardError.contains("Error Domain"))
        #expect(FileManager.default.fileExists(atPath: scratch.path("out/a.json").path))
        // Nothing half-written left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out").path)
        #expect(!left.contains { $0.hasSuffix(".tmp") || $0.hasSuffix(".partial") }, "\(left)")
    }

    @Test("an output folder that cannot be made: one line naming it, status 73, nothing read")
    func outputFolderNotMade() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        let file = scratch.path("a-file")
        try Data("x".utf8).write(to: file)
        let run = try runNianbao(["run", inputs.path, "--output", file.appendingPathComponent("out").path, "--quiet"])
        #expect(run.status == 73, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("nianbao: cannot create the output folder \(file.path)/out: "))
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
        #expect(!run.standardError.contains("Error Domain"))
    }

    @Test("the binary copied outside the checkout runs with its built-in rules, and says which")
    func copiedBinary() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        let elsewhere = scratch.path("bin")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let copy = elsewhere.appendingPathComponent("nianbao")
        try FileManager.default.copyItem(at: nianbaoExecutable, to: copy)
        // Run from a folder without Pipelines/: the built-in rules, the same as the checkout's.
        let run = try runNianbao(
            ["run", inputs.path, "--output", scratch.path("out").path, "--quiet"], executable: copy,
            directory: elsewhere)
        #expect(run.status == 0, "\(run.standardError)")
        let reference = try runNianbao(
            [
                "run", inputs.path, "--output", scratch.path("reference").path, "--quiet", "--rules",
                repositoryFile("Pipelines").path,
            ])
        #expect(reference.status == 0)
        for name in ["a.json", "b.json", "reports.csv"] {
            #expect(
                try Data(contentsOf: scratch.path("out/\(name)"))
                    == Data(contentsOf: scratch.path("reference/\(name)")), "\(name)")
        }
        let version = try runNianbao(["--version"], executable: copy, directory: elsewhere)
        #expect(version.standardOutput.hasSuffix("rules \(projectRules.fingerprint) (the built-in rules)\n"))
        let check = try runNianbao(["rules", "check"], executable: copy, directory: elsewhere)
        #expect(check.status == 0)
        #expect(check.standardOutput.hasPrefix("the built-in rules: ok"), "\(check.standardOutput)")
    }

    @Test("--version names the tool and the fingerprint of the rules a run would use")
    func version() throws {
        let scratch = try Scratch()
        let here = try runNianbao(["--version"], directory: repositoryRoot)
        #expect(here.status == 0)
        #expect(
            here.standardOutput
                == "nianbao \(NianbaoVersion.string)\nrules \(projectRules.fingerprint) (\(repositoryFile("Pipelines").path))\n"
        )
        // From another folder: the rules of the checkout the binary stands in.
        let elsewhere = try runNianbao(["--version"], directory: scratch.url)
        #expect(
            elsewhere.standardOutput.hasSuffix(
                "rules \(projectRules.fingerprint) (\(repositoryFile("Pipelines").path))\n"))
        // Other rules, another fingerprint.
        let edited = try pipelinesCopy(in: scratch.url, editing: "validation.yaml") { Self.outcomeSumAsWarning($0) }
        let other = try runNianbao(["--version", "--rules", edited.path], directory: scratch.url)
        let fingerprint = try RuleSet.load(directory: edited).fingerprint
        #expect(fingerprint != projectRules.fingerprint)
        // Comments and layout are not what the rules mean: the same fingerprint.
        let commented = try pipelinesCopy(in: scratch.url, editing: "labels.yaml") { "# a comment\n" + $0 + "\n\n" }
        #expect(try RuleSet.load(directory: commented).fingerprint == projectRules.fingerprint)
        #expect(other.standardOutput.hasSuffix("rules \(fingerprint) (\(edited.path))\n"), "\(other.standardOutput)")
    }

    @Test("every dataset says what made it: NAME.json's producer and corpus.sqlite's meta name the version and rules")
    func producer() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        let edited = try pipelinesCopy(in: scratch.url, editing: "validation.yaml") { Self.outcomeSumAsWarning($0) }
        let editedFingerprint = try RuleSet.load(directory: edited).fingerprint
        let out = scratch.path("out")
        for (rules, fingerprint) in [(nil, projectRules.fingerprint), (edited, editedFingerprint)] {
            let run = try runNianbao(
                ["run", inputs.path, "--output", out.path, "--quiet"] + (rules.map { ["--rules", $0.path] } ?? []))
            #expect(run.status == 0, "\(run.standardError)")
            let version = try runNianbao(["--version"] + (rules.map { ["--rules", $0.path] } ?? []))
            #expect(version.standardOutput.contains("rules \(fingerprint) "))
            for name in ["a", "b"] {
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.path("out/\(name).json")))
                let producer = (json as! [String: Any])["producer"] as? [String: String]
                #expect(producer == ["tool": "nianbao \(NianbaoVersion.string)", "rules": fingerprint], "\(name)")
            }
            let meta = try DatabaseQueue(path: out.appendingPathComponent("corpus.sqlite").path).read { db in
                try [String: String](
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
                        (try $0.decode(String.self, forColumn: "key"), try $0.decode(String.self, forColumn: "value"))
                    })
            }
            #expect(
                meta == [
                    "tool": "nianbao \(NianbaoVersion.string)", "rules": fingerprint, "format": "3", "headers": "id",
                ])
        }
    }

    @Test("show: a report's tables in the terminal, the same from the report file as from its NAME.json")
    func show() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        let out = scratch.path("out")
        #expect(try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"]).status == 0)
        let fromJSON = try runNianbao(["show", out.appendingPathComponent("a.json").path])
        let fromInput = try runNianbao(["show", inputs.appendingPathComponent("a.txt").path])
        #expect(fromJSON.status == 0 && fromInput.status == 0)
        #expect(fromJSON.standardOutput == fromInput.standardOutput)
        #expect(fromJSON.standardOutput.contains("\n三、收到和处理政府信息公开申请情况\n"))
        // Not a report, not a NAME.json; missing: one line each, naming the file.
        try Data("{\"a\": 1}".utf8).write(to: scratch.path("other.json"))
        let other = try runNianbao(["show", scratch.path("other.json").path])
        #expect(other.status == 65)
        #expect(
            other.standardError
                == "nianbao: \(scratch.path("other.json").path): not a NAME.json of nianbao (source, sha256, fields and findings)\n"
        )
        let missing = try runNianbao(["show", scratch.path("none.pdf").path])
        #expect(missing.status == 66)
        #expect(missing.standardError.hasPrefix("nianbao: \(scratch.path("none.pdf").path): "))
    }

    @Test("cache stats counts what the last run used; cache prune drops the rest and the next run recomputes nothing")
    func cachePrune() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        let out = scratch.path("out")
        let edited = try pipelinesCopy(in: scratch.url, editing: "validation.yaml") { $0 + "\n# an edit\n" }
        #expect(try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"]).status == 0)
        // The edit makes new validation results; the old ones are no longer used.
        let second = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet", "--rules", edited.path])
        #expect(second.standardError.contains("validate 0/2"), "\(second.standardError)")
        let stats = try runNianbao(["cache", "stats", out.path])
        #expect(stats.status == 0)
        let validate = stats.standardOutput.split(separator: "\n").first { $0.hasPrefix("validate ") }
        #expect(validate?.split(separator: " ").prefix(3) == ["validate", "4", "2"], "\(stats.standardOutput)")
        #expect(stats.standardOutput.contains("2 of 12 results unused by the last run"), "\(stats.standardOutput)")
        let prune = try runNianbao(["cache", "prune", out.path])
        #expect(prune.status == 0)
        #expect(prune.standardOutput.hasPrefix("removed 2 results"), "\(prune.standardOutput)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".json") }
        let before = try files.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        let third = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet", "--rules", edited.path])
        #expect(third.standardError.contains("stage results: 8 reused, 0 recomputed"), "\(third.standardError)")
        #expect(try files.map { try Data(contentsOf: out.appendingPathComponent($0)) } == before)
        // No cache there: one line naming it, 66.
        let none = try runNianbao(["cache", "stats", scratch.path("elsewhere").path])
        #expect(none.status == 66)
        #expect(none.standardError.hasPrefix("nianbao: no stage cache at "))
    }

    @Test("--jsonl prints every NAME.json on one line each, in input order")
    func jsonLines() throws {
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        try FileManager.default.copyItem(
            at: repositoryFile("Corpus/web_2019_template.html"), to: inputs.appendingPathComponent("c.html"))
        let run = try runNianbao(["run", inputs.path, "--output", scratch.path("out").path, "--quiet", "--jsonl"])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "", "\(lines.count) lines")
        for (line, name) in zip(lines, ["a", "b", "c"]) {
            let printed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! NSDictionary
            let file = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.path("out/\(name).json")))
            #expect(printed == (file as! NSDictionary), "\(name)")
            #expect(printed["source"] as? String == (name == "c" ? "c.html" : "\(name).txt"))
        }
    }

    @Test("the codebook: nianbao fields prints fields.tsv; --headers zh on a rerun renames reports.csv's columns")
    func codebook() throws {
        let fields = try runNianbao(["fields"])
        #expect(fields.status == 0)
        #expect(
            fields.standardOutput == (try String(contentsOf: repositoryFile("Pipelines/fields.tsv"), encoding: .utf8)))
        let scratch = try Scratch()
        let inputs = try twoReports(in: scratch)
        let out = scratch.path("out")
        #expect(try runNianbao(["run", inputs.path, "--output", out.path, "--quiet"]).status == 0)
        let byID = try String(contentsOf: out.appendingPathComponent("reports.csv"), encoding: .utf8)
        let long = try Data(contentsOf: out.appendingPathComponent("fields.csv"))
        #expect(byID.hasPrefix("source,path,"))
        // Nothing but the headers changes: the documents are reused, reports.csv is written again.
        let rerun = try runNianbao(["run", inputs.path, "--output", out.path, "--quiet", "--headers", "zh"])
        #expect(rerun.status == 0)
        #expect(rerun.standardError.contains("stage results: 8 reused, 0 recomputed"), "\(rerun.standardError)")
        let byLabel = try String(contentsOf: out.appendingPathComponent("reports.csv"), encoding: .utf8)
        #expect(byLabel.hasPrefix("文件,路径,SHA-256,模板,年度,发布机关,"))
        #expect(
            byLabel.components(separatedBy: "\r\n").dropFirst() == byID.components(separatedBy: "\r\n").dropFirst())
        #expect(try Data(contentsOf: out.appendingPathComponent("fields.csv")) == long)
    }

    @Test("shell completion scripts name the commands and their options")
    func completion() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try runNianbao(["--generate-completion-script", shell])
            #expect(script.status == 0)
            for word in ["nianbao", "run", "rules", "fields", "jsonl", "headers"] {
                #expect(script.standardOutput.contains(word), "\(shell): \(word)")
            }
        }
    }

    @Test("one line of JSON: the whitespace between tokens goes, the strings stay as they are")
    func oneLine() {
        let json = "{\n  \"a\": \"x y\\\" \\\\\",\n  \"b\": [\n    1.50,\n    null\n  ]\n}\n"
        #expect(ReportJSON.oneLine(json) == "{\"a\":\"x y\\\" \\\\\",\"b\":[1.50,null]}")
    }

    @Test("rules init writes the built-in rules out for editing, and never over a user's files")
    func rulesInit() throws {
        let scratch = try Scratch()
        let target = scratch.path("mine")
        let first = try runNianbao(["rules", "init", target.path])
        #expect(first.status == 0, "\(first.standardError)")
        for name in BundledRules.names {
            #expect(
                try Data(contentsOf: target.appendingPathComponent(name))
                    == Data(contentsOf: repositoryFile("Pipelines/\(name)")), "\(name)")
        }
        #expect(try runNianbao(["rules", "check", target.path]).status == 0)
        // An edit, then init again: refused, the edit kept.
        let edited = target.appendingPathComponent("validation.yaml")
        try Data("# mine\n".utf8).write(to: edited)
        let again = try runNianbao(["rules", "init", target.path])
        #expect(again.status == 73)
        #expect(again.standardError.contains("already exists"), "\(again.standardError)")
        #expect(try String(contentsOf: edited, encoding: .utf8) == "# mine\n")
    }

    @Test("a rule file with a misspelt key: rules check names file and line, status 65")
    func misspeltRuleKey() throws {
        let scratch = try Scratch()
        let rules = try pipelinesCopy(in: scratch.url, editing: "validation.yaml") {
            $0.replacingOccurrences(of: "    severity: error", with: "    sevrity: error")
        }
        let check = try runNianbao(["rules", "check", rules.path])
        #expect(check.status == 65)
        let line = try #require(
            try String(contentsOf: rules.appendingPathComponent("validation.yaml"), encoding: .utf8)
                .components(separatedBy: "\n").firstIndex { $0.hasPrefix("    sevrity:") })
        #expect(
            check.standardError.hasPrefix(
                "nianbao: invalid rules: \(rules.appendingPathComponent("validation.yaml").path):\(line + 1): unknown key 'sevrity'"
            ), "\(check.standardError)")
    }
}
