import Foundation
import NianbaoCore

/// Counts for the end-of-run summary.
public struct Summary: CustomStringConvertible, Sendable {
    public var documents = 0
    public var withErrors = 0
    public var withWarnings = 0
    public var unreadable = 0
    public var writeFailures = 0
    public var elapsed: Double = 0
    public var usage = StageUsage()
    /// Documents whose NAME.json and NAME.txt already held their result and were left alone.
    public var outputsUnchanged = 0
    /// No document's output changed, and the corpus files were left alone.
    public var corpusUnchanged = false
    /// Stored results and ledger rows found damaged, and recomputed.
    public var cacheDamaged = 0

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
        s +=
            "\nnianbao: outputs: \(documents - outputsUnchanged) written, \(outputsUnchanged) unchanged; corpus files "
            + (corpusUnchanged ? "unchanged" : "written")
        return s
    }
}
