import Foundation
import NianbaoCore

/// One document to process, with the output name it was given.
public struct InputFile: Sendable {
    public var url: URL
    /// The path as the user would name it (relative to what they passed).
    public var displayPath: String
    public var kind: InputKind?
    /// `NAME` of `NAME.json` and `NAME.txt`: the file's stem, made unique when two inputs share it.
    public var outputName: String
}

/// A problem with an argument itself (a path that does not exist), reported and skipped.
public struct InputProblem: Sendable {
    public var path: String
    public var message: String
}

public enum InputCollector {
    /// `collect(_:excluding:)` with one folder left out (or none).
    public static func collect(
        _ arguments: [String], excluding excluded: URL?
    ) -> (files: [InputFile], problems: [InputProblem]) {
        collect(arguments, excluding: excluded.map { [$0] } ?? [])
    }

    /// Expands files and folders (recursively; *.pdf, *.txt, *.html) into input files, sorted by path.
    /// A file named explicitly is taken whatever its extension (an unknown one becomes a finding).
    ///
    /// The `excluded` folders (the output folder and the cache's) are never searched, however they are
    /// reached: folders are compared by device and inode, so an output folder reached through a symlink
    /// inside an input folder is not read back as input. Symlinks are followed; a folder met twice in
    /// one walk (a symlink loop) is searched once, and a file reached by two paths is read once.
    public static func collect(
        _ arguments: [String], excluding excluded: [URL]
    ) -> (files: [InputFile], problems: [InputProblem]) {
        let skipped = Set(excluded.compactMap { FileNode($0) })
        var files: [(URL, String)] = []
        var problems: [InputProblem] = []
        for argument in arguments {
            guard let node = FileNode(argument) else {
                problems.append(InputProblem(path: argument, message: "no such file or directory"))
                continue
            }
            let root = URL(fileURLWithPath: argument)
            guard node.isDirectory else {
                files.append((root, argument))
                continue
            }
            if skipped.contains(node) {
                problems.append(
                    InputProblem(path: argument, message: "the output or cache folder itself: not searched for reports")
                )
                continue
            }
            var walk = FolderWalk(skipped: skipped)
            walk.visited.insert(node)
            guard walk.search(root, display: argument) else {
                problems.append(InputProblem(path: argument, message: "cannot list the directory"))
                continue
            }
            if walk.found.isEmpty {
                problems.append(
                    InputProblem(path: argument, message: "no reports (*.pdf, *.txt, *.html) in this directory"))
            }
            files += walk.found
        }
        // The same file named twice, or reached by two paths, is read once.
        var seenNodes = Set<FileNode>()
        var seenPaths = Set<String>()
        files = files.filter { url, _ in
            guard let node = FileNode(url) else { return seenPaths.insert(url.standardizedFileURL.path).inserted }
            return seenNodes.insert(node).inserted
        }
        files.sort { $0.1 < $1.1 }
        return (uniqueNames(files), problems)
    }

    /// A depth-first search of a folder for reports, hidden entries skipped, symlinks followed.
    struct FolderWalk {
        /// The output and cache folders.
        let skipped: Set<FileNode>
        /// Folders searched so far: one reached again (a symlink loop, or a link to a folder already
        /// searched) is not searched again.
        var visited = Set<FileNode>()
        var found: [(URL, String)] = []

        /// false when `directory` cannot be listed.
        mutating func search(_ directory: URL, display: String) -> Bool {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return false }
            for name in names.sorted() where !name.hasPrefix(".") {
                let url = directory.appendingPathComponent(name)
                let shown = (display as NSString).appendingPathComponent(name)
                guard let node = FileNode(url) else { continue }
                if node.isDirectory {
                    guard !skipped.contains(node), visited.insert(node).inserted else { continue }
                    _ = search(url, display: shown)
                } else if node.isRegularFile, InputKind(pathExtension: url.pathExtension) != nil {
                    found.append((url, shown))
                }
            }
            return true
        }
    }

    /// The longest `NAME`, in UTF-8 bytes: `NAME.json` must fit in a file name (255 bytes).
    static let maxNameBytes = 255 - ".json".utf8.count

    /// Output names: the stem (`report.pdf` → `report`); where several inputs share a stem, each gets
    /// `-` and the first 8 hex digits of the SHA-256 of its path as given (`report-1a2b3c4d`), so
    /// names are stable from run to run and never overwrite each other.
    ///
    /// Every name is checked against the names already taken, all decided before any file is written:
    /// stems that no other input shares are taken first, as they are; then each suffixed name, in the
    /// inputs' order, takes more hex digits while its name is taken (a literal `report-1a2b3c4d.txt`
    /// beside the `report.txt` whose path hashes to 1a2b3c4d makes that one `report-1a2b3c4d5`).
    /// A stem too long for `NAME.json` to fit is cut at a character boundary and always suffixed, so
    /// that two long names cut alike stay apart. Names of inputs that collide with nothing never change.
    static func uniqueNames(_ files: [(URL, String)]) -> [InputFile] {
        let stems = files.map { $0.0.deletingPathExtension().lastPathComponent }
        var sharing: [String: Int] = [:]
        for stem in stems { sharing[stem, default: 0] += 1 }
        var names = [String?](repeating: nil, count: files.count)
        var taken = Set<String>()
        for (i, stem) in stems.enumerated() where sharing[stem] == 1 && stem.utf8.count <= maxNameBytes {
            names[i] = stem
            taken.insert(stem)
        }
        for i in files.indices where names[i] == nil {
            let digest = Pipeline.sha256(Array(files[i].1.utf8))
            var name: String?
            for digits in 8...digest.count {
                let candidate = "\(cut(stems[i], toBytes: maxNameBytes - 1 - digits))-\(digest.prefix(digits))"
                if taken.insert(candidate).inserted {
                    name = candidate
                    break
                }
            }
            // Every longer digest taken as a name already: only a counter is left.
            var n = 2
            while name == nil {
                let candidate = "\(cut(stems[i], toBytes: maxNameBytes - 66 - String(n).utf8.count))-\(digest)-\(n)"
                if taken.insert(candidate).inserted { name = candidate }
                n += 1
            }
            names[i] = name
        }
        return zip(files, names).map { file, name in
            InputFile(
                url: file.0, displayPath: file.1, kind: InputKind(pathExtension: file.0.pathExtension),
                outputName: name!)
        }
    }

    /// `text`'s longest prefix of at most `bytes` UTF-8 bytes that ends at a character boundary.
    static func cut(_ text: String, toBytes bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var used = 0
        var end = text.startIndex
        for character in text {
            used += character.utf8.count
            guard used <= bytes else { break }
            end = text.index(after: end)
        }
        return String(text[..<end])
    }
}
