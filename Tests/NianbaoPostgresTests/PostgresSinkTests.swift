import Foundation
import Logging
import NianbaoCore
import NianbaoStore
import NianbaoTestSupport
import PostgresNIO
import Testing

@testable import NianbaoPostgres

/// The server the tests write into: `NIANBAO_TEST_POSTGRES`, a URL of a database the tests may create
/// databases from (`Scripts/test-postgres.sh start` starts one and prints it; `.ci/run` does so).
let testServer = ProcessInfo.processInfo.environment["NIANBAO_TEST_POSTGRES"]

/// A database of its own for one test, created on the test server and dropped after.
struct TestDatabase {
    let url: String
    let sink: PostgresSink
    private let admin: PostgresSink
    private let name: String

    /// Tests are async: they run on the concurrency pool, which a test blocking on a semaphore can starve.
    init() async throws {
        let server = try #require(testServer)
        admin = PostgresSink(address: try SinkAddress(server))
        name = "nianbao_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let name = self.name
        try await admin.withConnection { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        url = try #require(components.string)
        sink = PostgresSink(address: try SinkAddress(url))
    }

    func drop() async {
        let name = self.name
        _ = try? await admin.withConnection { connection, logger in
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }

    /// Runs `sql` (no result).
    func execute(_ sql: String) async throws {
        try await sink.withConnection { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    func count(_ sql: String) async throws -> Int {
        try await sink.withConnection { connection, logger in
            var n = 0
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                .decode(Int.self)
            {
                n = value
            }
            return n
        }
    }

    /// Every document the sink holds, read back into corpus.sqlite's rows, by input SHA-256.
    func documents() async throws -> [String: CorpusDocumentRows] {
        try await sink.withConnection { connection, logger in
            var documents: [Int64: CorpusDocumentRows] = [:]
            let rows = try await connection.query(
                "SELECT id, name, source, path, sha256, template, year, issuer, pages, unreadable FROM documents",
                logger: logger)
            for try await (id, name, source, path, sha256, template, year, issuer, pages, unreadable)
                in rows.decode(
                    (Int64, String, String, String, String, String?, Int?, String?, Int?, String?).self)
            {
                documents[id] = CorpusDocumentRows(
                    name: name, source: source, path: path, sha256: sha256, template: template, year: year,
                    issuer: issuer, pages: pages, unreadable: unreadable, fields: [], findings: [])
            }
            let fields = try await connection.query(
                """
                SELECT document, field, value::text, page, x0, y0, x1, y1, line FROM fields
                ORDER BY document, field COLLATE "C"
                """, logger: logger)
            for try await (id, field, value, page, x0, y0, x1, y1, line) in fields.decode(
                (Int64, String, String, Int?, Double?, Double?, Double?, Double?, Int?).self)
            {
                documents[id]?.fields.append(
                    .init(field: field, value: value, page: page, x0: x0, y0: y0, x1: x1, y1: y1, line: line))
            }
            let findings = try await connection.query(
                "SELECT document, rule, severity, fields, message, page FROM findings ORDER BY document, position",
                logger: logger)
            for try await (id, rule, severity, fieldList, message, page) in findings.decode(
                (Int64, String, String, String, String, Int?).self)
            {
                documents[id]?.findings.append(
                    .init(rule: rule, severity: severity, fields: fieldList, message: message, page: page))
            }
            return Dictionary(documents.values.map { ($0.sha256, $0) }) { a, _ in a }
        }
    }
}

/// The documents of an output folder's corpus.sqlite, by input SHA-256 (the first of those that share
/// one, as the sink keeps them).
func corpusDocuments(_ folder: URL, carryChain: Bool = true) throws -> [String: CorpusDocumentRows] {
    var out: [String: CorpusDocumentRows] = [:]
    var after: Int64 = 0
    while case let (documents, last?) = try CorpusDatabase.documents(in: folder, after: after, limit: 50) {
        for var d in documents where out[d.sha256] == nil {
            if !carryChain { d.findings.removeAll { $0.rule == FindingID.carryChain } }
            out[d.sha256] = d
        }
        after = last
    }
    return out
}

/// Corpus/'s texts and web pages (fast to read), the text PDF whose issuer's next report breaks the carry
/// chain, and one of the texts again in a folder of its own: two inputs of the same content, one document
/// in the sink.
func sinkCorpus(in scratch: Scratch) throws -> URL {
    let inputs = scratch.path("in")
    let fm = FileManager.default
    try fm.createDirectory(at: inputs.appendingPathComponent("again"), withIntermediateDirectories: true)
    for name in try fm.contentsOfDirectory(atPath: repositoryFile("Corpus").path)
    where name.hasSuffix(".txt") || name.hasSuffix(".html") || name == "pdf_13_traditional.pdf" {
        try fm.copyItem(at: repositoryFile("Corpus/" + name), to: inputs.appendingPathComponent(name))
    }
    try fm.copyItem(
        at: repositoryFile("Corpus/crawl_2019_dept.txt"), to: inputs.appendingPathComponent("again/copy.txt"))
    return inputs
}

@Suite("PostgreSQL sink", .enabled(if: testServer != nil, "NIANBAO_TEST_POSTGRES names no server"), .serialized)
struct PostgresSinkTests {
    @Test("a run's corpus in the sink row for row; a rerun writes nothing; stale rows are replaced in place")
    func runIntoSink() async throws {
        let scratch = try Scratch()
        _ = try sinkCorpus(in: scratch)
        let database = try await TestDatabase()

        let first = try runNianbao(
            ["run", "in", "-o", "out", "--quiet", "--sink", database.url], directory: scratch.url)
        #expect(first.status == 0, "\(first.standardError)")
        let expected = try corpusDocuments(scratch.path("out"))
        #expect(expected.count >= 30)
        #expect(
            first.standardError.contains("\(expected.count) documents written, 0 unchanged"), "\(first.standardError)")
        #expect(first.standardError.contains("1 with the content of another"), "\(first.standardError)")
        // The corpus has findings across documents, and the sink has them: this is a whole run.
        #expect(expected.values.contains { $0.findings.contains { $0.rule == FindingID.carryChain } })
        let stored = try await database.documents()
        #expect(stored == expected)
        let ids = try await database.count("SELECT sum(id)::bigint FROM documents")
        func counts() async throws -> [Int] {
            var counts: [Int] = []
            for table in ["documents", "fields", "findings"] {
                counts.append(try await database.count("SELECT count(*) FROM \(table)"))
            }
            return counts
        }
        let before = try await counts()
        #expect(try await database.count("SELECT count(*) FROM field_catalog") == FieldCatalog.all.count)
        #expect(
            try await database.count("SELECT max(version) FROM nianbao_migrations")
                == SinkSchema.migrations.last!.version)

        // Again: nothing to write, nothing added.
        let again = try runNianbao(
            ["run", "in", "-o", "out", "--quiet", "--sink", database.url], directory: scratch.url)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(
            again.standardError.contains("0 documents written, \(expected.count) unchanged"), "\(again.standardError)")

        // Rows that went stale (another writer, a damaged table): every document written again, in place.
        try await database.execute("UPDATE documents SET rows_sha256 = 'stale'")
        try await database.execute("DELETE FROM findings WHERE position > 1")
        let third = try runNianbao(
            ["run", "in", "-o", "out", "--quiet", "--sink", database.url], directory: scratch.url)
        #expect(
            third.standardError.contains("\(expected.count) documents written, 0 unchanged"), "\(third.standardError)")
        #expect(try await database.documents() == expected)
        #expect(
            try await counts() == before)
        #expect(try await database.count("SELECT sum(id)::bigint FROM documents") == ids)
        await database.drop()
    }

