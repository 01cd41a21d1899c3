import Foundation
import NianbaoStore

/// What a run checks and tidies in its output folder before it writes anything.
///
/// A run writes NAME.json and NAME.txt of every document, the corpus files and the stage cache. If any
/// of those is one of the inputs (`nianbao run d/report.txt --output d` makes `d/report.txt` the cleaned
/// text of `d/report.txt`), the run is refused as a whole, before a single file is written: writing the
/// other documents and leaving out that one would make a run's outputs depend on where they are put.
public enum OutputGuard {
    /// An output that is an input.
    public struct Overwrite: Error, CustomStringConvertible, Sendable {
        /// The output's path, in the output folder as given.
        public var output: String
        /// The input's path as given.
        public var input: String
        public var description: String {
            "refusing to run: the output \(output) would be written over the input \(input) (choose another --output)"
        }
    }

    /// Every file a run writes for `files` into `output`, and the stage cache's files (`cacheFile` is
    /// `stages.sqlite`; nil without a cache).
    static func outputs(files: [InputFile], output: URL, cacheFile: URL?) -> [URL] {
        var urls: [URL] = []
        urls.reserveCapacity(2 * files.count + 6)
        for file in files {
            urls.append(output.appendingPathComponent(file.outputName + ".json"))
            urls.append(output.appendingPathComponent(file.outputName + ".txt"))
        }
        urls += CorpusDatabase.fileNames.map { output.appendingPathComponent($0) }
        if let cacheFile {
            let name = cacheFile.lastPathComponent
            urls += ["", "-wal", "-shm", "-journal"].map {
                cacheFile.deletingLastPathComponent().appendingPathComponent(name + $0)
            }
        }
        return urls
    }

    /// The first output that is the same file as an input: the same device and inode (hard links,
    /// symlinks), or the same path once symlinks are resolved. nil when none is.
    public static func overwrite(files: [InputFile], output: URL, cacheFile: URL?) -> Overwrite? {
        var byNode: [FileNode: String] = [:]
        var byPath: [String: String] = [:]
        for file in files {
            if let node = FileNode(file.url) { byNode[node] = byNode[node] ?? file.displayPath }
            if let path = FileNode.resolvedPath(file.url.path) { byPath[path] = byPath[path] ?? file.displayPath }
        }
        for url in outputs(files: files, output: output, cacheFile: cacheFile) {
            let input =
                FileNode(url).flatMap { byNode[$0] } ?? FileNode.resolvedPath(url.path).flatMap { byPath[$0] }
            if let input { return Overwrite(output: url.relativePath, input: input) }
        }
        return nil
    }

    /// Before a run writes anything: refuses it when it would write over an input (`overwrite`), then
    /// removes the temporary files a killed run left in the output folder (`OutputFile.removeLeftovers`;
    /// never an input). The names removed.
    @discardableResult
    public static func prepare(files: [InputFile], output: URL, cacheFile: URL?) throws(Overwrite) -> [String] {
        if let overwrite = overwrite(files: files, output: output, cacheFile: cacheFile) { throw overwrite }
        return OutputFile.removeLeftovers(in: output, keeping: Set(files.compactMap { FileNode($0.url) }))
    }
}
