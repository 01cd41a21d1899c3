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
    /// Expands files and folders (recursively; *.pdf, *.txt, *.html) into input files, sorted by path.
    /// A file named explicitly is taken whatever its extension (an unknown one becomes a finding).
    public static func collect(
        _ arguments: [String], excluding excluded: URL?
    ) -> (files: [InputFile], problems: [InputProblem]) {
        let fm = FileManager.default
        var files: [(URL, String)] = []
        var problems: [InputProblem] = []
        let excludedPath = excluded?.standardizedFileURL.path
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                problems.append(InputProblem(path: argument, message: "no such file or directory"))
                continue
            }
            let root = URL(fileURLWithPath: argument)
            guard isDirectory.boolValue else {
                files.append((root, argument))
                continue
            }
            guard
                let walker = fm.enumerator(
                    at: root, includingPropertiesForKeys: [.isRegularFileKey],
                    options: [.skipsHiddenFiles])
            else {
                problems.append(InputProblem(path: argument, message: "cannot list the directory"))
                continue
            }
            var found = 0
            for case let url as URL in walker {
                if let excludedPath, url.standardizedFileURL.path.hasPrefix(excludedPath + "/") { continue }
                guard InputKind(pathExtension: url.pathExtension) != nil,
                    (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count)).drop
                { $0 == "/" }
                files.append((url, (argument as NSString).appendingPathComponent(String(relative))))
                found += 1
            }
            if found == 0 {
                problems.append(
                    InputProblem(path: argument, message: "no reports (*.pdf, *.txt, *.html) in this directory"))
            }
        }
        // The same file named twice is read once.
        var seen = Set<String>()
        files = files.filter { seen.insert($0.0.standardizedFileURL.path).inserted }
        files.sort { $0.1 < $1.1 }
        return (uniqueNames(files), problems)
    }

    /// Output names: the stem (`report.pdf` → `report`); where several inputs share a stem, each gets
    /// `-` and the first 8 hex digits of the SHA-256 of its path as given (`report-1a2b3c4d`), so
    /// names are stable from run to run and never overwrite each other.
    static func uniqueNames(_ files: [(URL, String)]) -> [InputFile] {
        var stems: [String: Int] = [:]
        for (url, _) in files { stems[url.deletingPathExtension().lastPathComponent, default: 0] += 1 }
        return files.map { url, display in
            let stem = url.deletingPathExtension().lastPathComponent
            let name = stems[stem, default: 0] > 1 ? "\(stem)-\(Pipeline.sha256(Array(display.utf8)).prefix(8))" : stem
            return InputFile(
                url: url, displayPath: display, kind: InputKind(pathExtension: url.pathExtension), outputName: name)
        }
    }
}
