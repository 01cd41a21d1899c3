import Foundation
import NianbaoSystem

/// How a run's files reach the output folder as one set: every file the run writes (NAME.json, NAME.txt,
/// the corpus files) goes first into a staging folder inside it (`.nianbao-staging`), and only once the
/// run is done, cross-document findings included, are they moved into place (`publish`): a journal
/// naming them is written, each is renamed over its old version, and the journal is removed.
///
/// A run killed before `publish` leaves the outputs of the run before, untouched (its staging folder is
/// removed by the next run); one killed during `publish` leaves the journal, and the next run finishes
/// the moves before anything else (`recover`). So a NAME.json is never seen without its cross-document
/// findings, and the corpus files (`reports.csv`, `findings.csv`, `fields.csv`, `corpus.sqlite`) always come from the same run once a
/// run has started. (Renames are not synced to disk: the set survives a killed process, and a power
/// failure may cost the last run's outputs, never mix them.)
struct OutputPublication: Sendable {
    let output: URL

    static let stagingName = ".nianbao-staging"
    static let journalName = ".nianbao-publishing"

    var staging: URL { output.appendingPathComponent(Self.stagingName) }
    var journal: URL { output.appendingPathComponent(Self.journalName) }

    /// Where the run writes the file that will be `output/name`.
    func staged(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Finishes what a run killed while publishing left (the moves its journal names), and removes what a
    /// run killed earlier staged. Returns how many files it moved into place.
    @discardableResult
    func recover() throws -> Int {
        var moved = 0
        if let names = try? String(contentsOf: journal, encoding: .utf8) {
            let (count, failed) = move(names.split(separator: "\n").map(String.init))
            if let first = failed.first { throw first }
            moved = count
        }
        try? FileManager.default.removeItem(at: staging)
        try? FileManager.default.removeItem(at: journal)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return moved
    }

    /// Moves every staged file into place, as one set (see the type's documentation). Returns the files
    /// that could not be moved (each named with why, e.g. a folder stands where the file goes); every
    /// other file is moved all the same.
    func publish() throws -> [OutputFile.WriteError] {
        let names = try FileManager.default.contentsOfDirectory(atPath: staging.path)
            .filter { !$0.hasPrefix(".") }.sorted()
        var failed: [OutputFile.WriteError] = []
        if !names.isEmpty {
            // The journal is complete or absent: written beside it, then renamed.
            try OutputFile.write(names.joined(separator: "\n") + "\n", to: journal)
            (_, failed) = move(names)
        }
        try? FileManager.default.removeItem(at: journal)
        try? FileManager.default.removeItem(at: staging)
        return failed
    }

    /// Renames each staged file over `output/name`; one already moved (a journal replayed) is skipped.
    private func move(_ names: [String]) -> (moved: Int, failed: [OutputFile.WriteError]) {
        var moved = 0
        var failed: [OutputFile.WriteError] = []
        for name in names where !name.isEmpty && !name.contains("/") {
            let from = staged(name).path, to = output.appendingPathComponent(name).path
            do {
                try Platform.rename(from, to: to)
                moved += 1
            } catch {
                if error != .noSuchFileOrDirectory {
                    failed.append(OutputFile.WriteError(path: to, reason: error.description))
                }
            }
        }
        return (moved, failed)
    }
}
