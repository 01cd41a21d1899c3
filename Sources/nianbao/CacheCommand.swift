import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoStore

/// `nianbao cache stats|prune`: what the stage cache holds, and dropping what no current input or rule
/// uses (everything the last complete run, and the last review site, did not use).
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "The stage cache: what it holds (stats), and pruning what is not used (prune).",
        subcommands: [Stats.self, Prune.self])

    struct Location: ParsableArguments {
        @Argument(help: "The output folder of `nianbao run` (its cache is OUTPUT/.nianbao-cache).")
        var output: String = "out"

        @Option(help: "Directory of the stage cache, when the run was given --cache.")
        var cache: String?

        /// The cache's file; exit 66 with one line when there is none.
        func open() throws -> (SQLiteStageStore, URL) {
            let directory =
                cache.map { URL(fileURLWithPath: $0) }
                ?? URL(fileURLWithPath: output).appendingPathComponent(".nianbao-cache")
            let file = directory.appendingPathComponent(SQLiteStageStore.fileName)
            guard FileManager.default.fileExists(atPath: file.path) else {
                FileHandle.standardError.write(Data("nianbao: no stage cache at \(file.path)\n".utf8))
                throw Exit.noInput
            }
            do { return (try SQLiteStageStore(path: file.path), file) } catch {
                FileHandle.standardError.write(
                    Data("nianbao: cannot open the stage cache \(file.path): \(ErrorText.reason(error))\n".utf8))
                throw Exit.ioError
            }
        }
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }

    static func fileSize(_ file: URL) -> Int64 {
        ["", "-wal"].reduce(Int64(0)) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: file.path + suffix)
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Results per stage, how many the last run used, and their size.")

        @OptionGroup var location: Location

        func run() throws {
            let (store, file) = try location.open()
            let (stages, users) = try store.stats()
            print("cache \(file.path): \(megabytes(fileSize(file))) MB on disk")
            let rows =
                [("stage", "results", "used", "MB")]
                + stages.map { ($0.stage, String($0.results), String($0.used), megabytes($0.bytes)) }
            let width = rows.map(\.0.count).max() ?? 5
            for (stage, results, used, size) in rows {
                print(
                    stage.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                        + [(results, 8), (used, 8), (size, 8)].map {
                            String(repeating: " ", count: max(0, $1 - $0.count)) + $0
                        }
                        .joined(separator: "  "))
            }
            let total = stages.reduce(0) { $0 + $1.results }, used = stages.reduce(0) { $0 + $1.used }
            print(
                users.contains { $0.hasPrefix("run ") }
                    ? "\(total - used) of \(total) results unused by the last run\(users.contains("review") ? " and review site" : ""): `nianbao cache prune` removes them"
                    : "no complete run is recorded in this cache: `nianbao cache prune` would refuse")
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Remove the results the last complete run (and the last review site) did not use: deleted or changed inputs, edited rules, old stage versions."
        )

        @OptionGroup var location: Location

        func run() throws {
            let (store, file) = try location.open()
            let before = fileSize(file)
            do {
                let (removed, bytes) = try store.prune()
                print(
                    "removed \(removed) results (\(megabytes(bytes)) MB of values); \(file.path): \(megabytes(before)) → \(megabytes(fileSize(file))) MB"
                )
            } catch let error as SQLiteStageStore.NotCompacted {
                FileHandle.standardError.write(Data("nianbao: \(file.path): \(error)\n".utf8))
                throw Exit.ioError
            } catch let error as SQLiteStageStore.NoRunRecorded {
                FileHandle.standardError.write(Data("nianbao: \(file.path): \(error)\n".utf8))
                throw Exit.noInput
            }
        }
    }
}
