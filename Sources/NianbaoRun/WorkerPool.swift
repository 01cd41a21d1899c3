import Dispatch
import Foundation
import NianbaoCore
import NianbaoSystem
import Synchronization

/// Long-lived worker processes (`nianbao extract`) that run the layout stage, the one where native
/// libraries work, so that a crash, a hang or a runaway allocation inside poppler, libxml2 or iconv costs
/// one document and never the run. Each request goes to an idle worker over a pipe (`Frames`); the
/// answer must come within `timeout`, or the worker is killed and the document is over budget. A worker
/// that dies is replaced on the next request. Workers are started on first use, at most one per thread
/// asking at once (the runner's `--jobs`), and end when the pool does (`shutDown`).
public final class WorkerPool: LayoutRunner, @unchecked Sendable {
    /// The worker's command line: the executable and its arguments (`extract` and its options).
    public let command: [String]
    /// A document's budget, in seconds.
    public let timeout: Double
    private let idle = Mutex<[Worker]>([])

    public init(command: [String], timeout: Double) {
        self.command = command
        self.timeout = timeout
        // A worker that dies leaves its pipe without a reader: writing to it must fail, not kill the run.
        Platform.ignoreBrokenPipe()
    }

    deinit { shutDown() }

    /// The executable this process runs, for `command`, and what identifies its build for the quarantine
    /// (`LayoutIsolation.identity`): its size and modification time.
    public static var currentExecutable: (path: String, identity: String) {
        let path = Platform.executablePath ?? CommandLine.arguments[0]
        guard let status = FileStatus(path) else { return (path, path) }
        return (path, "\(path):\(status.size):\(status.modified.seconds).\(status.modified.nanoseconds)")
    }

    /// Starts a worker, to check that workers can run at all before any document depends on one.
    public func start() throws(WorkerError) {
        let worker = try spawn()
        idle.withLock { $0.append(worker) }
    }

    public func layout(_ bytes: [UInt8], kind: InputKind) -> Result<Data, LayoutFailure> {
        ask(kind.rawValue, bytes)
    }

    public func ocr(_ bytes: [UInt8]) -> Result<Data, LayoutFailure> {
        ask("ocr", bytes)
    }

    /// One request (`header`, a newline, `bytes`) to an idle worker, and its answer within the budget.
    private func ask(_ header: String, _ bytes: [UInt8]) -> Result<Data, LayoutFailure> {
        let worker: Worker
        if let w = idle.withLock({ $0.popLast() }) {
            worker = w
        } else {
            do { worker = try spawn() } catch { return .failure(LayoutFailure(.crash, error.description)) }
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        let header = Array((header + "\n").utf8)
        do {
            try header.withUnsafeBytes { h in try bytes.withUnsafeBytes { try Frames.write([h, $0], to: worker.input) }
            }
            let answer = try Frames.read(from: worker.output, deadline: deadline)
            idle.withLock { $0.append(worker) }
            return .success(Data(answer))
        } catch Frames.Failure.timeout {
            end(worker, kill: true)
            return .failure(
                LayoutFailure(
                    .budget,
                    "reading it took longer than its budget of \(Self.seconds(timeout)) (--doc-timeout); the worker was stopped"
                ))
        } catch {
            let status = end(worker, kill: error as? Frames.Failure != .closed)
            return .failure(LayoutFailure(.crash, "the worker process reading it \(Self.describe(status))"))
        }
    }

    /// Ends every worker: their input closes, so each one finishes its loop and exits; then they are reaped.
    public func shutDown() {
        let workers = idle.withLock { w in
            defer { w.removeAll() }
            return w
        }
        for worker in workers { end(worker, kill: false) }
    }

    /// Ends `worker` (with SIGKILL when `kill`, else by closing its input) and reaps it.
    @discardableResult
    private func end(_ worker: Worker, kill: Bool) -> Int32 {
        if kill { Platform.killProcess(worker.pid) }
        try? worker.input.close()
        try? worker.output.close()
        return Platform.waitForExit(worker.pid)
    }

    /// Held while a worker's pipes are made and it is started: the pipes are close-on-exec only once
    /// `fcntl` has run, and a worker started in between by another thread would inherit them (and keep a
    /// pipe open that should end).
    private static let spawning = Mutex(())

    private func spawn() throws(WorkerError) -> Worker {
        let result = Self.spawning.withLock { _ in Result { () throws(WorkerError) in try spawnLocked() } }
        return try result.get()
    }

    private func spawnLocked() throws(WorkerError) -> Worker {
        let toChild: (readEnd: FileDescriptor, writeEnd: FileDescriptor)
        let fromChild: (readEnd: FileDescriptor, writeEnd: FileDescriptor)
        do { toChild = try FileDescriptor.pipe() } catch { throw WorkerError(command, error) }
        do { fromChild = try FileDescriptor.pipe() } catch {
            try? toChild.readEnd.close()
            try? toChild.writeEnd.close()
            throw WorkerError(command, error)
        }
        for fd in [toChild.readEnd, toChild.writeEnd, fromChild.readEnd, fromChild.writeEnd] { fd.setCloseOnExec() }
        let spawned = Result { () throws(Errno) in
            // dup2 clears close-on-exec on the child's copies: the child gets the two ends as its stdin and
            // stdout and nothing else of the pipes.
            try Platform.spawn(
                command, environment: Self.environment,
                actions: [
                    .duplicate(toChild.readEnd, as: .standardInput),
                    .duplicate(fromChild.writeEnd, as: .standardOutput),
                ])
        }
        try? toChild.readEnd.close()
        try? fromChild.writeEnd.close()
        switch spawned {
        case .success(let pid):
            return Worker(pid: pid, input: toChild.writeEnd, output: fromChild.readEnd)
        case .failure(let error):
            try? toChild.writeEnd.close()
            try? fromChild.readEnd.close()
            throw WorkerError(command, error)
        }
    }

    /// The workers' environment: this process's, without the Swift runtime's crash report (pages of
    /// registers that name no document: the runner's one line says which document it was) unless the
    /// user asked for one.
    static let environment: [String] = {
        var variables = ProcessInfo.processInfo.environment
        if variables["SWIFT_BACKTRACE"] == nil { variables["SWIFT_BACKTRACE"] = "enable=no" }
        // Tesseract's OpenMP threads would compete with the workers, which already use every core.
        if variables["OMP_THREAD_LIMIT"] == nil { variables["OMP_THREAD_LIMIT"] = "1" }
        return variables.map { "\($0.key)=\($0.value)" }.sorted()
    }()

    static func describe(_ status: Int32) -> String {
        // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import (they are macros).
        let signal = status & 0x7F
        if signal != 0 && signal != 0x7F {
            let name = Platform.signalName(signal)
            return
                "died of signal \(signal) (\(name)): a crash in a library it uses, or its memory ceiling (--doc-memory)"
        }
        return "ended with status \((status >> 8) & 0xFF) without answering"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// Unchecked: `FileDescriptor` is not `Sendable` (swift-system leaves that open), and a worker is used
    /// by one thread at a time, the one that took it from `idle` or started it.
    struct Worker: @unchecked Sendable {
        var pid: pid_t
        /// The runner's ends: the worker's stdin and stdout.
        var input: FileDescriptor
        var output: FileDescriptor
    }
}

/// A worker process could not be started.
public struct WorkerError: Error, CustomStringConvertible {
    public var description: String

    /// `error`: an `Errno`, whose description is strerror's.
    init(_ command: [String], _ error: any Error) {
        description = "cannot start a worker process (\(command.joined(separator: " "))): \(error)"
    }
}
