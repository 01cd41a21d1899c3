import CPoppler
import NianbaoCore
import Synchronization

/// Serialises everything that makes poppler load fonts through FreeType: rendering a page with cairo, and
/// destroying a document that was rendered (which releases its FreeType faces).
///
/// poppler's cairo backend keeps one process-wide `FT_Library` for every document, and FreeType requires
/// `FT_New_Face`/`FT_Done_Face` on a shared library to be serialised. Text extraction (poppler's
/// `TextOutputDev`) does not touch FreeType and runs without this lock.
let cairoRenderLock = Mutex<Void>(())

/// Owns one `PopplerDocument`. Never shared across threads: each call of `PDFExtractor.pages(of:)` opens
/// its own.
final class PDFDocument {
    let pointer: OpaquePointer
    /// Set once a page of this document was rendered with cairo; its teardown then needs `cairoRenderLock`.
    var wasRendered = false

    /// Opens a PDF held in memory. `bytes` must already have passed `PDFExtractor.checkHeader`.
    init(bytes: [UInt8]) throws(UnreadableDocument) {
        let data = bytes.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(data) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(data, nil, &error) else {
            defer { if let error { g_error_free(error) } }
            throw Self.unreadable(error?.pointee)
        }
        pointer = document
    }

    deinit {
        if wasRendered {
            cairoRenderLock.withLock { _ in g_object_unref(UnsafeMutableRawPointer(pointer)) }
        } else {
            g_object_unref(UnsafeMutableRawPointer(pointer))
        }
    }

    var pageCount: Int { Int(poppler_document_get_n_pages(pointer)) }

    /// Maps poppler's `GError` to a finding a person can act on.
    static func unreadable(_ error: GError?) -> UnreadableDocument {
        guard let error else { return UnreadableDocument(.corrupt, "the PDF could not be opened") }
        let detail = error.message.map { String(cString: $0) } ?? "unknown error"
        if error.domain == poppler_error_quark() {
            switch error.code {
            case Int32(POPPLER_ERROR_ENCRYPTED.rawValue):
                return UnreadableDocument(.encrypted, "the PDF is encrypted (password required)")
            case Int32(POPPLER_ERROR_DAMAGED.rawValue), Int32(POPPLER_ERROR_BAD_CATALOG.rawValue):
                return UnreadableDocument(.corrupt, "the PDF is damaged and cannot be read (poppler: \(detail))")
            default:
                break
            }
        }
        return UnreadableDocument(.corrupt, "the PDF cannot be read (poppler: \(detail))")
    }
}

/// Owns one `PopplerPage`, and keeps its document alive for as long as the page exists.
final class PDFPage {
    let document: PDFDocument
    let pointer: OpaquePointer
    /// 1-based.
    let number: Int

    init?(_ document: PDFDocument, index: Int) {
        guard let page = poppler_document_get_page(document.pointer, Int32(index)) else { return nil }
        self.document = document
        self.pointer = page
        self.number = index + 1
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    /// The page as displayed, in points: poppler already swaps width and height for /Rotate 90 and 270.
    var size: (width: Double, height: Double) {
        var width = 0.0, height = 0.0
        poppler_page_get_size(pointer, &width, &height)
        return (width, height)
    }
}
