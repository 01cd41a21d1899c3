import Foundation
import Logging
import NIOSSL
import NianbaoCore
import NianbaoStore
import PostgresNIO
import Synchronization

/// The shared sink: the documents, fields and findings of an output folder's corpus.sqlite, written into
/// PostgreSQL (tables of the same names and columns, `SinkSchema`) with upserts keyed by the input's
/// SHA-256. Writers can run at once (shards of one corpus, runs of several) and a rerun adds no row: a
/// document is one row of `documents` whatever wrote it last, its fields and findings replaced with it.
/// A document whose rows are already there as they would be written is not written again.
public struct PostgresSink: Sendable {
    public let address: SinkAddress

    public init(address: SinkAddress) {
        self.address = address
    }

    /// TLS that encrypts without checking the certificate: libpq's `prefer` and `require`.
    static var encryptedOnly: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    static let connectAttempts = 5
    static let lockTimeout = "120s"

    /// Documents per transaction. Each transaction takes its documents' rows in SHA-256 order, so writers
    /// at once wait for each other but never deadlock.
    static let batchSize = 200

    /// What a write did.
    public struct Outcome: Sendable, Equatable, CustomStringConvertible {
        public var written = 0
        public var unchanged = 0
        /// Inputs whose content another input has, whose path sorts first (that one is kept).
        public var sameContent = 0
        /// Documents the server refused (each in a savepoint of its own: the others are written).
        public var notWritten: [NotWritten] = []

        public struct NotWritten: Sendable, Equatable {
            public var path: String
            public var reason: String
        }

        public var description: String {
            var text = "\(written) documents written, \(unchanged) unchanged"
            if sameContent > 0 { text += ", \(sameContent) with the content of another input (kept as that one)" }
            if !notWritten.isEmpty { text += ", \(notWritten.count) not written" }
            return text
        }
    }

    /// Writes the corpus.sqlite of `folder`. Without `crossDocument`, findings of the rules across documents
    /// (carry_chain) are left out: a shard's see only its part of the corpus; the merge writes the whole's.
    public func write(folder: URL, crossDocument: Bool) throws(SinkError) -> Outcome {
        let meta: [String: String]
        let catalog: [CorpusCatalogRow]
        do {
            meta = try CorpusDatabase.meta(in: folder)
            catalog = try CorpusDatabase.catalog(in: folder)
        } catch {
            throw .server(
                "\(address): cannot read \(folder.path)/\(CorpusDatabase.databaseName): \(ErrorText.reason(error))")
        }
        guard meta["format"] == CorpusDatabase.formatVersion else {
            throw .server(
                "\(address): \(folder.path)/\(CorpusDatabase.databaseName) is of format \(meta["format"] ?? "?"), not \(CorpusDatabase.formatVersion): run the folder again with this nianbao"
            )
        }
        let producer = Producer(tool: meta["tool"] ?? "", rules: meta["rules"] ?? "")
        do {
            return try Self.blocking { [self] in
                try await withConnection { connection, logger in
                    try await SinkSchema.migrate(connection, catalog: catalog, logger: logger)
                    return try await writeDocuments(
                        of: folder, producer: producer, crossDocument: crossDocument, connection, logger)
                }
            }
        } catch {
            // Every error of the write, said once with the sink's address (never its password).
            throw .server("\(address): \(Self.reason(error))")
        }
    }

