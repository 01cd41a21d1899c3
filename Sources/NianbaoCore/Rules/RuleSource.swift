import Foundation

/// Where the rule files are read from: a `Pipelines/` directory, or the copy of the project's
/// `Pipelines/` built into nianbao (`BundledRules`, as `Scripts/generate_bundled_rules.py` last wrote it),
/// so that the binary runs wherever it is copied.
public struct RuleSource: Sendable, CustomStringConvertible {
    /// The directory; nil for the built-in rules.
    public let directory: URL?

    public static func directory(_ url: URL) -> RuleSource { RuleSource(directory: url) }
    public static let builtIn = RuleSource(directory: nil)

    /// A file as messages name it: its path, or `(built-in rules)/NAME`.
    public func path(_ name: String) -> String {
        directory.map { $0.appendingPathComponent(name).path } ?? "(built-in rules)/\(name)"
    }

    public var description: String { directory?.path ?? "the built-in rules" }

    /// The bytes of the file `name` (relative to `pipeline.yaml`).
    func data(_ name: String) throws(RuleError) -> Data {
        guard let directory else {
            guard let data = BundledRules.file(name) else {
                throw RuleError(file: path(name), message: "no such file among the built-in rules")
            }
            return data
        }
        do { return try Data(contentsOf: directory.appendingPathComponent(name)) } catch {
            throw RuleError(file: path(name), message: "cannot read the file: \(ErrorText.reason(error))")
        }
    }
}

/// The files of the project's `Pipelines/` as `Scripts/generate_bundled_rules.py` last copied them into
/// `BundledRules.swift` (a test fails when the copy is not current).
public enum BundledRules {
    /// The files' names, sorted.
    public static var names: [String] { encoded.keys.sorted() }

    /// A file's bytes, or nil when there is no such file.
    public static func file(_ name: String) -> Data? {
        encoded[name].flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }
    }

    /// Writes every file into `directory` (made if missing) for editing. Refuses, before writing
    /// anything, when one of the files is there already: a user's edited rules are never replaced.
    /// Returns the files written.
    public static func write(to directory: URL) throws(RuleError) -> [URL] {
        let fm = FileManager.default
        let targets = names.map { directory.appendingPathComponent($0) }
        if let existing = targets.first(where: { fm.fileExists(atPath: $0.path) }) {
            throw RuleError(
                file: existing.path, message: "already exists: nothing written (edit it, or choose another folder)")
        }
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, target) in zip(names, targets) {
                try file(name)!.write(to: target, options: .withoutOverwriting)
            }
        } catch {
            throw RuleError(file: directory.path, message: "cannot write the rules: \(ErrorText.reason(error))")
        }
        return targets
    }
}
