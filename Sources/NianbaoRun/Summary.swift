import Foundation
import NianbaoCore

/// Counts for the end-of-run summary.
public struct Summary: CustomStringConvertible, Sendable {
    public var documents = 0
    public var withErrors = 0
    public var withWarnings = 0
    public var unreadable = 0
    /// Documents whose NAME.json or NAME.txt could not be written (or whose corpus rows could not be
    /// added): never counted as written or unchanged.
    public var writeFailures = 0
    /// Their output names (`NAME`).
    public var notWritten: Set<String> = []
    /// The corpus files could not be written.
    public var corpusFailed = false
    public var elapsed: Double = 0
    public var usage = StageUsage()
    /// Documents whose NAME.json and NAME.txt already held their result and were left alone.
    public var outputsUnchanged = 0
    /// No document's output changed, and the corpus files were left alone.
    public var corpusUnchanged = false
    /// Stored results and ledger rows found damaged, and recomputed.
    public var cacheDamaged = 0

    /// Documents whose files this run wrote: each document is exactly one of written, unchanged and not
    /// written.
    public var outputsWritten: Int { max(0, documents - outputsUnchanged - writeFailures) }

    /// Whether `--strict` fails the run: a document unreadable, or any file it should have written not
    /// written.
    public var failsStrict: Bool { unreadable > 0 || writeFailures > 0 || corpusFailed }

    public var description: String {
        var s = String(
            format: "nianbao: %d document%@ in %.2f s: %d with errors, %d with warnings, %d unreadable",
            documents, documents == 1 ? "" : "s", elapsed, withErrors, withWarnings, unreadable)
        if writeFailures > 0 { s += ", \(writeFailures) not written" }
        let stages = Stage.allCases
        let reused = stages.map { usage.reused[$0, default: 0] }.reduce(0, +)
        let computed = stages.map { usage.computed[$0, default: 0] }.reduce(0, +)
        s +=
            "\nnianbao: stage results: \(reused) reused, \(computed) recomputed ("
            + stages.map { "\($0.name) \(usage.reused[$0, default: 0])/\(usage.computed[$0, default: 0])" }.joined(
                separator: ", ")
            + " reused/recomputed)"
        if cacheDamaged > 0 { s += "; \(cacheDamaged) cache entries damaged, recomputed" }
        s += "\nnianbao: outputs: \(outputsWritten) written, \(outputsUnchanged) unchanged"
        if writeFailures > 0 { s += ", \(writeFailures) not written" }
        s += "; corpus files " + (corpusFailed ? "not written" : corpusUnchanged ? "unchanged" : "written")
        return s
    }
}
