import Crypto
import Foundation

/// The kinds of input the pipeline reads, by file extension.
public enum InputKind: String, Sendable, Hashable, CaseIterable {
    case text, html, pdf

    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "txt", "text", "md": self = .text
        case "html", "htm", "xhtml", "shtml": self = .html
        case "pdf": self = .pdf
        default: return nil
        }
    }
}

/// Extracts a PDF's positioned glyphs, and the ruling lines of the pages `wantsRulingLines` asks for;
/// provided by the PDF binding (NianbaoPDF), so that the core never links poppler.
public typealias GlyphExtractor = @Sendable (_ bytes: [UInt8], _ wantsRulingLines: ([Glyph]) -> Bool) throws(UnreadableDocument)
    -> [PageGlyphs]

/// One document's way through the stages: layout → cleanup → parse → validate.
///
/// A `Pipeline` is immutable and `Sendable`: workers share one. Every problem of a document ends as a
/// finding in its result; `process` never throws.
public struct Pipeline: Sendable {
    public let rules: RuleSet
    let cleaner: Cleaner
    let parser: ReportParser
    let validator: Validator
    let pdfReader: GlyphExtractor?
    let pageLayout = PageLayout()

    public init(rules: RuleSet, pdfReader: GlyphExtractor? = nil) throws {
        self.rules = rules
        self.cleaner = try Cleaner(rules: rules.cleanup)
        self.parser = ReportParser(rules: rules.labels)
        self.validator = Validator(rules: rules.validation)
        self.pdfReader = pdfReader
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        StageCodec.hex(SHA256.hash(data: bytes))
    }

    /// Layout: bytes → lines, by input kind.
    public func layout(_ bytes: [UInt8], kind: InputKind) throws(UnreadableDocument) -> LayoutDocument {
        switch kind {
        case .text:
            return PlainTextReader.read(try TextDecoding.decode(bytes).text)
        case .html:
            // The page is decoded (its charset from the BOM or its own declaration) and parsed; whether it
            // is Chinese text is judged on the text it shows, never on its markup.
            let decoded = try TextDecoding.decodeMarkup(bytes, declared: HTMLReader.declaredCharset(bytes))
            let document = HTMLReader.read(decoded.text)
            try TextDecoding.checkPlausible(document.lines.map(\.text).joined(separator: "\n"))
            return document
        case .pdf:
            guard let pdfReader else { throw UnreadableDocument(.unsupported, "PDF input needs the poppler reader") }
            let pages = try pdfReader(bytes, PageLayout.mayHoldTable)
            guard pages.contains(where: { $0.glyphs.contains { !$0.character.isWhitespace } }) else {
                throw UnreadableDocument(.noTextLayer, "the PDF has no text layer (\(pages.count) page\(pages.count == 1 ? "" : "s") of images: a scan, OCR needed)")
            }
            let document = pageLayout.layout(pages)
            do {
                try TextDecoding.checkPlausible(document.lines.map(\.text).joined(separator: "\n"))
            } catch {
                throw UnreadableDocument(.garbled, "the PDF's text layer is garbled (a broken font encoding): \(error.message)")
            }
            return document
        }
    }

    /// Each stage's own version: bump it when the stage's code changes what it produces, so that
    /// stored results of the old code are not reused.
    /// The cleanup stage's version names the converter for traditional characters: results made with
    /// ICU (OpenCC missing) are not reused once OpenCC is there, nor the other way round.
    public static let stageVersions = [
        "layout": "7",
        "cleanup": { if case .icu = ChineseText.simplifier { "5-icu" } else { "5" } }(),
        "parse": "11", "validate": "10",
    ]

    public func process(name: String, bytes: [UInt8], kind: InputKind) -> ReportResult {
        process(name: name, bytes: bytes, kind: kind, store: nil).result
    }

    /// `run`, with the text loaded: the whole result.
    public func process(name: String, bytes: [UInt8], kind: InputKind, store: StageStore?)
        -> (result: ReportResult, usage: StageUsage)
    {
        let document = run(name: name, bytes: bytes, kind: kind, store: store)
        return (document.withText(), document.usage)
    }

    /// Version of what `ProcessedDocument.outputDigest` covers beyond the stage results: bump it when
    /// NAME.json or NAME.txt are written differently from the same result.
    public static let outputVersion = "2"

    /// Runs the stages, taking each stage's result from `store` where the stage's input, version and
    /// rules are unchanged, and saving what it computes. A stage's key is the digest of its input (the
    /// previous stage's result), its version and the fingerprint of the one rule file it reads, so
    /// editing validation.yaml recomputes validation only, and a cleanup rule that changes nothing in
    /// a document's cleaned text leaves its parse and validation reused.
    ///
    /// The parse stage keeps the rendered text (NAME.txt) as a separate stored value, read only when
    /// the caller asks for it (`ProcessedDocument.withText()`): a rerun whose outputs do not change
    /// never reads it.
    public func run(name: String, bytes: [UInt8], kind: InputKind, store: StageStore?) -> ProcessedDocument {
        run(name: name, digest: Self.sha256(bytes), kind: kind, store: store) { .success(bytes) }
    }

