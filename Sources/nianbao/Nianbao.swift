import ArgumentParser
import Foundation
import NianbaoCore

@main
struct Nianbao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract:
            "Turns annual reports on government information disclosure (政府信息公开工作年度报告) into cleaned text and validated data.",
        discussion: """
            Exit codes: 0 done; 1 some documents were unreadable or some outputs could not be written, and
            --strict was given; 64 usage error; 65 a rule file in Pipelines/ is invalid; 66 no input documents
            were found; 70 worker processes cannot be started; 73 an output would be written over an input
            (nothing is written), or the output folder cannot be written.
            """,
        subcommands: [RunCommand.self, RulesCommand.self, BenchCommand.self, ExtractCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Exit codes, documented in the README (sysexits.h values where one fits).
enum Exit {
    static let strictFailure = ExitCode(1)
    static let rules = ExitCode(65)
    static let noInput = ExitCode(66)
    /// Worker processes cannot be started (`--in-process` reads without them).
    static let software = ExitCode(70)
    /// EX_CANTCREAT: an output file would be written over an input; the run is refused before writing.
    static let cannotCreate = ExitCode(73)
}

/// Options that locate the rules.
struct RulesOptions: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help:
            "Directory holding pipeline.yaml and its rule files (default: ./Pipelines, else the one beside the nianbao checkout)."
    )
    var directory: String?

    /// The rules directory: as given, else `./Pipelines`, else the `Pipelines/` of the checkout the
    /// executable was built in (`.build/release/nianbao` → `./Pipelines`).
    func resolve() -> URL { Self.resolve(directory) }

    static func resolve(_ directory: String?) -> URL {
        if let directory { return URL(fileURLWithPath: directory) }
        let fm = FileManager.default
        let local = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("Pipelines")
        if fm.fileExists(atPath: local.appendingPathComponent("pipeline.yaml").path) { return local }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("Pipelines")
            if fm.fileExists(atPath: candidate.appendingPathComponent("pipeline.yaml").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return local
    }

    func load() throws -> RuleSet { try Self.load(resolve()) }

    static func load(_ directory: URL) throws -> RuleSet {
        do {
            return try RuleSet.load(directory: directory)
        } catch {
            FileHandle.standardError.write(Data("nianbao: invalid rules: \(error)\n".utf8))
            throw Exit.rules
        }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with the rule files in Pipelines/.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Validate a pipeline directory (or the directory of the given pipeline.yaml) and report errors with line numbers."
        )

        @Argument(help: "pipeline.yaml or its directory (default: the rules the run would use).")
        var path: String?

        func run() throws {
            // Not a `RulesOptions` made by hand: its property wrappers hold values only when parsed.
            let directory =
                path.map { path in
                    let url = URL(fileURLWithPath: path)
                    return url.pathExtension == "yaml" || url.pathExtension == "yml"
                        ? url.deletingLastPathComponent() : url
                } ?? RulesOptions.resolve(nil)
            let rules = try RulesOptions.load(directory)
            let counts =
                "\(rules.cleanup.replacements.count + rules.cleanup.dropLines.count) cleanup rules, "
                + "\(rules.labels.applications.rows.count + rules.labels.active.rows.count) row label sets, "
                + "\(rules.validation.rules.count) validation rules"
            print("\(directory.path): ok (\(counts))")
        }
    }
}
