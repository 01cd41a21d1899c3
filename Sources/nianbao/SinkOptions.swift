import ArgumentParser
import Foundation
import NianbaoRun
import NianbaoStore
import NianbaoSystem

/// `--sink`, for `run` and `merge`: once the output folder is finished, its corpus is written into
/// PostgreSQL as well, by the `nianbao-sink` program beside this one (built on its own, with SwiftNIO).
struct SinkOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Also write the corpus into PostgreSQL, upserted by input SHA-256: postgres://USER@HOST:PORT/DATABASE[?sslmode=disable|prefer|require].",
            discussion:
                "Needs nianbao-sink beside nianbao (swift build -c release --product nianbao-sink). The password can be given in PGPASSWORD rather than in the URL."
        ))
    var sink: String?

    /// The sink program: `nianbao-sink` in this executable's folder.
    static var program: String {
        let directory = (WorkerPool.currentExecutable.path as NSString).deletingLastPathComponent
        return (directory as NSString).appendingPathComponent("nianbao-sink")
    }

    /// A mistyped URL, or no sink program, stops the command before it reads anything.
    func validate() throws {
        guard let sink else { return }
        do { _ = try SinkAddress(sink) } catch { throw ValidationError(error.description) }
        guard Platform.exists(Self.program) else {
            throw ValidationError(
                "--sink needs \(Self.program), which is not built: swift build -c release --product nianbao-sink")
        }
    }

    /// Writes the corpus of `folder` into the sink (the sink program says what it did, or why it could
    /// not: status 74). `shard`: the folder is one shard's (its findings across documents are left out).
    func write(folder: URL, shard: Bool) throws {
        guard let sink else { return }
        // The URL goes to the program in its environment, not on its command line, where ps would show it.
        let environment =
            ProcessInfo.processInfo.environment.filter { $0.key != "NIANBAO_SINK_URL" }.map { "\($0.key)=\($0.value)" }
            + ["NIANBAO_SINK_URL=\(sink)"]
        let status: Int32
        do {
            let pid = try Platform.spawn(
                [Self.program, folder.path] + (shard ? ["--shard"] : []), environment: environment)
            status = Platform.waitForExit(pid)
        } catch {
            FileHandle.standardError.write(Data("nianbao: cannot run \(Self.program): \(error)\n".utf8))
            throw Exit.ioError
        }
        // A raw wait status: the low 7 bits are the signal that ended the program, if one did.
        if status & 0x7f != 0 {
            FileHandle.standardError.write(
                Data("nianbao: \(Self.program) was ended by \(Platform.signalName(status & 0x7f))\n".utf8))
        }
        if status != 0 { throw Exit.ioError }
    }
}
