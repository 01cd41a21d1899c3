import Foundation
import Synchronization

/// The `nianbao` executable `swift build` made beside the test bundle (the tests of worker processes,
/// exit statuses and kills run the real binary).
public let nianbaoExecutable: URL = {
    let tests = URL(
        fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
    var directory = tests.deletingLastPathComponent()
    // On Linux the test runner is `…/debug/nianbaoPackageTests.xctest`, a file beside the products.
    if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
    return directory.appendingPathComponent("nianbao")
}()

/// What a run of the executable gave.
public struct ProcessOutcome: Sendable {
    public var status: Int32
    /// Terminated by a signal (`status` is then the signal).
    public var signaled: Bool
    public var standardError: String
    public var standardOutput: String
    public var seconds: Double
}

/// Runs `nianbao ARGUMENTS` to completion, with `environment` added to this process's environment, in
/// `directory` (default: this process's), from `executable` (default: the one `swift build` made).
public func runNianbao(
    _ arguments: [String], environment: [String: String] = [:], executable: URL = nianbaoExecutable,
    directory: URL? = nil
) throws -> ProcessOutcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b }
    if let directory { process.currentDirectoryURL = directory }
    let errors = Pipe(), output = Pipe()
    process.standardError = errors
    process.standardOutput = output
    let start = Date()
    try process.run()
    // Both pipes drained at once: a child that fills one while we wait on the other would never end.
    let printed = Mutex(Data())
    let reader = DispatchGroup()
    DispatchQueue.global().async(group: reader) {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        printed.withLock { $0 = data }
    }
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    reader.wait()
    process.waitUntilExit()
    return ProcessOutcome(
        status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
        standardError: String(decoding: data, as: UTF8.self),
        standardOutput: String(decoding: printed.withLock { $0 }, as: UTF8.self),
        seconds: Date().timeIntervalSince(start))
}