    /// Runs `body` on a new connection, closed after it.
    @discardableResult
    func withConnection<T: Sendable>(
        _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = Logger(label: "nianbao.sink") { _ in SwiftLogNoOpLogHandler() }
        var configuration: PostgresConnection.Configuration
        switch address.place {
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch address.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.encryptedOnly))
            case .require: tls = .require(try NIOSSLContext(configuration: Self.encryptedOnly))
            case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(
                host: host, port: port, username: address.user, password: address.password,
                database: address.database, tls: tls)
        case .socket(let path):
            configuration = .init(
                unixSocketPath: path, username: address.user, password: address.password,
                database: address.database)
        }
        configuration.options.connectTimeout = .seconds(15)
        var connection: PostgresConnection?
        // A server that has all the connections it takes, or is starting, is asked again a few times (a
        // hundred shards finishing at once); anything else is an error at once.
        for attempt in 1...Self.connectAttempts {
            do {
                connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                break
            } catch let error as PSQLError
                where attempt < Self.connectAttempts
                && ["53300", "57P03"].contains(error.serverInfo?[.sqlState] ?? "")
            {
                try await Task.sleep(for: .seconds(attempt * attempt))
            } catch {
                throw SinkError.server("cannot connect: \(Self.reason(error))")
            }
        }
        guard let connection else { throw SinkError.server("cannot connect") }
        do {
            // A lock another session holds (an idle transaction, a stuck writer) ends a write with an
            // error that says so, rather than hanging the run at its very end.
            try await connection.query("SET lock_timeout = '\(unescaped: Self.lockTimeout)'", logger: logger)
            let result = try await body(connection, logger)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private func writeDocuments(
        of folder: URL, producer: Producer, crossDocument: Bool, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Outcome {
        var outcome = Outcome()
        var seen = Set<String>()
        var after: Int64 = 0
        while true {
            let read: [CorpusDocumentRows], last: Int64?
            do {
                (read, last) = try CorpusDatabase.documents(in: folder, after: after, limit: Self.batchSize)
            } catch {
                throw SinkError.server(
                    "cannot read \(folder.path)/\(CorpusDatabase.databaseName): \(ErrorText.reason(error))")
            }
            guard let last else { return outcome }
            after = last
            var batch: [(rows: CorpusDocumentRows, digest: String)] = []
            for var document in read.map(Self.withoutNUL) {
                guard seen.insert(document.sha256).inserted else {
                    outcome.sameContent += 1
                    continue
                }
                if !crossDocument { document.findings.removeAll { $0.rule == FindingID.carryChain } }
                batch.append((document, try Self.digest(document, producer)))
            }
            // What the sink holds for these documents now: those already as they would be written are left.
            var stored: [String: String] = [:]
            let rows = try await connection.query(
                "SELECT sha256, rows_sha256 FROM documents WHERE sha256 = ANY(\(batch.map(\.rows.sha256)))",
                logger: logger)
            for try await (sha256, digest) in rows.decode((String, String).self) { stored[sha256] = digest }
            let changed = batch.filter { stored[$0.rows.sha256] != $0.digest }.sorted {
                $0.rows.sha256 < $1.rows.sha256
            }
            outcome.unchanged += batch.count - changed.count
            guard !changed.isEmpty else { continue }
            // Each document in a savepoint: one the server refuses is named, and the others are written.
            let (written, kept, refused) = try await connection.withTransaction(logger: logger) { connection in
                var written = 0, kept = 0
                var refused: [Outcome.NotWritten] = []
                for (document, digest) in changed {
                    try await connection.query("SAVEPOINT document", logger: logger)
                    do {
                        if try await Self.upsert(document, digest: digest, producer: producer, connection, logger) {
                            written += 1
                        } else {
                            kept += 1
                        }
                        try await connection.query("RELEASE SAVEPOINT document", logger: logger)
                    } catch {
                        try await connection.query("ROLLBACK TO SAVEPOINT document", logger: logger)
                        refused.append(.init(path: document.path, reason: Self.reason(error)))
                    }
                }
                return (written, kept, refused)
            }
            outcome.written += written
            outcome.sameContent += kept
            outcome.notWritten += refused
        }
    }

    /// One document: its `documents` row inserted or updated in place (its id kept), its fields and
    /// findings replaced; unless the row is another input's of the same content whose path sorts first
    /// (false): of inputs that share their content, the sink keeps the one whose path sorts first, as one
    /// run's folder does, whatever order writers of the same tool and rules come in.
    static func upsert(
        _ d: CorpusDocumentRows, digest: String, producer: Producer, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws -> Bool {
        let ids = try await connection.query(
            """
            INSERT INTO documents (name, source, path, sha256, template, year, issuer, pages, unreadable, errors,
                warnings, tool, rules, rows_sha256, written_at)
            VALUES (\(d.name), \(d.source), \(d.path), \(d.sha256), \(d.template), \(d.year), \(d.issuer),
                \(d.pages), \(d.unreadable), \(d.errors), \(d.warnings), \(producer.tool), \(producer.rules),
                \(digest), now())
            ON CONFLICT (sha256) DO UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source, path = EXCLUDED.path,
                template = EXCLUDED.template, year = EXCLUDED.year, issuer = EXCLUDED.issuer, pages = EXCLUDED.pages,
                unreadable = EXCLUDED.unreadable, errors = EXCLUDED.errors, warnings = EXCLUDED.warnings,
                tool = EXCLUDED.tool, rules = EXCLUDED.rules, rows_sha256 = EXCLUDED.rows_sha256,
                written_at = EXCLUDED.written_at
            WHERE EXCLUDED.path COLLATE "C" <= documents.path COLLATE "C"
                OR (EXCLUDED.tool, EXCLUDED.rules) IS DISTINCT FROM (documents.tool, documents.rules)
            RETURNING id
            """, logger: logger)
        var id: Int64?
        for try await value in ids.decode(Int64.self) { id = value }
        // Another input of the same content, whose path sorts first, is there from the same tool and rules:
        // it stays (whichever wrote first). A row of other rules is replaced: a rerun after a rule change.
        guard let id else { return false }
        try await connection.query("DELETE FROM fields WHERE document = \(id)", logger: logger)
        try await connection.query("DELETE FROM findings WHERE document = \(id)", logger: logger)
        // A document's fields and findings in one statement each, as JSON the server unpacks.
        if !d.fields.isEmpty {
            let json = try json(d.fields)
            try await connection.query(
                """
                INSERT INTO fields (document, field, value, page, x0, y0, x1, y1, line)
                SELECT \(id), f.field, f.value, f.page, f.x0, f.y0, f.x1, f.y1, f.line
                FROM jsonb_to_recordset(\(json)::jsonb) AS f(field text, value numeric, page integer, x0 float8,
                    y0 float8, x1 float8, y1 float8, line integer)
                """, logger: logger)
        }
        if !d.findings.isEmpty {
            let json = try json(d.findings)
            try await connection.query(
                """
                INSERT INTO findings (document, position, rule, severity, fields, message, page)
                SELECT \(id), e.n, e.v ->> 'rule', e.v ->> 'severity', e.v ->> 'fields', e.v ->> 'message',
                    (e.v ->> 'page')::integer
                FROM jsonb_array_elements(\(json)::jsonb) WITH ORDINALITY AS e(v, n)
                """, logger: logger)
        }
        return true
    }

    /// PostgreSQL's text cannot hold U+0000: it is written as U+FFFD (as `show` shows control characters).
    static func withoutNUL(_ d: CorpusDocumentRows) -> CorpusDocumentRows {
        func clean(_ text: String) -> String {
            text.unicodeScalars.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
        }
        var d = d
        d.name = clean(d.name)
        d.source = clean(d.source)
        d.path = clean(d.path)
        d.issuer = d.issuer.map(clean)
        d.template = d.template.map(clean)
        d.unreadable = d.unreadable.map(clean)
        for i in d.findings.indices {
            d.findings[i].message = clean(d.findings[i].message)
            d.findings[i].fields = clean(d.findings[i].fields)
            d.findings[i].rule = clean(d.findings[i].rule)
        }
        return d
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// What a document's rows in the sink are a function of: equal digests, equal rows.
    static func digest(_ d: CorpusDocumentRows, _ producer: Producer) throws -> String {
        Pipeline.sha256(Array((try json(d) + "\n" + producer.tool + "\n" + producer.rules).utf8))
    }

    /// A reason from the server or the connection, without the query's values.
    static func reason(_ error: any Error) -> String {
        if let e = error as? PostgresTransactionError {
            return reason(e.closureError ?? e.commitError ?? e.beginError ?? SinkError.server("transaction failed"))
        }
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                return message + (e.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            if let underlying = e.underlying { return "\(e.code): \(ErrorText.reason(underlying))" }
            return "\(e.code)"
        }
        if let e = error as? SinkError { return e.reason }
        return ErrorText.reason(error)
    }

    /// Runs `body` to its end from synchronous code (the command line's thread, never one of the
    /// concurrency pool's).
    @discardableResult
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                let value = try await body()
                result.withLock { $0 = .success(value) }
            } catch {
                result.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0 }!.get()
    }
}
