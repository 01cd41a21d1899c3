import Foundation
import NianbaoCore
#if canImport(Glibc)
import Glibc
#endif

/// What a run wrote at an output path, kept in the stage cache (`SQLiteStageStore.setOutput`) so that the
/// next run rewrites only files whose content changes: the digest of what the files were made of, the
/// cross-document findings added to them, and their sizes and modification times after writing (a file
/// edited, replaced or removed since is written again).
struct OutputRecord: Equatable {
    static let noCarry = "-"

    var digest: String
    /// `noCarry`, or `carry(_:)` of the cross-document findings (carry_chain) NAME.json holds besides its
    /// document's own result.
    var carry: String
    /// `stamp(_:)` of the files.
    var files: String

    init(digest: String, carry: String, files: String) {
        self.digest = digest; self.carry = carry; self.files = files
    }

    init?(_ text: String) {
        let parts = text.split(separator: " ", maxSplits: 2)
        guard parts.count == 3 else { return nil }
        (digest, carry, files) = (String(parts[0]), String(parts[1]), String(parts[2]))
    }

    var text: String { "\(digest) \(carry) \(files)" }

    static func carry(_ findings: [Finding]) -> String {
        Pipeline.sha256(Array(findings.map { "\($0.rule)\t\($0.severity)\t\($0.fields)\t\($0.message)\t\($0.page ?? -1)" }
            .joined(separator: "\n").utf8))
    }

    /// An input file's identity as `stat` sees it: device, inode, size, modification and change times (ns).
    /// Any write to the file changes it (the change time cannot be set back).
    static func inputStamp(_ url: URL) -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            + ":\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// Size and modification time (ns) of each file; nil when one is missing.
    static func stamp(_ urls: URL...) -> String? { stamp(urls) }

    static func stamp(_ urls: [URL]) -> String? {
        var parts: [String] = []
        for url in urls {
            var info = stat()
            guard stat(url.path, &info) == 0 else { return nil }
            parts.append("\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
        }
        return parts.joined(separator: " ")
    }
}
