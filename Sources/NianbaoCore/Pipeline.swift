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

/// Turns a PDF into lines; provided by the executable, which owns the poppler binding.
public typealias PDFLayoutReader = @Sendable (_ bytes: [UInt8]) throws(UnreadableDocument) -> LayoutDocument

/// One document's way through the stages: layout → cleanup → parse → validate.
///
/// A `Pipeline` is immutable and `Sendable`: workers share one. Every problem of a document ends as a
/// finding in its result; `process` never throws.
public struct Pipeline: Sendable {
    public let rules: RuleSet
    let cleaner: Cleaner
    let parser: ReportParser
    let validator: Validator
    let pdfReader: PDFLayoutReader?

    public init(rules: RuleSet, pdfReader: PDFLayoutReader? = nil) throws {
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
            return try pdfReader(bytes)
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
            fields: validated.fields, evidence: validated.evidence, findings: validated.findings, repairs: clean.repairs,
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
