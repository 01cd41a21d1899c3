import Foundation
import NianbaoSystem
import Synchronization

/// Writes an output file so that readers see the old file or the new one, never part of one: the bytes
/// go to a temporary file beside it, which is then renamed over it.
///
/// The temporary file's name is short and does not depend on the target's (`.nianbao-PID-N.tmp`): a
/// name made from the target's could pass the 255 bytes a file name may have when the target's is
/// near that already. A run killed while writing leaves such files; the next run removes them
/// (`removeLeftovers`).
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

    /// Numbers this process's temporary files: no two writes share one, even when several runs write
    /// at once in one process (tests do).
    private static let counter = Atomic<Int>(0)

    /// A temporary name beside `url`, unique within the process.
    static func temporaryURL(beside url: URL) -> URL {
        let n = counter.add(1, ordering: .relaxed).newValue
        return url.deletingLastPathComponent().appendingPathComponent(".nianbao-\(Platform.processID)-\(n).tmp")
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to url: URL) throws {
        let temporary = temporaryURL(beside: url).path
        // The reasons are the `Errno`s' descriptions: strerror's.
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(
                FilePath(temporary), .writeOnly, options: [.create, .truncate, .closeOnExec],
                permissions: FilePermissions(rawValue: 0o644), retryOnInterrupt: false)
        } catch {
            throw WriteError(path: url.path, reason: "\(error)")
        }
        do {
            try fd.write(all: bytes)
        } catch {
            try? fd.close()
            try? Platform.removeFile(temporary)
            throw WriteError(path: url.path, reason: error.description)
        }
        do {
            try fd.close()
            try Platform.rename(temporary, to: url.path)
        } catch {
            try? Platform.removeFile(temporary)
            throw WriteError(path: url.path, reason: "\(error)")
        }
    }

    /// Whether `name` is one of nianbao's temporary names: `.nianbao-PID-N.tmp`, or the older
    /// `.NAME.json.PID.tmp` and `.NAME.txt.PID.tmp`. The writing process's id, or nil.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1 {
            // nianbao-PID-N
            let fields = parts[0].split(separator: "-", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "nianbao", fields[2].allSatisfy(\.isASCIIDigit),
                !fields[2].isEmpty
            else { return nil }
            return pid(fields[1])
        }
        // NAME.json.PID or NAME.txt.PID, NAME itself not empty
        guard parts.count >= 3, ["json", "txt"].contains(parts[parts.count - 2]),
            !parts[..<(parts.count - 2)].joined(separator: ".").isEmpty
        else { return nil }
        return pid(parts[parts.count - 1])
    }

    private static func pid(_ digits: Substring) -> pid_t? {
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return pid_t(digits)
    }

    /// Removes the temporary files a killed run left in `directory`: regular files with one of
    /// nianbao's temporary names (`temporaryOwner`) whose writing process is gone (a run still writing
    /// into the folder keeps its own), and never one of `keeping` (the inputs). Nothing else is touched.
    /// The names removed.
    @discardableResult
    static func removeLeftovers(in directory: URL, keeping: Set<FileNode> = []) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let owner = temporaryOwner(name), owner == Platform.processID || !Platform.processExists(owner)
            else { continue }
            let path = directory.appendingPathComponent(name).path
            if let node = FileNode(path), keeping.contains(node) { continue }
            guard FileStatus(path, followingSymlinks: false)?.isRegularFile == true,
                (try? Platform.removeFile(path)) != nil
            else { continue }
            removed.append(name)
        }
        return removed
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
