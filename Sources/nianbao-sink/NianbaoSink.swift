import ArgumentParser
import Foundation
import NianbaoPostgres
import NianbaoStore

/// `nianbao-sink OUTPUT`: an output folder's corpus written into PostgreSQL (`PostgresSink`). A program of
/// its own, so that `nianbao` itself carries no network client (SwiftNIO, TLS) and builds without one;
/// `nianbao run --sink` and `nianbao merge --sink` run it when they have finished their output folder.
@main
struct NianbaoSink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao-sink",
        abstract:
            "Write an output folder's corpus (its corpus.sqlite) into PostgreSQL: upserts keyed by input SHA-256.",
        discussion: """
            Tables documents, fields, findings and field_catalog as in corpus.sqlite, made by migrations the
            first writer applies. Writers may run at once; a document already there as it would be written is
            not written again. The URL can be given in NIANBAO_SINK_URL instead (it then stays out of ps), the
            password in PGPASSWORD.
            """)

    @Argument(help: "An output folder of `nianbao run` or `nianbao merge`.")
    var output: String

    @Option(help: "postgres://USER@HOST:PORT/DATABASE[?sslmode=disable|prefer|require] (default: NIANBAO_SINK_URL).")
    var url: String?

    @Flag(
        help:
            "Leave out the findings of the rules across documents (carry_chain): the folder is one shard's, whose findings see only its part of the corpus."
    )
    var shard = false

    func run() throws {
        guard let text = url ?? ProcessInfo.processInfo.environment["NIANBAO_SINK_URL"] else {
            throw ValidationError("no sink: give --url or NIANBAO_SINK_URL")
        }
        let address: SinkAddress
        do { address = try SinkAddress(text) } catch { throw ValidationError(error.description) }
        let folder = URL(fileURLWithPath: output)
        do {
            let outcome = try PostgresSink(address: address).write(folder: folder, crossDocument: !shard)
            FileHandle.standardError.write(Data("nianbao: sink \(address): \(outcome)\n".utf8))
            for refused in outcome.notWritten {
                FileHandle.standardError.write(
                    Data("nianbao: sink \(address): \(refused.path): not written: \(refused.reason)\n".utf8))
            }
            if !outcome.notWritten.isEmpty { throw ExitCode(74) }
        } catch let error as SinkError {
            FileHandle.standardError.write(
                Data("nianbao: \(error); the output folder \(folder.path) is complete, the sink is not\n".utf8))
            throw ExitCode(74)
        }
    }
}
