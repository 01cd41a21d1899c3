/// The pipeline's stages, in the order a document goes through them (`Pipeline.run`).
///
/// A stage's cached result is keyed by the digest of its input, its `version` and the fingerprint of the
/// one rule file it reads (`RuleSet.fingerprints`, the file `pipeline.yaml` names for it): editing a rule
/// file recomputes that stage and what follows, never the stages before it. Adding a stage is a case here
/// (its version and whether it reads rules) and a step in `Pipeline.run`.
public enum Stage: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Bytes → lines of cells: text, HTML, PDF glyphs.
    case layout
    /// Scanned pages, garbled text layers and tables as images, read by OCR (`ocr.yaml`): only for a PDF
    /// whose layout asked for it; its result stands in for the layout's.
    case ocr
    /// Extraction and OCR noise, traditional → simplified, page furniture (`cleanup.yaml`).
    case cleanup
    /// Sections, template, year, issuer, table cells (`labels.yaml`).
    case parse
    /// The template's identities (`validation.yaml`).
    case validate

    /// Bump a stage's version when its code changes what it produces, so that stored results of the old
    /// code are not reused. The cleanup stage's names the converter for traditional characters: results
    /// made with ICU (OpenCC missing) are not reused once OpenCC is there, nor the other way round.
    public var version: String { Self.versions[self]! }

    static let versions: [Stage: String] = [
        .layout: "12",
        .ocr: "9",
        .cleanup: { if case .icu = ChineseText.simplifier { "7-icu" } else { "7" } }(),
        .parse: "20",
        .validate: "14",
    ]

    /// Whether the stage reads a rule file of `Pipelines/` (named in `pipeline.yaml` under its name).
    public var readsRules: Bool { self != .layout }

    /// The stage's name in `pipeline.yaml` and in the run summary.
    public var name: String { rawValue }

    public static func < (a: Stage, b: Stage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
