import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoRun

/// `nianbao merge SHARD_OUT… --output OUT`: the output folders of `run --shard K/N` put together into what
/// one run over the whole corpus writes (`ShardMerge`).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Put the output folders of `run --shard K/N` together: the files one run over the whole corpus writes.")

    @Argument(help: "The shards' output folders.")
    var shards: [String]

    @Option(name: .shortAndLong, help: "Output directory.")
    var output: String = "out"

    @Flag(help: "Merge the shards there are when some are missing or unfinished (the corpus is then partial).")
    var partial = false

    @OptionGroup var rules: RulesOptions

    @OptionGroup var sink: SinkOptions

    func run() throws {
        let merge = ShardMerge(
            shards: shards.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: output),
            rules: try rules.load(), partial: partial)
        do {
            let outcome = try merge.merge()
            FileHandle.standardError.write(Data("nianbao: \(outcome)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("nianbao: \(error)\n".utf8))
            throw Exit.noInput
        }
        try sink.write(folder: URL(fileURLWithPath: output), shard: false)
    }
}
