import COpenCC
import Foundation

/// Owns one OpenCC converter (`opencc_open` … `opencc_close`): its configuration and dictionaries, loaded
/// once (about 10 ms) and shared by every worker.
///
/// Sharing is safe: `opencc_convert_utf8` only reads the converter (its `SimpleConverter::Convert` is
/// `const`; the dictionaries are marisa tries searched with a fresh agent per call), and OpenCC's
/// maintainer states the converter is thread-safe (OpenCC issue #231, tested in its unit tests). The one
/// shared mutable thing is the static string behind `opencc_error`, written only when a conversion fails,
/// which this class never reads. `SimplifierTests` converts on many threads at once against serial results.
final class OpenCCConverter: @unchecked Sendable {
    let handle: opencc_t
    /// The configuration file it was opened with.
    let configuration: String

    /// Opens `configuration` (a path, or a name OpenCC looks for in its data directory); throws OpenCC's
    /// reason when it cannot (the file, or a dictionary it names, is missing or unreadable).
    init(configuration: String) throws(OpenError) {
        let handle = opencc_open(configuration)
        guard let handle, handle != opencc_t(bitPattern: -1) else {
            throw OpenError(message: opencc_error().map { String(cString: $0) } ?? "unknown error")
        }
        self.handle = handle
        self.configuration = configuration
    }

    struct OpenError: Error { var message: String }

    deinit { opencc_close(handle) }

    /// `text` converted; nil if OpenCC failed (it then leaves the text as it was).
    func convert(_ text: String) -> String? {
        var utf8 = Array(text.utf8)
        guard !utf8.isEmpty else { return text }
        // OpenCC reads up to `length` bytes, or to a NUL: a NUL inside would end the text early.
        guard !utf8.contains(0) else { return nil }
        let output = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { opencc_convert_utf8(handle, $0.baseAddress, $0.count) }
        }
        guard let output else { return nil }
        defer { opencc_convert_utf8_free(output) }
        return String(validatingCString: output)
    }
}
