import Dispatch
import Foundation
import GRDB
import NianbaoCore
import Synchronization

/// The corpus outputs, written at the end of a run: `corpus.sqlite` (tables `documents`, `fields`,
/// `findings`, and the codebook `field_catalog`), and from it `reports.csv`, `findings.csv` and
/// `fields.csv` (`CorpusCSV`). Documents are added as they
/// finish (one owner), into a scratch file beside the final one, which replaces it only when the run
/// completes (`finish`), or is dropped when nothing in the corpus files would change (`discard`). A
/// document whose output did not change since the last run is not added again: its rows are copied from
/// the last file (`reuse`).
public final class CorpusDatabase {
    public let directory: URL
    /// What the columns of `reports.csv` are called.
    public let headers: CorpusHeaders
    /// What made the corpus, for the `meta` table; nil writes none.
    public let producer: Producer?
    let partial: URL
    let queue: DatabaseQueue

    public static let databaseName = "corpus.sqlite"
    /// The corpus files, as `finish` writes them.
    public static let fileNames = [databaseName] + CorpusCSV.fileNames
    /// Bump when the same documents give different corpus files (schema, CSV layout).
    public static let formatVersion = "3"

    public init(directory: URL, headers: CorpusHeaders = .id, producer: Producer? = nil) throws {
        self.directory = directory
        self.headers = headers
        self.producer = producer
        partial = directory.appendingPathComponent(Self.databaseName + ".partial")
        try? FileManager.default.removeItem(at: partial)
        // A scratch file, discarded when a run dies and rebuilt in order at the end: no journal, no sync.
        var config = Configuration()
        // `add` keeps a transaction open across calls (see there); only the owner thread touches this file.
        config.allowsUnsafeTransactions = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        queue = try DatabaseQueue(path: partial.path, configuration: config)
        try queue.write { db in
            try db.execute(sql: Self.schema)
            // Scratch only (`finish` copies the three tables above): documents whose rows come from the last
            // run's corpus.sqlite, and an index for counting findings per document.
            try db.execute(
                sql: """
                    CREATE TABLE reused (id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL);
                    CREATE INDEX findings_by_document ON findings(document);
                    """)
        }
    }

    static let schema = """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,   -- output name: NAME of NAME.json
            source TEXT NOT NULL,        -- input file name
            path TEXT NOT NULL,          -- input path as given
            sha256 TEXT NOT NULL,
            template TEXT,
            year INTEGER,
            issuer TEXT,
            pages INTEGER,
            unreadable TEXT,
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL);
        CREATE TABLE fields (
            document INTEGER NOT NULL REFERENCES documents(id),
            field TEXT NOT NULL,
            value NUMERIC NOT NULL,
            page INTEGER,                -- where it was read: page, and box in PDF points (origin top left),
            x0 REAL, y0 REAL, x1 REAL, y1 REAL,
            line INTEGER,                -- or the line of a text input
            PRIMARY KEY (document, field));
        CREATE TABLE findings (
            document INTEGER NOT NULL REFERENCES documents(id),
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            fields TEXT NOT NULL,        -- field ids separated by spaces
            message TEXT NOT NULL,
            page INTEGER);
        """

    /// A document's rows, prepared off the thread that writes them (`add`).
    public struct Rows: Sendable {
        let result: ReportResult
        let fieldsJSON: String
        public init(_ result: ReportResult) {
            var r = result
            r.text = ""  // not part of the corpus files
            self.result = r
            fieldsJSON = CorpusDatabase.fieldsJSON(result)
        }
    }

    /// Adds one document (owner queue only). `id` is the document's place in the run's sorted inputs,
    /// so that the database does not depend on the order documents finish in.
    public func add(_ r: ReportResult, id: Int, name: String, path: String) throws {
        try add(Rows(r), id: id, name: name, path: path)
    }