    @Test("shards write into one sink at once, then the merge: the sink holds what one run's corpus.sqlite holds")
    func shardsIntoSink() async throws {
        let scratch = try Scratch()
        _ = try sinkCorpus(in: scratch)
        let database = try await TestDatabase()
        let whole = try runNianbao(["run", "in", "-o", "whole", "--quiet"], directory: scratch.url)
        #expect(whole.status == 0, "\(whole.standardError)")

        var processes: [Process] = []
        for k in 0..<3 {
            let process = Process()
            process.executableURL = nianbaoExecutable
            process.arguments = [
                "run", "in", "-o", "shard\(k)", "--shard", "\(k)/3", "--jobs", "1", "--quiet", "--sink", database.url,
            ]
            process.currentDirectoryURL = scratch.url
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        // Every document is there once, without the shards' findings across documents (each saw a third).
        #expect(try await database.documents() == (try corpusDocuments(scratch.path("whole"), carryChain: false)))

        let merged = try runNianbao(
            ["merge", "shard0", "shard1", "shard2", "-o", "merged", "--sink", database.url], directory: scratch.url)
        #expect(merged.status == 0, "\(merged.standardError)")
        let expected = try corpusDocuments(scratch.path("whole"))
        #expect(try await database.documents() == expected)
        let documents = try await database.count("SELECT count(*) FROM documents")
        #expect(documents == expected.count)
        #expect(try await database.count("SELECT count(DISTINCT sha256) FROM documents") == documents)
        await database.drop()
    }
}

extension PostgresSinkTests {
    @Test("a document the server refuses is named, exit 74, and every other document is written")
    func refusedDocument() async throws {
        let scratch = try Scratch()
        _ = try sinkCorpus(in: scratch)
        let database = try await TestDatabase()
        let first = try runNianbao(
            ["run", "in", "-o", "out", "--quiet", "--sink", database.url], directory: scratch.url)
        #expect(first.status == 0, "\(first.standardError)")
        try await database.execute("DELETE FROM documents")
        try await database.execute(
            "ALTER TABLE documents ADD CONSTRAINT refused CHECK (path <> 'in/web_2019_template.html')")
        let again = try runNianbao(
            ["run", "in", "-o", "out", "--quiet", "--sink", database.url], directory: scratch.url)
        #expect(again.status == 74)
        #expect(again.standardError.contains("in/web_2019_template.html: not written: "), "\(again.standardError)")
        #expect(again.standardError.contains("1 not written"), "\(again.standardError)")
        let expected = try corpusDocuments(scratch.path("out"))
        let stored = try await database.documents()
        #expect(stored.count == expected.count - 1)
        for (sha256, document) in expected where document.path != "in/web_2019_template.html" {
            #expect(stored[sha256] == document, "\(document.path)")
        }
        await database.drop()
    }

