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

/// Extracts a PDF's positioned glyphs and ruling lines; provided by the PDF binding (NianbaoPDF), so
/// that the core never links poppler.
public typealias GlyphExtractor = @Sendable (_ bytes: [UInt8]) throws(UnreadableDocument) -> [PageGlyphs]

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
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Layout: bytes → lines, by input kind.
    public func layout(_ bytes: [UInt8], kind: InputKind) throws(UnreadableDocument) -> LayoutDocument {
        switch kind {
        case .text:
            return PlainTextReader.read(try TextDecoding.decode(bytes).text)
        case .html:
            let decoded = try TextDecoding.decode(bytes, declared: HTMLReader.declaredCharset(bytes))
            let document = HTMLReader.read(decoded.text)
            try TextDecoding.checkPlausible(document.lines.map(\.text).joined(separator: "\n"))
            return document
        case .pdf:
            guard let pdfReader else { throw UnreadableDocument(.unsupported, "PDF input needs the poppler reader") }
            let pages = try pdfReader(bytes)
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

    public func process(name: String, bytes: [UInt8], kind: InputKind) -> ReportResult {
        let digest = Self.sha256(bytes)
        let layout: LayoutDocument
        do {
            layout = try self.layout(bytes, kind: kind)
        } catch {
            return Self.unreadable(name: name, sha256: digest, error)
        }
        return process(name: name, sha256: digest, layout: layout)
    }

    /// The stages after layout, for a document already laid out.
    public func process(name: String, sha256: String, layout: LayoutDocument) -> ReportResult {
        let clean = cleaner.clean(layout)
        let parsed = parser.parse(clean)
        let validated = validator.validate(parsed)
        let sections = SectionSplitter.split(clean.lines, rules: rules.labels.sections)
        return ReportResult(
            source: name, sha256: sha256, template: parsed.template, year: parsed.year, issuer: parsed.issuer,
            fields: validated.fields, evidence: validated.evidence, findings: layout.findings + validated.findings,
            repairs: clean.repairs,
            text: TextRenderer.render(clean, sections: sections), pages: layout.pageCount)
    }

    /// The result for a document that could not be read: null fields and one error finding saying why.
    public static func unreadable(name: String, sha256: String, _ error: UnreadableDocument) -> ReportResult {
        ReportResult(
            source: name, sha256: sha256,
            findings: [Finding(rule: FindingID.unreadable, severity: .error, message: "\(name): \(error.message)")],
            unreadable: error.kind)
    }
}
