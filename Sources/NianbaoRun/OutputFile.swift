import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes an output file so that readers see the old file or the new one, never part of one: the bytes
/// go to a temporary file beside it, which is then renamed over it.
///
/// Unlike `Data.write(to:options: .atomic)` it does not `fsync`: outputs can be made again from the
/// inputs and the cache, and a sync per file cost more than the rest of writing them. The stage cache,
/// which a later run trusts, keeps SQLite's own durability.
enum OutputFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func write(_ text: String, to url: URL) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: url) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw WriteError(path: url.path, reason: reason)
            }
            offset += n
        }
        guard close(fd) == 0, rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: url.path, reason: reason)
        }
    }
}
