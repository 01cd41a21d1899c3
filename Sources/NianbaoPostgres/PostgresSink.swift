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

    /// Documents per transaction. Each transaction takes its documents' rows in SHA-256 order, so writers
    /// at once wait for each other but never deadlock.
    static let batchSize = 200

    /// What a write did.
    public struct Outcome: Sendable, Equatable, CustomStringConvertible {
        public var written = 0
        public var unchanged = 0
        /// Inputs whose content another input has, whose path sorts first (that one is kept).
        public var sameContent = 0

        public var description: String {
            var text = "\(written) documents written, \(unchanged) unchanged"
            if sameContent > 0 { text += ", \(sameContent) with the content of another input (kept as that one)" }
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
        let producer = Producer(tool: meta["tool"] ?? "", rules: meta["rules"] ?? "")
        do {
            return try Self.blocking { [self] in
                try await withConnection { connection, logger in
                    try await SinkSchema.migrate(connection, catalog: catalog, logger: logger)
                    return try await writeDocuments(
                        of: folder, producer: producer, crossDocument: crossDocument, connection, logger)
                }
            }
        } catch let error as SinkError {
            throw error
        } catch {
            throw .server("\(address): \(Self.reason(error))")
        }
    }

    /// Runs `body` on a new connection, closed after it.
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
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
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
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw SinkError.server("\(address): cannot connect: \(Self.reason(error))")
        }
        do {
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
            let (read, last) = try CorpusDatabase.documents(in: folder, after: after, limit: Self.batchSize)
            guard let last else { return outcome }
            after = last
            var batch: [(rows: CorpusDocumentRows, digest: String)] = []
            for var document in read {
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
            let written = try await connection.withTransaction(logger: logger) { connection in
                var written = 0
                for (document, digest) in changed {
                    if try await Self.upsert(document, digest: digest, producer: producer, connection, logger) {
                        written += 1
                    }
                }
                return written
            }
            outcome.written += written
            outcome.sameContent += changed.count - written
        }
    }

    /// One document: its `documents` row inserted or updated in place (its id kept), its fields and
    /// findings replaced; unless the row is another input's of the same content whose path sorts first
    /// (false): of inputs that share their content, the sink keeps the one whose path sorts first, as one
    /// run's folder does, whatever order writers come in.
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
            RETURNING id
            """, logger: logger)
        var id: Int64?
        for try await value in ids.decode(Int64.self) { id = value }
        // Another input of the same content, whose path sorts first, is there: it stays (whichever wrote first).
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
        if let e = error as? SinkError { return e.description }
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
