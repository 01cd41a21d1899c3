import Foundation

/// A directory for this test process's scratch files, removed when the process exits.
public let scratchRoot: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit {
        try? FileManager.default.removeItem(
            at: FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-tests-\(getpid())"))
    }
    return url
}()

/// A new empty directory under `scratchRoot`.
public func scratchDirectory() throws -> URL {
    let dir = scratchRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A scratch directory of one test's own, removed when the test is done (when the value is released).
public final class Scratch {
    public let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "nianbao-scratch-\(UUID().uuidString)")
    public init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    public func path(_ name: String) -> URL { url.appendingPathComponent(name) }
}