    /// `run` for an input whose digest is already known (a file unchanged since it was last read): `read`
    /// is called only if the layout stage has to be computed. When it fails (the file cannot be read now),
    /// the document is unreadable this time, and that is not stored.
    public func run(name: String, digest: String, kind: InputKind, store: StageStore?,
                    read: @escaping () -> Result<[UInt8], UnreadableDocument>) -> ProcessedDocument {
        var run = StageRun(store: store)
        let versions = Self.stageVersions
        func key(_ stage: String, _ input: String) -> String {
            StageCodec.key(stage, versions[stage] ?? "", rules.fingerprints[stage] ?? "", input)
        }

        var unreadableNow = false
        let layout = run.step("layout", key: key("layout", kind.rawValue + ":" + digest), keep: { !unreadableNow }) { () -> LayoutOutcome in
            let bytes: [UInt8]
            switch read() {
            case .success(let b): bytes = b
            case .failure(let error):
                unreadableNow = true
                return .unreadable(kind: error.kind, message: error.message)
            }
            do throws(UnreadableDocument) { return .document(try self.layout(bytes, kind: kind).roundedForStorage()) } catch {
                return .unreadable(kind: error.kind, message: error.message)
            }
        }
        let cleanup = run.step("cleanup", key: key("cleanup", layout.digest)) { () -> CleanupOutcome in
            switch layout.value() {
            case .document(let document): return .document(cleaner.clean(document), layoutFindings: document.findings)
            case .unreadable(let kind, let message): return .unreadable(kind: kind, message: message)
            }
        }
        /// The cleaned document split into sections, or nil for an unreadable one.
        func sections() -> (CleanDocument, SectionMap, [Finding])? {
            guard case .document(let cleaned, let layoutFindings) = cleanup.value() else { return nil }
            let clean = parser.structure(cleaned)
            return (clean, SectionSplitter.split(clean.lines, rules: rules.labels.sections), layoutFindings)
        }
        let parseKey = key("parse", cleanup.digest)
        var renderedText: String?
        let parse = run.step("parse", key: parseKey) { () -> ParseStageOutcome in
            guard let (clean, sections, layoutFindings) = sections() else {
                if case .unreadable(let kind, let message) = cleanup.value() { return .unreadable(kind: kind, message: message) }
                return .unreadable(kind: .corrupt, message: "no document")
            }
            renderedText = TextRenderer.render(clean, sections: sections)
            return .parsed(ParseOutcome(
                report: parser.parse(clean, sections: sections), repairs: clean.repairs, pages: clean.pageCount,
                layoutFindings: layoutFindings))
        }
        let text = run.step("parse.text", key: StageCodec.key("text", parseKey), counted: false) { () -> String in
            if let renderedText { return renderedText }
            guard let (clean, sections, _) = sections() else { return "" }
            return TextRenderer.render(clean, sections: sections)
        }
        let validate = run.step("validate", key: key("validate", parse.digest)) { () -> Validator.Validation in
            guard case .parsed(let parsed) = parse.value() else { return Validator.Validation(choices: [], findings: []) }
            return validator.check(parsed.report)
        }

        var result: ReportResult
        switch parse.value() {
        case .unreadable(let kind, let message):
            result = Self.unreadable(name: name, sha256: digest, UnreadableDocument(kind, message))
        case .parsed(let parsed):
            let validation = validate.value()
            let (fields, evidence) = Validator.apply(validation, to: parsed.report)
            result = ReportResult(
                source: name, sha256: digest, template: parsed.report.template, year: parsed.report.year,
                issuer: parsed.report.issuer, fields: fields, evidence: evidence,
                findings: parsed.layoutFindings + parsed.report.findings + validation.findings,
                repairs: parsed.repairs, pages: parsed.pages)
            result.published = parsed.report.published
        }
        let outputDigest = store == nil ? nil
            : StageCodec.key("output", Self.outputVersion, name, digest, parse.digest, text.digest, validate.digest)
        return ProcessedDocument(result: result, usage: run.usage, outputDigest: outputDigest, text: text.value)
    }

    /// The result for a document that could not be read: null fields and one error finding saying why.
    public static func unreadable(name: String, sha256: String, _ error: UnreadableDocument) -> ReportResult {
        ReportResult(
            source: name, sha256: sha256,
            findings: [Finding(rule: FindingID.unreadable, severity: .error, message: "\(name): \(error.message)")],
            unreadable: error.kind)
    }
}
