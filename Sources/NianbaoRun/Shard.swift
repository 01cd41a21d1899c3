import Foundation
import NianbaoCore

/// One part of a corpus that one of many processes runs (`run --shard K/N`): the inputs whose stable key,
/// the SHA-256 of the input's path as given (as for output names), falls in part K of N. Every process
/// lists the whole corpus, so output names are those of a run over all of it; `merge` puts the parts
/// together.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// From 0.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `K/N`, K from 0 to N − 1.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else {
            return nil
        }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard the cluster's engine gives this process: a Kubernetes Indexed Job's
    /// `JOB_COMPLETION_INDEX`, or a Slurm array task's `SLURM_ARRAY_TASK_ID` (less `SLURM_ARRAY_TASK_MIN`);
    /// the count from `count`, else `SLURM_ARRAY_TASK_COUNT`, else `NIANBAO_SHARD_COUNT` (which a Job's
    /// manifest sets to its `completions`). nil, with why, when the environment does not say.
    public static func fromEnvironment(
        _ environment: [String: String], count given: Int? = nil
    ) -> Result<
        Shard, ShardError
    > {
        let index: Int
        if let k = environment["JOB_COMPLETION_INDEX"].flatMap({ Int($0) }) {
            index = k
        } else if let task = environment["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) {
            index = task - (environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0)
        } else {
            return .failure(
                ShardError(
                    "--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm array) is set"
                ))
        }
        guard
            let count = given ?? environment["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) })
                ?? environment["NIANBAO_SHARD_COUNT"].flatMap({ Int($0) })
        else {
            return .failure(
                ShardError(
                    "--shard auto: the number of shards is unknown: give --shard auto/N, or set NIANBAO_SHARD_COUNT"))
        }
        guard count >= 1, index >= 0, index < count else {
            return .failure(ShardError("--shard auto: shard \(index) of \(count) does not exist"))
        }
        return .success(Shard(index: index, count: count))
    }

    /// Whether `file` is in this shard.
    public func contains(_ file: InputFile) -> Bool {
        Self.key(file.displayPath) % UInt64(count) == UInt64(index)
    }

    /// The first 8 bytes of the SHA-256 of `path`, as a number.
    static func key(_ path: String) -> UInt64 {
        let hex = Pipeline.sha256(Array(path.utf8))
        return UInt64(hex.prefix(16), radix: 16) ?? 0
    }
}

public struct ShardError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What a shard's run leaves beside its outputs (`shard.json`), for `merge`: which shard, of which corpus,
/// made by what, which documents (their places in the whole corpus), and whether the run finished with
/// every file written. Removed when a shard's run starts, written when it ends: a shard killed mid-run
/// has none.
public struct ShardManifest: Codable, Sendable, Equatable {
    public static let fileName = "shard.json"

    public var format = 1
    public var shard: Int
    public var of: Int
    /// Documents in the whole corpus.
    public var inputs: Int
    /// SHA-256 of every input's output name and path, in order: shards of one corpus agree on it.
    public var corpus: String
    /// This shard's documents: their places in the whole corpus, from 0, in order.
    public var documents: [Int]
    /// Every document's files and the shard's corpus files were written.
    public var complete: Bool
    public var tool: String
    public var rules: String
    /// `run --headers`.
    public var headers: String

    public init(
        shard: Shard, files: [InputFile], documents: [Int], complete: Bool, producer: Producer, headers: String
    ) {
        self.shard = shard.index
        of = shard.count
        inputs = files.count
        corpus = Self.digest(files)
        self.documents = documents
        self.complete = complete
        tool = producer.tool
        rules = producer.rules
        self.headers = headers
    }

    static func digest(_ files: [InputFile]) -> String {
        Pipeline.sha256(Array(files.map { $0.outputName + "\t" + $0.displayPath + "\n" }.joined().utf8))
    }

    public func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try OutputFile.write(
            String(decoding: try encoder.encode(self), as: UTF8.self) + "\n",
            to: folder.appendingPathComponent(Self.fileName))
    }

    public static func read(from folder: URL) throws -> ShardManifest {
        try JSONDecoder().decode(
            ShardManifest.self, from: Data(contentsOf: folder.appendingPathComponent(fileName)))
    }

    public static func remove(from folder: URL) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(fileName))
    }
}
