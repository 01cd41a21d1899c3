/// Why a document could not be read at all. Each case becomes an `error` finding with null fields.
public struct UnreadableDocument: Error, Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case empty, binary, encoding, garbled, notPDF = "not_pdf", encrypted, corrupt, noTextLayer = "no_text_layer",
            unsupported, io
        /// The document ran over its budget (`LayoutFailure`), or the worker reading it died.
        case budget, crash
    }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
