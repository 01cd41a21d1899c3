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