    @Test("three writers of the same documents at once into an empty database: no error, no duplicate")
    func sameDocumentsAtOnce() async throws {
        let scratch = try Scratch()
        _ = try sinkCorpus(in: scratch)
        let database = try await TestDatabase()
        let run = try runNianbao(["run", "in", "-o", "out", "--quiet"], directory: scratch.url)
        #expect(run.status == 0, "\(run.standardError)")
        let sinkProgram = nianbaoExecutable.deletingLastPathComponent().appendingPathComponent("nianbao-sink")
        var writers: [(Process, Pipe)] = []
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = sinkProgram
            process.arguments = [scratch.path("out").path]
            process.environment = ProcessInfo.processInfo.environment.merging(["NIANBAO_SINK_URL": database.url]) {
                _, b in b
            }
            let errors = Pipe()
            process.standardError = errors
            writers.append((process, errors))
        }
        for (process, _) in writers { try process.run() }
        var written = 0
        for (process, errors) in writers {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(text)")
            // Every writer found every document written by itself or by another: none missing, none twice.
            if let match = text.firstMatch(of: /(\d+) documents written/) { written += Int(match.1) ?? 0 }
        }
        let expected = try corpusDocuments(scratch.path("out"))
        #expect(written >= expected.count)
        #expect(try await database.documents() == expected)
        #expect(try await database.count("SELECT count(*) FROM documents") == expected.count)
        await database.drop()
    }

    @Test("inputs of one content from writers in either order: the sink keeps the one whose path sorts first")
    func sameContentEitherOrder() async throws {
        let scratch = try Scratch()
        let fm = FileManager.default
        for folder in ["a-first", "b-second"] {
            try fm.createDirectory(at: scratch.path(folder), withIntermediateDirectories: true)
            try fm.copyItem(
                at: repositoryFile("Corpus/crawl_2019_dept.txt"), to: scratch.path(folder + "/report.txt"))
        }
        for order in [["a-first", "b-second"], ["b-second", "a-first"]] {
            let database = try await TestDatabase()
            for folder in order + order {
                let run = try runNianbao(
                    ["run", folder, "-o", "out-" + folder, "--quiet", "--sink", database.url], directory: scratch.url)
                #expect(run.status == 0, "\(run.standardError)")
            }
            let stored = try await database.documents()
            #expect(stored.count == 1)
            #expect(stored.values.first?.path == "a-first/report.txt", "\(order)")
            await database.drop()
        }
    }

}

@Suite("PostgreSQL sink, failing") struct PostgresSinkFailureTests {
    /// `.ci/run` says the server must be there: the suite above must not be skipped without a word.
    @Test(
        "a server when one is required",
        .enabled(if: ProcessInfo.processInfo.environment["NIANBAO_TEST_POSTGRES_REQUIRED"] != nil))
    func serverRequired() async throws {
        let database = try await TestDatabase()
        #expect(try await database.count("SELECT 1") == 1)
        await database.drop()
    }

    @Test("a sink that cannot be reached: named, status 74, and the output folder complete all the same")
    func unreachable() throws {
        let scratch = try Scratch()
        let inputs = scratch.path("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryFile("Corpus/crawl_2019_dept.txt"), to: inputs.appendingPathComponent("report.txt"))
        let url = "postgres://writer:secret@127.0.0.1:1/corpus?sslmode=disable"
        let run = try runNianbao(["run", "in", "-o", "out", "--quiet", "--sink", url], directory: scratch.url)
        #expect(run.status == 74)
        #expect(
            run.standardError.contains("sink postgres://writer@127.0.0.1:1/corpus: cannot connect"),
            "\(run.standardError)")
        #expect(!run.standardError.contains("secret"))
        for name in ["report.json", "report.txt", "corpus.sqlite", "reports.csv"] {
            #expect(FileManager.default.fileExists(atPath: scratch.path("out/" + name).path), "\(name)")
        }
    }

    @Test("a sink URL that cannot be read stops the command before it reads anything")
    func badAddress() throws {
        let scratch = try Scratch()
        let run = try runNianbao(
            [
                "run", repositoryFile("Corpus/crawl_2019_dept.txt").path, "-o", "out", "--sink",
                "postgres://u@h/db?sslmode=on",
            ],
            directory: scratch.url)
        #expect(run.status == 64)
        #expect(
            run.standardError.contains("sslmode must be disable, prefer, require or verify-full"),
            "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out").path))
    }
}
