import Foundation
import NianbaoCore
import NianbaoStore

/// `nianbao merge`: the output folders of a corpus's shards (`run --shard K/N`) put together into the
/// output of one run over the whole corpus, byte for byte: every document's NAME.json and NAME.txt, the
/// rules across documents (`carry_chain`) run again over the whole corpus (a shard saw only its part),
/// and the corpus files made from all documents in the corpus's order.
public struct ShardMerge {
    public let shards: [URL]
    public let output: URL
    public let rules: RuleSet
    /// Merge what is there when shards are missing or unfinished, rather than refuse.
    public let partial: Bool

    public init(shards: [URL], output: URL, rules: RuleSet, partial: Bool) {
        self.shards = shards
        self.output = output
        self.rules = rules
        self.partial = partial
    }

    public struct Outcome: CustomStringConvertible, Sendable {
        public var documents = 0
        public var shards = 0
        public var of = 0
        /// Shards missing or unfinished, merged without them (`partial`).
        public var missing: [String] = []
        public var description: String {
            "merge: \(documents) documents from \(shards) of \(of) shards"
                + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", ")) (a partial corpus)")
        }
    }

    /// One document of a shard: where it is in the corpus, and its files.
    struct Document {
        var index: Int
        var name: String
        var path: String
        var folder: URL
    }

    public func merge() throws(ShardError) -> Outcome {
        var outcome = Outcome()
        // The shards' manifests: one corpus, one producer, each shard once.
        var manifests: [(URL, ShardManifest)] = []
        var unfinished: [String] = []
        for folder in shards {
            guard let manifest = try? ShardManifest.read(from: folder) else {
                unfinished.append("\(folder.path) (no \(ShardManifest.fileName): its run did not finish)")
                continue
            }
            guard manifest.complete else {
                unfinished.append(
                    "\(folder.path) (shard \(manifest.shard)/\(manifest.of): some files were not written)")
                continue
            }
            manifests.append((folder, manifest))
        }
        guard let first = manifests.first?.1 else {
            throw ShardError("no finished shard to merge: \(unfinished.joined(separator: "; "))")
        }
        for (folder, m) in manifests {
            guard m.of == first.of, m.inputs == first.inputs, m.corpus == first.corpus else {
                throw ShardError("\(folder.path) is a shard of another corpus than \(manifests[0].0.path)")
            }
            guard m.tool == first.tool, m.rules == first.rules, m.headers == first.headers else {
                throw ShardError(
                    "\(folder.path) was made by \(m.tool) with rules \(m.rules.prefix(12))… and --headers \(m.headers), \(manifests[0].0.path) by \(first.tool) with rules \(first.rules.prefix(12))… and --headers \(first.headers)"
                )
            }
        }
        let fingerprint = rules.fingerprint
        guard first.rules == fingerprint else {
            throw ShardError(
                "the shards were made with rules \(first.rules.prefix(12))…, these rules are \(fingerprint.prefix(12))…: merge with the shards' rules (--rules)"
            )
        }
        var seen: [Int: URL] = [:]
        for (folder, m) in manifests {
            if let other = seen.updateValue(folder, forKey: m.shard) {
                throw ShardError("shard \(m.shard)/\(m.of) twice: \(other.path) and \(folder.path)")
            }
        }
        let missing = (0..<first.of).filter { seen[$0] == nil }.map { "\($0)/\(first.of)" }
        if !(missing.isEmpty && unfinished.isEmpty) {
            let why = (missing.map { "shard \($0) missing" } + unfinished).joined(separator: "; ")
            guard partial else {
                throw ShardError("the corpus is not complete: \(why) (--partial merges it all the same)")
            }
            outcome.missing = missing + unfinished
        }
        // Every document, in the corpus's order.
        var documents: [Document] = []
        for (folder, m) in manifests {
            let listed: [(name: String, path: String)]
            do { listed = try CorpusDatabase.documents(in: folder) } catch {
                throw ShardError("\(folder.path): cannot read its corpus.sqlite: \(ErrorText.reason(error))")
            }
            guard listed.count == m.documents.count else {
                throw ShardError(
                    "\(folder.path): corpus.sqlite holds \(listed.count) documents, \(ShardManifest.fileName) \(m.documents.count)"
                )
            }
            for (index, document) in zip(m.documents, listed) {
                documents.append(Document(index: index, name: document.name, path: document.path, folder: folder))
            }
        }
        documents.sort { $0.index < $1.index }
        do {
            try write(
                documents, headers: CorpusHeaders(rawValue: first.headers) ?? .id,
                producer: Producer(
                    tool: first.tool, rules: first.rules))
        } catch let error as ShardError {
            throw error
        } catch {
            throw ShardError("cannot write the merged corpus in \(output.path): \(ErrorText.reason(error))")
        }
        outcome.documents = documents.count
        outcome.shards = manifests.count
        outcome.of = first.of
        return outcome
    }

    /// A shard's document as its own run wrote it, without the findings across documents its shard added.
    func result(_ document: Document) throws -> ReportResult {
        let url = document.folder.appendingPathComponent(document.name + ".json")
        do {
            var result = try ReportJSON.decode(try Data(contentsOf: url))
            result.findings.removeAll { $0.rule == FindingID.carryChain }
            return result
        } catch {
            throw ShardError("\(url.path): \(ErrorText.reason(error))")
        }
    }

    func write(_ documents: [Document], headers: CorpusHeaders, producer: Producer) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: output, withIntermediateDirectories: true)
        let staging = output.appendingPathComponent(".nianbao-merge")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: staging) }
        let corpus = try CorpusDatabase(directory: output, headers: headers, producer: producer)
        for document in documents {
            try corpus.add(try result(document), id: document.index + 1, name: document.name, path: document.path)
        }
        // The rules across documents, over the whole corpus.
        let found =
            try rules.validation.carryChain.map { rule in
                CarryChain.check(try corpus.documentSummaries(fields: CarryChain.fieldIDs), rule: rule)
            } ?? [:]
        for document in documents {
            var result = try result(document)
            result.findings += found[document.name] ?? []
            try OutputFile.write(
                ReportJSON.encode(result, producer: producer),
                to: staging.appendingPathComponent(document.name + ".json"))
            let text = document.folder.appendingPathComponent(document.name + ".txt")
            try? fm.removeItem(at: staging.appendingPathComponent(document.name + ".txt"))
            try fm.copyItem(at: text, to: staging.appendingPathComponent(document.name + ".txt"))
        }
        try corpus.addFindings(found)
        try corpus.finish(into: staging)
        for name in try fm.contentsOfDirectory(atPath: staging.path) {
            let target = output.appendingPathComponent(name)
            guard rename(staging.appendingPathComponent(name).path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        }
    }
}
