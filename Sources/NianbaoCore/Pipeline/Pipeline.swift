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
    /// What this pipeline's outputs say made them (`NAME.json`'s `producer`).
    public let producer: Producer
    let cleaner: Cleaner
    let parser: ReportParser
    let validator: Validator
    let layoutStage: LayoutStage
    /// Where the layout stage runs: nil in this process, else in the runner's workers.
    public let isolation: LayoutIsolation?
    /// How scans are read; nil when OCR does not run, `ocrOff` saying why.
    let ocr: OCRSetup?
    let ocrStage: OCRStage?
    public let ocrOff: String

    public init(
        rules: RuleSet, pdfReader: GlyphExtractor? = nil, isolation: LayoutIsolation? = nil, ocr: OCRSetup? = nil,
        ocrOff: String = "OCR is off"
    ) throws {
        self.rules = rules
        self.producer = Producer(rules)
        self.cleaner = try Cleaner(rules: rules.cleanup)
        self.parser = ReportParser(rules: rules.labels)
        self.validator = Validator(rules: rules.validation)
        self.layoutStage = LayoutStage(pdfReader: pdfReader)
        self.isolation = isolation
        self.ocr = ocr
        self.ocrStage = pdfReader.flatMap { pdf in ocr.map { OCRStage(pdfReader: pdf, pageReader: $0.reader) } }
        self.ocrOff = ocrOff
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        StageCodec.hex(SHA256.hash(data: bytes))
    }

    /// Layout: bytes → lines, by input kind (`LayoutStage`).
    public func layout(_ bytes: [UInt8], kind: InputKind) throws(UnreadableDocument) -> LayoutDocument {
        try layoutStage.layout(bytes, kind: kind)
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
    public static let outputVersion = "3"

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

        // layout: the input's bytes → lines of cells, in a worker process when the pipeline isolates the
        // stage. A file that cannot be read now (it vanished), a document quarantined earlier, and one whose
        // worker failed now are unreadable this time only: that is not stored as the stage's result.
        var unreadableNow = false
        let layoutKey = run.key(.layout, input: kind.rawValue + ":" + digest)
        let layout = run.step(Stage.layout.name, key: layoutKey, keep: { !unreadableNow }) {
            () -> (value: StageOutcome<LayoutDocument>, encoded: StoredResult?) in
            if let isolation, let quarantined = Self.quarantined(layoutKey, isolation, store) {
                unreadableNow = true
                return (.unreadable(quarantined), nil)
            }
            switch read() {
            case .failure(let why):
                unreadableNow = true
                return (.unreadable(why), nil)
            case .success(let bytes):
                guard let isolation else { return (layoutStage.outcome(bytes, kind: kind), nil) }
                return Self.fromWorker(
                    isolation.runner.layout(bytes, kind: kind), key: layoutKey, isolation, store, &unreadableNow)
            }
        }
        // ocr: the pages and regions of a PDF the layout could not read from its text layer (scans, garbled
        // fonts, tables as pictures), read by OCR in a worker, a stage cached on its own; its result stands
        // in for the layout's. Whether a PDF needs it is a small value of its own, so that a rerun knows
        // without reading the whole layout back.
        var needsOCR = false
        if kind == .pdf {
            let requests = run.step(
                "layout.ocr", key: StageCodec.key("ocr-requests", layoutKey), counted: false, keep: { !unreadableNow }
            ) { () -> [OCRRequest] in
                guard case .value(let document) = layout.value() else { return [] }
                return document.ocrRequests ?? []
            }
            needsOCR = !requests.value().isEmpty
        }
        var source = layout
        if needsOCR {
            if let ocr, let ocrStage {
                let key = StageCodec.key(run.key(.ocr, input: kind.rawValue + ":" + digest), ocr.engine)
                source = run.step(Stage.ocr.name, key: key, keep: { !unreadableNow }) {
                    () -> (value: StageOutcome<LayoutDocument>, encoded: StoredResult?) in
                    if let isolation, let quarantined = Self.quarantined(key, isolation, store) {
                        unreadableNow = true
                        return (.unreadable(quarantined), nil)
                    }
                    guard case .success(let bytes) = read() else {
                        unreadableNow = true
                        return (
                            .unreadable(UnreadableDocument(.corrupt, "the file could not be read again for OCR")), nil
                        )
                    }
                    guard let isolation else { return (ocrStage.outcome(bytes), nil) }
                    return Self.fromWorker(isolation.runner.ocr(bytes), key: key, isolation, store, &unreadableNow)
                }
            } else {
                let off = ocrOff
                source = StageRun.Step(digest: StageCodec.key("no-ocr", off, layout.digest)) {
                    layout.value().then { OCRStage.withoutOCR($0, why: off) }
                }
            }
        }
        // cleanup: noise, traditional characters, page furniture.
        let cleanup = run.step(.cleanup, after: source) { document in .value(cleaner.clean(document)) }
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
            : StageCodec.key(
                "output", Self.outputVersion, producer.tool, producer.rules, name, digest, parse.digest, text.digest,
                validate.digest)
        return ProcessedDocument(result: result, usage: run.usage, outputDigest: outputDigest, text: text.value)
    }

    /// A worker's answer as the stage's outcome: decoded, or, when the worker failed, unreadable this time
    /// and quarantined under `key`.
    static func fromWorker(
        _ answer: Result<Data, LayoutFailure>, key: String, _ isolation: LayoutIsolation, _ store: StageStore?,
        _ unreadableNow: inout Bool
    ) -> (value: StageOutcome<LayoutDocument>, encoded: StoredResult?) {
        switch answer {
        case .success(let data):
            let stored = StoredResult(digest: StageCodec.digest(data), value: data)
            if let outcome = StageCodec.decode(StageOutcome<LayoutDocument>.self, stored) {
                return (outcome, stored)
            }
            unreadableNow = true
            return (.unreadable(UnreadableDocument(.crash, "the worker's answer could not be decoded")), nil)
        case .failure(let failure):
            unreadableNow = true
            store?.save(
                isolation.quarantineKey(layoutKey: key), stage: "quarantine", result: StageCodec.encode(failure))
            return (.unreadable(failure.unreadable), nil)
        }
    }

    /// Why the document was quarantined (its worker died or ran over budget on an earlier run), unless
    /// `isolation` retries such documents.
    static func quarantined(
        _ layoutKey: String, _ isolation: LayoutIsolation, _ store: StageStore?
    )
        -> UnreadableDocument?
    {
        guard !isolation.retryFailed, let store, let stored = store.load(isolation.quarantineKey(layoutKey: layoutKey)),
            let failure = StageRun.verified(LayoutFailure.self, stored)
        else { return nil }
        var why = failure.unreadable
        why.message += " (on an earlier run; quarantined: --retry-failed tries it again)"
        return why
    }

    /// The cleaned document with the structure of crawled text put back, and its sections.
    func structure(_ cleaned: CleanDocument) -> (CleanDocument, SectionMap) {
        let clean = parser.structure(cleaned)
        return (clean, SectionSplitter.split(clean.lines, rules: rules.labels.sections))
    }

    /// The finding's rule for a document unreadable for `kind`: its own rule for a document over budget or
    /// whose worker died, else `unreadable`.
    static func rule(_ kind: UnreadableDocument.Kind) -> String {
        switch kind {
        case .budget: FindingID.budget
        case .crash: FindingID.crash
        default: FindingID.unreadable
        }
    }

    /// The result for a document that could not be read: null fields and one error finding saying why.
    public static func unreadable(name: String, sha256: String, _ error: UnreadableDocument) -> ReportResult {
        ReportResult(
            source: name, sha256: sha256,
            findings: [Finding(rule: rule(error.kind), severity: .error, message: "\(name): \(error.message)")],
            unreadable: error.kind)
    }
}
