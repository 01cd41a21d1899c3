import Crypto
import Foundation

/// Extracts a PDF's positioned glyphs, and the ruling lines of the pages `wantsRulingLines` asks for;
/// provided by the PDF binding (NianbaoPDF), so that the core never links poppler.
public typealias GlyphExtractor =
    @Sendable (_ bytes: [UInt8], _ wantsRulingLines: ([Glyph]) -> Bool) throws(UnreadableDocument)
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
            let decoded = try TextDecoding.decode(bytes)
            var document = PlainTextReader.read(decoded.text)
            document.findings = decoded.findings + document.findings
            return document
        case .html:
            // The page is decoded (its charset from the BOM or its own declaration) and parsed; whether it
            // is Chinese text is judged on the text it shows, never on its markup.
            let decoded = try TextDecoding.decodeMarkup(bytes, declared: HTMLReader.declaredCharset(bytes))
            var document = HTMLReader.read(decoded.text)
            document.findings = decoded.findings + document.findings
            try TextDecoding.checkPlausible(document.lines.map(\.text).joined(separator: "\n"))
            return document
        case .pdf:
            guard let pdfReader else { throw UnreadableDocument(.unsupported, "PDF input needs the poppler reader") }
            let pages = try pdfReader(bytes, PageLayout.mayHoldTable)
            guard pages.contains(where: { $0.glyphs.contains { !$0.character.isWhitespace } }) else {
                throw UnreadableDocument(
                    .noTextLayer,
                    "the PDF has no text layer (\(pages.count) page\(pages.count == 1 ? "" : "s") of images: a scan, OCR needed)"
                )
            }
            let document = pageLayout.layout(pages)
            do {
                try TextDecoding.checkPlausible(document.lines.map(\.text).joined(separator: "\n"))
            } catch {
                throw UnreadableDocument(
                    .garbled, "the PDF's text layer is garbled (a broken font encoding): \(error.message)")
            }
            return document
        }
    }

    public func process(name: String, bytes: [UInt8], kind: InputKind) -> ReportResult {
        process(name: name, bytes: bytes, kind: kind, store: nil).result
    }

    /// `run`, with the text loaded: the whole result.
    public func process(
        name: String, bytes: [UInt8], kind: InputKind, store: StageStore?
    )
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
    public func run(
        name: String, digest: String, kind: InputKind, store: StageStore?,
        read: @escaping () -> Result<[UInt8], UnreadableDocument>
    ) -> ProcessedDocument {
        var run = StageRun(store: store, fingerprints: rules.fingerprints)

        // layout: the input's bytes → lines of cells. A file that cannot be read now (it vanished) is
        // unreadable this time only: that is not stored.
        var unreadableNow = false
        let layout = run.step(
            Stage.layout.name, key: run.key(.layout, input: kind.rawValue + ":" + digest),
            keep: { !unreadableNow }
        ) { () -> StageOutcome<LayoutDocument> in
            switch read() {
            case .failure(let why):
                unreadableNow = true
                return .unreadable(why)
            case .success(let bytes):
                do throws(UnreadableDocument) {
                    return .value(try self.layout(bytes, kind: kind).roundedForStorage())
                } catch {
                    return .unreadable(error)
                }
            }
        }
        // cleanup: noise, traditional characters, page furniture.
        let cleanup = run.step(.cleanup, after: layout) { document in .value(cleaner.clean(document)) }
        // parse: sections, template, year, issuer, the tables' cells and the rows left open; the text of
        // NAME.txt is rendered here and stored beside the result, read only when a file is written.
        var renderedText: String?
        let parse = run.step(.parse, after: cleanup) { cleaned -> StageOutcome<ParseOutcome> in
            let (clean, sections) = self.structure(cleaned)
            renderedText = TextRenderer.render(clean, sections: sections)
            return .value(
                ParseOutcome(
                    report: parser.parse(clean, sections: sections), repairs: clean.repairs, pages: clean.pageCount,
                    layoutFindings: clean.layoutFindings))
        }
        let text = run.step(
            "parse.text", key: StageCodec.key("text", run.key(.parse, input: cleanup.digest)),
            counted: false
        ) { () -> String in
            if let renderedText { return renderedText }
            guard case .value(let cleaned) = cleanup.value() else { return "" }
            let (clean, sections) = self.structure(cleaned)
            return TextRenderer.render(clean, sections: sections)
        }
        // validate: the readings of open rows chosen, the identities checked.
        let validate = run.step(.validate, after: parse) { parsed in .value(validator.check(parsed.report)) }

        var result: ReportResult
        switch (parse.value(), validate.value()) {
        case (.value(let parsed), .value(let validation)):
            let (fields, evidence) = Validator.apply(validation, to: parsed.report)
            result = ReportResult(
                source: name, sha256: digest, template: parsed.report.template, year: parsed.report.year,
                issuer: parsed.report.issuer, fields: fields, evidence: evidence,
                findings: parsed.layoutFindings + parsed.report.findings + validation.findings,
                repairs: parsed.repairs, pages: parsed.pages)
            result.published = parsed.report.published
        case (.unreadable(let why), _), (_, .unreadable(let why)):
            result = Self.unreadable(name: name, sha256: digest, why)
        }
        let outputDigest =
            store == nil
            ? nil
            : StageCodec.key("output", Self.outputVersion, name, digest, parse.digest, text.digest, validate.digest)
        return ProcessedDocument(result: result, usage: run.usage, outputDigest: outputDigest, text: text.value)
    }

    /// The cleaned document with the structure of crawled text put back, and its sections.
    func structure(_ cleaned: CleanDocument) -> (CleanDocument, SectionMap) {
        let clean = parser.structure(cleaned)
        return (clean, SectionSplitter.split(clean.lines, rules: rules.labels.sections))
    }

    /// The result for a document that could not be read: null fields and one error finding saying why.
    public static func unreadable(name: String, sha256: String, _ error: UnreadableDocument) -> ReportResult {
        ReportResult(
            source: name, sha256: sha256,
            findings: [Finding(rule: FindingID.unreadable, severity: .error, message: "\(name): \(error.message)")],
            unreadable: error.kind)
    }
}
