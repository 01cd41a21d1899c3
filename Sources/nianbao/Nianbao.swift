import ArgumentParser
import Foundation
import NianbaoCore

@main
struct Nianbao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract:
            "Turns annual reports on government information disclosure (政府信息公开工作年度报告) into cleaned text and validated data.",
        discussion:
            "Exit codes: 0 done (documents with findings included); 1 some documents were unreadable and --strict "
            + "was given; 64 usage error; 65 a rule file is invalid; 66 an input named on the command line does not "
            + "exist or holds no reports (the others are processed), or no input holds any report; 70 worker "
            + "processes cannot be started; 73 an output would be written over an input (nothing is written), or "
            + "the output folder cannot be made; 74 some documents' files or the corpus files could not be written "
            + "(the messages name them).",
        // `--version`'s text loads the rules: only when it is asked for (any other run has the flag, and
        // its text unused).
        version: CommandLine.arguments.contains("--version") ? versionText() : NianbaoVersion.string,
        subcommands: [
            RunCommand.self, ShowCommand.self, ReviewCommand.self, RulesCommand.self, FieldsCommand.self,
            CacheCommand.self, MergeCommand.self, BenchCommand.self, ExtractCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// What made a dataset: the tool's version, and the rules a run here would use (`--rules DIR` when
    /// given with `--version`) with their fingerprint (`RuleSet.fingerprint`).
    static func versionText() -> String {
        let arguments = CommandLine.arguments
        var directory = arguments.firstIndex(of: "--rules").flatMap {
            arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil
        }
        if let given = arguments.first(where: { $0.hasPrefix("--rules=") }) { directory = String(given.dropFirst(8)) }
        let source = RulesOptions.resolve(directory)
        let rules: String
        do {
            rules = "rules \(try RuleSet.load(from: source).fingerprint) (\(source))"
        } catch {
            rules = "rules invalid: \(error)"
        }
        return "nianbao \(NianbaoVersion.string)\n\(rules)"
    }
}

/// Exit codes, documented in the README (sysexits.h values where one fits).
enum Exit {
    static let strictFailure = ExitCode(1)
    /// EX_DATAERR: a rule file is invalid.
    static let rules = ExitCode(65)
    /// EX_DATAERR: the file given to `show` is neither a report nianbao reads nor a NAME.json.
    static let badInput = ExitCode(65)
    static let noInput = ExitCode(66)
    /// Worker processes cannot be started (`--in-process` reads without them).
    static let software = ExitCode(70)
    /// EX_CANTCREAT: an output file would be written over an input; the run is refused before writing.
    static let cannotCreate = ExitCode(73)
    /// EX_IOERR: some outputs could not be written (a full disk, a folder made read-only mid-run).
    static let ioError = ExitCode(74)
}

/// Options that locate the rules.
struct RulesOptions: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help:
            "Directory holding pipeline.yaml and its rule files (default: ./Pipelines, else the checkout's, else the rules built into nianbao)."
    )
    var directory: String?

    /// The rules: the directory given, else `./Pipelines` when it holds a `pipeline.yaml`, else the
    /// `Pipelines/` of the checkout the executable stands in (`.build/release/nianbao`), else the rules
    /// built into nianbao (the copy `Scripts/generate_bundled_rules.py` made of `Pipelines/`).
    func resolve() -> RuleSource { Self.resolve(directory) }

    static func resolve(_ directory: String?) -> RuleSource {
        if let directory { return .directory(URL(fileURLWithPath: directory)) }
        let fm = FileManager.default
        let local = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("Pipelines")
        if fm.fileExists(atPath: local.appendingPathComponent("pipeline.yaml").path) { return .directory(local) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("Pipelines")
            if fm.fileExists(atPath: candidate.appendingPathComponent("pipeline.yaml").path) {
                return .directory(candidate)
            }
            dir = dir.deletingLastPathComponent()
        }
        return .builtIn
    }

    func load() throws -> RuleSet { try Self.load(resolve()) }

    static func load(_ source: RuleSource) throws -> RuleSet {
        do {
            return try RuleSet.load(from: source)
        } catch {
            FileHandle.standardError.write(Data("nianbao: invalid rules: \(error)\n".utf8))
            throw Exit.rules
        }
    }
}

/// `nianbao fields`: the codebook.
struct FieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract:
            "Print the codebook: every field of the template (id, section, templates, type, label), as Pipelines/fields.tsv."
    )

    func run() { print(FieldCatalog.tsv, terminator: "") }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with the rule files in Pipelines/.", subcommands: [Check.self, Init.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Validate a pipeline directory (or the directory of the given pipeline.yaml) and report errors with line numbers."
        )

        @Argument(help: "pipeline.yaml or its directory (default: the rules the run would use).")
        var path: String?

        func run() throws {
            // Not a `RulesOptions` made by hand: its property wrappers hold values only when parsed.
            let source =
                path.map { path in
                    let url = URL(fileURLWithPath: path)
                    return .directory(
                        url.pathExtension == "yaml" || url.pathExtension == "yml"
                            ? url.deletingLastPathComponent() : url)
                } ?? RulesOptions.resolve(nil)
            let rules = try RulesOptions.load(source)
            let counts =
                "\(rules.cleanup.replacements.count + rules.cleanup.dropLines.count) cleanup rules, "
                + "\(rules.labels.applications.rows.count + rules.labels.active.rows.count) row label sets, "
                + "\(rules.validation.rules.count) validation rules"
            print("\(source): ok (\(counts))")
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write the rules built into nianbao into a folder, for editing (then run with --rules DIR, or from the folder holding Pipelines/)."
        )

        @Argument(help: "The folder to write pipeline.yaml and its rule files into (made if missing).")
        var directory: String = "Pipelines"

        func run() throws {
            do {
                for file in try BundledRules.write(to: URL(fileURLWithPath: directory)) { print(file.path) }
            } catch {
                FileHandle.standardError.write(Data("nianbao: \(error)\n".utf8))
                throw Exit.cannotCreate
            }
        }
    }
}
