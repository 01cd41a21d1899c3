import Foundation

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
    public var seconds: Double
}

/// Runs `nianbao ARGUMENTS` to completion, with `environment` added to this process's environment.
public func runNianbao(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutcome {
    let process = Process()
    process.executableURL = nianbaoExecutable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessOutcome(
        status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
        standardError: String(decoding: data, as: UTF8.self), seconds: Date().timeIntervalSince(start))
}