    public func add(_ rows: Rows, id: Int, name: String, path: String) throws {
        // Documents go in by the hundred per transaction: a commit writes every page it touched, and one
        // per document made the scratch file cost more than all the rest of a cached rerun.
        try queue.inDatabase { db in
            if !db.isInsideTransaction { try db.beginTransaction() }
            // A document that fails halfway leaves nothing behind.
            try db.inSavepoint {
                try insert(rows, id: id, name: name, path: path, db)
                return .commit
            }
            pending += 1
            if pending % Self.documentsPerTransaction == 0 { try db.commit() }
        }
    }

    private func insert(_ rows: Rows, id: Int, name: String, path: String, _ db: Database) throws {
        let r = rows.result
        try db.cachedStatement(
            sql: """
                INSERT INTO documents (id, name, source, path, sha256, template, year, issuer, pages, unreadable, errors, warnings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id, name, r.source, path, r.sha256, r.template?.rawValue, r.year, r.issuer, r.pages,
            r.unreadable?.rawValue, r.findings.filter { $0.severity == .error }.count,
            r.findings.filter { $0.severity == .warning }.count,
        ])
        // A document's fields in one statement, as a JSON array SQLite unpacks itself, rather than one
        // statement per field: this runs on the one thread that writes.
        if !r.fields.isEmpty {
            try db.cachedStatement(
                sql: """
                    INSERT INTO fields (document, field, value, page, x0, y0, x1, y1, line)
                    SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
                        value ->> 7
                    FROM json_each(?)
                    """
            ).execute(arguments: [id, rows.fieldsJSON])
        }
        let insertFinding = try db.cachedStatement(
            sql: "INSERT INTO findings (document, rule, severity, fields, message, page) VALUES (?, ?, ?, ?, ?, ?)")
        for f in r.findings {
            try insertFinding.execute(arguments: [
                id, f.rule, f.severity.rawValue, f.fields.joined(separator: " "), f.message, f.page,
            ])
        }
    }

    /// Adds a document whose rows are the ones the corpus files of the last run hold for `name` (its output
    /// has not changed): they are copied from there by `copyReused`, in SQL, rather than built again.
    public func reuse(id: Int, name: String, path: String) throws {
        try queue.inDatabase { db in
            if !db.isInsideTransaction { try db.beginTransaction() }
            try db.cachedStatement(sql: "INSERT INTO reused (id, name, path) VALUES (?, ?, ?)").execute(arguments: [
                id, name, path,
            ])
            pending += 1
            if pending % Self.documentsPerTransaction == 0 { try db.commit() }
        }
    }

    /// Copies the rows of the documents passed to `reuse` from the last run's corpus.sqlite, without the
    /// cross-document findings (found again this run). Returns the ids of those it did not find there (the
    /// file is missing or older than the caller thought): the caller adds them itself.
    /// With `trusted: false` (the file changed since the last run wrote it) nothing is copied.
    public func copyReused(trusted: Bool = true) throws -> [Int] {
        try commitPending()
        let previous = directory.appendingPathComponent(Self.databaseName)
        guard trusted, FileManager.default.fileExists(atPath: previous.path) else {
            return try queue.read { db in try Int.fetchAll(db, sql: "SELECT id FROM reused ORDER BY id") }
        }
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS previous", arguments: [previous.path])
            defer { try? db.execute(sql: "DETACH DATABASE previous") }
            // A file of another format (its `user_version`, 0 before format 2): nothing is copied from it.
            guard try Int.fetchOne(db, sql: "PRAGMA previous.user_version") == Int(Self.formatVersion) else {
                return try Int.fetchAll(db, sql: "SELECT id FROM reused ORDER BY id")
            }
            try db.inTransaction {
                try db.execute(
                    sql: """
                        INSERT INTO documents (id, name, source, path, sha256, template, year, issuer, pages, unreadable, errors, warnings)
                            SELECT r.id, d.name, d.source, r.path, d.sha256, d.template, d.year, d.issuer, d.pages, d.unreadable, 0, 0
                            FROM reused r JOIN previous.documents d ON d.name = r.name ORDER BY r.id;
                        INSERT INTO fields (document, field, value, page, x0, y0, x1, y1, line)
                            SELECT r.id, f.field, f.value, f.page, f.x0, f.y0, f.x1, f.y1, f.line
                            FROM reused r JOIN previous.documents d ON d.name = r.name JOIN previous.fields f ON f.document = d.id
                            ORDER BY r.id, f.field;
                        INSERT INTO findings (document, rule, severity, fields, message, page)
                            SELECT r.id, f.rule, f.severity, f.fields, f.message, f.page
                            FROM reused r JOIN previous.documents d ON d.name = r.name JOIN previous.findings f ON f.document = d.id
                            WHERE f.rule <> 'carry_chain'
                            ORDER BY r.id, f.rowid;
                        UPDATE documents SET
                            errors = (SELECT COUNT(*) FROM findings f WHERE f.document = documents.id AND f.severity = 'error'),
                            warnings = (SELECT COUNT(*) FROM findings f WHERE f.document = documents.id AND f.severity = 'warning')
                            WHERE id IN (SELECT id FROM reused);
                        """)
                return .commit
            }
            return try Int.fetchAll(
                db, sql: "SELECT id FROM reused WHERE id NOT IN (SELECT id FROM documents) ORDER BY id")
        }
    }

    /// Whether the last run's corpus.sqlite holds exactly the documents passed to `reuse`, no more, no less.
    public func previousHoldsExactlyReused() throws -> Bool {
        try commitPending()
        let previous = directory.appendingPathComponent(Self.databaseName)
        guard FileManager.default.fileExists(atPath: previous.path) else { return false }
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS previous", arguments: [previous.path])
            defer { try? db.execute(sql: "DETACH DATABASE previous") }
            let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM previous.documents") ?? -1
            let reused = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reused") ?? -2
            let matched =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reused r JOIN previous.documents d ON d.name = r.name")
                ?? -3
            return all == reused && reused == matched
        }
    }

    /// `[["field id", value, page or null, x0, y0, x1, y1 or nulls, line or null], ...]` in the catalogue's
    /// order (the box in PDF points to one decimal, as `NAME.json`'s evidence has it). Whole numbers of integer fields
    /// are written as integers, everything else as a double (the `value` column's NUMERIC affinity then
    /// stores whole doubles as integers too).
    static func fieldsJSON(_ r: ReportResult) -> String {
        var json = "["
        for spec in FieldCatalog.all {
            guard let value = r.fields[spec.id] else { continue }
            if json.utf8.count > 1 { json += "," }
            var number = value.description
            // Whole numbers are written as printed (cheap, and most fields are counts); the rest as
            // `databaseValue` stores them.
            if number.utf8.contains(where: { $0 < 0x30 && $0 != 0x2D || $0 > 0x39 }) || number.utf8.count > 18 {
                switch databaseValue(value, spec.type).storage {
                case .int64(let i): number = String(i)
                case .double(let d): number = d.isFinite ? String(d) : "null"
                default: number = "null"
                }
            }
            let evidence = r.evidence[spec.id]
            let box = evidence?.box.map { b in [b.x0, b.y0, b.x1, b.y1].map(FieldCoding.format1) } ?? []
            json +=
                "[\"\(spec.id)\",\(number),\(evidence?.page.map(String.init) ?? "null"),"
                + (box.count == 4 ? box.joined(separator: ",") : "null,null,null,null") + ","
                + (evidence?.line.map(String.init) ?? "null") + "]"
        }
        return json + "]"
    }

    static let documentsPerTransaction = 256
    private var pending = 0

    /// Commits the documents added since the last commit.
    func commitPending() throws {
        try queue.inDatabase { db in if db.isInsideTransaction { try db.commit() } }
    }

    static func databaseValue(_ value: Decimal, _ type: FieldSpec.ValueType) -> DatabaseValue {
        let number = NSDecimalNumber(decimal: value)
        if type == .integer, value == number.int64Value.decimal { return number.int64Value.databaseValue }
        return number.doubleValue.databaseValue
    }

    /// Adds findings found across documents (carry_chain) to their documents.
    public func addFindings(_ findings: [String: [Finding]]) throws {
        try commitPending()
        try queue.write { db in
            for (name, list) in findings {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [name])
                else { continue }
                for f in list {
                    try db.execute(
                        sql:
                            "INSERT INTO findings (document, rule, severity, fields, message, page) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [
                            id, f.rule, f.severity.rawValue, f.fields.joined(separator: " "), f.message, f.page,
                        ])
                    let column = f.severity == .error ? "errors" : f.severity == .warning ? "warnings" : nil
                    if let column {
                        try db.execute(
                            sql: "UPDATE documents SET \(column) = \(column) + 1 WHERE id = ?", arguments: [id])
                    }
                }
            }
        }
    }

    // MARK: rules across documents

    /// The documents that have an issuer and a year, in id order, each with those of `fields` it prints:
    /// the rows the rules across documents (`CarryChain`) read.
    ///
    /// With `inPrevious`, reads the last run's corpus.sqlite instead of this run's rows: the same rows when
    /// every document is reused (`previousHoldsExactlyReused`), found without copying them first.
    public func documentSummaries(fields: [String], inPrevious: Bool = false) throws -> [DocumentSummary] {
        func read(_ db: Database) throws -> [DocumentSummary] {
            var documents: [DocumentSummary] = []
            var lastID: Int64?
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT d.id, d.name, d.source, d.issuer, d.year, f.field, f.value FROM documents d
                    LEFT JOIN fields f ON f.document = d.id AND f.field IN (\(databaseQuestionMarks(count: fields.count)))
                    WHERE d.issuer IS NOT NULL AND d.year IS NOT NULL ORDER BY d.id
                    """, arguments: StatementArguments(fields))
            while let row = try rows.next() {
                // Throwing `decode`: a damaged previous corpus.sqlite is an error to handle, never a trap.
                let id: Int64 = try row.decode(forColumn: "id")
                if id != lastID {
                    documents.append(
                        DocumentSummary(
                            name: try row.decode(forColumn: "name"), source: try row.decode(forColumn: "source"),
                            issuer: try row.decode(forColumn: "issuer"), year: try row.decode(forColumn: "year")))
                    lastID = id
                }
                if let field: String = try row.decode(forColumn: "field") {
                    documents[documents.count - 1].fields[field] = try row.decode(forColumn: "value")
                }
            }
            return documents
        }
        try commitPending()
        guard inPrevious else { return try queue.read(read) }
        let previous = try DatabaseQueue(path: directory.appendingPathComponent(Self.databaseName).path)
        defer { try? previous.close() }
        return try previous.read(read)
    }

    // MARK: finishing

    /// Writes the corpus files from the database into `destination` (by default the corpus's folder; a
    /// run writes them into its staging folder, and moves them into place with the rest of its outputs).
    public func finish(into destination: URL? = nil) throws {
        try commitPending()
        try queue.close()
        let directory = destination ?? directory
        let ordered = directory.appendingPathComponent(Self.databaseName + ".ordered")
        // The CSV files and the ordered database are made at the same time, each by its own reader of
        // the scratch file: this is the part of a run that no worker shares.
        let partial = self.partial, headers = self.headers
        let csv = Mutex<Result<Void, any Error>?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let result = Result { try CorpusCSV.write(from: partial, to: directory, headers: headers) }
            csv.withLock { $0 = result }
        }
        let orderedResult = Result { try writeOrdered(to: ordered) }
        group.wait()
        try csv.withLock { $0 }?.get()
        try orderedResult.get()
        try? FileManager.default.removeItem(at: partial)
        // rename(2) replaces the old file in one step: readers see the old corpus or the new one.
        let final = directory.appendingPathComponent(Self.databaseName)
        guard rename(ordered.path, final.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
    }

    /// The final file is written afresh in a fixed order: equal corpora give equal bytes.
    private func writeOrdered(to ordered: URL) throws {
        _ = try? FileManager.default.removeItem(at: ordered)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let out = try DatabaseQueue(path: ordered.path, configuration: configuration)
        try out.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS p", arguments: [partial.path])
            try db.inTransaction {
                try db.execute(sql: Self.schema)
                try db.execute(sql: "INSERT INTO documents SELECT * FROM p.documents ORDER BY id")
                try db.execute(sql: "INSERT INTO fields SELECT * FROM p.fields ORDER BY document, field")
                try db.execute(sql: "INSERT INTO findings SELECT * FROM p.findings ORDER BY document, rowid")
                try Self.writeCatalog(db)
                try Self.writeMeta(db, producer: producer, headers: headers)
                try db.execute(sql: "PRAGMA user_version = \(Int(Self.formatVersion)!)")
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE p")
        }
        try out.close()
    }

    /// The codebook: every field of the template (`Pipelines/fields.tsv`, compiled in), in its order.
    static func writeCatalog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE field_catalog (
                    id TEXT PRIMARY KEY,     -- the field's id: fields.field, a column of reports.csv
                    position INTEGER NOT NULL UNIQUE,
                    section INTEGER NOT NULL,    -- the template's table: 2 (二), 3 (三), 4 (四)
                    templates TEXT NOT NULL,     -- the templates that have it: 2021, 2019
                    type TEXT NOT NULL,          -- int or decimal
                    label TEXT NOT NULL)         -- row / column as the template prints them
                """)
        let insert = try db.makeStatement(
            sql: "INSERT INTO field_catalog (id, position, section, templates, type, label) VALUES (?, ?, ?, ?, ?, ?)")
        for (i, spec) in FieldCatalog.all.enumerated() {
            try insert.execute(arguments: [
                spec.id, i + 1, spec.section, FieldCatalog.templatesText(spec), FieldCatalog.typeText(spec), spec.label,
            ])
        }
    }

    /// The documents of the corpus.sqlite in `directory`, in input order: NAME of NAME.json, and the
    /// input's path as the run was given it.
    public static func documents(in directory: URL) throws -> [(name: String, path: String)] {
        try read(directory.appendingPathComponent(databaseName)) { db in
            try Row.fetchAll(db, sql: "SELECT name, path FROM documents ORDER BY id").map {
                (try $0.decode(String.self, forColumn: "name"), try $0.decode(String.self, forColumn: "path"))
            }
        }
    }

    /// The `meta` table of the corpus.sqlite in `directory` (what made it: tool, rules, format, headers).
    public static func meta(in directory: URL) throws -> [String: String] {
        try read(directory.appendingPathComponent(databaseName)) { db in
            var meta: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
                meta[try row.decode(String.self, forColumn: "key")] = try row.decode(String.self, forColumn: "value")
            }
            return meta
        }
    }

    /// Reads the corpus.sqlite at `url`, which must exist (opening a missing file would create it).
    static func read<T>(_ url: URL, _ body: (Database) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// What made the file: `meta` (key, value), with the tool's version, the rules' fingerprint (as in
    /// every NAME.json's `producer`), the corpus format and the CSV headers.
    static func writeMeta(_ db: Database, producer: Producer?, headers: CorpusHeaders) throws {
        try db.execute(sql: "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        var rows = [("format", formatVersion), ("headers", headers.rawValue)]
        if let producer { rows += [("tool", producer.tool), ("rules", producer.rules)] }
        for (key, value) in rows {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Drops this run's scratch file and leaves the corpus files as they are (nothing in them changed).
    public func discard() throws {
        try queue.inDatabase { db in if db.isInsideTransaction { try db.rollback() } }
        try queue.close()
        try? FileManager.default.removeItem(at: partial)
    }
}

extension Int64 {
    var decimal: Decimal { Decimal(self) }
}
