import Foundation

/// Runs the layout stage somewhere a document cannot take the run down with it: the layout stage is where
/// the native libraries work (poppler, libxml2, iconv), and a crash, a hang or a runaway allocation in
/// them cannot be stopped from a thread. The runner provides worker processes (`WorkerPool` in
/// NianbaoRun); the core only says what it asks and what can come back.
public protocol LayoutRunner: Sendable {
    /// The layout stage's outcome for one document, encoded as the stage cache stores it
    /// (`LayoutStage.encodedOutcome`), or why the document got none.
    func layout(_ bytes: [UInt8], kind: InputKind) -> Result<Data, LayoutFailure>
    /// The OCR stage's outcome for a PDF (`OCRStage.encodedOutcome`), or why it got none.
    func ocr(_ bytes: [UInt8]) -> Result<Data, LayoutFailure>
}

/// Why a document's layout did not come back: the worker ran over the document's budget (and was
/// stopped), or died on it. Either way the document is quarantined (`LayoutIsolation`).
public struct LayoutFailure: Error, Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Over its time budget (`--doc-timeout`): the worker was killed.
        case budget
        /// The worker died while on the document: a signal (a crash, or the memory ceiling), or an exit.
        case crash
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The document's outcome: unreadable, for the reason the failure gives.
    var unreadable: UnreadableDocument {
        UnreadableDocument(kind == .budget ? .budget : .crash, message)
    }
}

/// How a pipeline isolates its layout stage: the runner, and the quarantine it keeps in the stage cache.
///
/// A document whose worker died or ran over budget is recorded in the store under a key made of the
/// layout stage's key and `identity` (the executable the workers run): the next run reports it again at
/// once rather than crashing another worker or waiting out another budget, until the input, the layout
/// stage or the executable changes, or `retryFailed` is set.
public struct LayoutIsolation: Sendable {
    public var runner: any LayoutRunner
    /// What the workers run, e.g. the executable's size and modification time.
    public var identity: String
    /// Ignore the quarantine: give every document a worker again.
    public var retryFailed: Bool

    public init(runner: any LayoutRunner, identity: String, retryFailed: Bool = false) {
        self.runner = runner
        self.identity = identity
        self.retryFailed = retryFailed
    }

    func quarantineKey(layoutKey: String) -> String { StageCodec.key("quarantine", layoutKey, identity) }
}
