import Dispatch
import Foundation
import GRDB
import NianbaoCore
import Synchronization

/// The corpus outputs, written at the end of a run: `corpus.sqlite` (tables `documents`, `fields`,
/// `findings`), `reports.csv` and `findings.csv`. Documents are added as they finish (one owner), into a
/// scratch file beside the final one, which replaces it only when the run completes (`finish`), or is
/// dropped when nothing in the corpus files would change (`discard`). A document whose output did not
/// change since the last run is not added again: its rows are copied from the last file (`reuse`).
public final class CorpusStore {
    public let directory: URL
    let partial: URL
    let queue: DatabaseQueue

    public static let databaseName = "corpus.sqlite"
    /// The corpus files, as `finish` writes them.
    public static let fileNames = [databaseName, "reports.csv", "findings.csv"]
    /// Bump when the same documents give different corpus files (schema, CSV layout).
    public static let formatVersion = "1"

    public init(directory: URL) throws {
        self.directory = directory
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
            try db.execute(sql: """
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
                    page INTEGER,
                    PRIMARY KEY (document, field));
                CREATE TABLE findings (
                    document INTEGER NOT NULL REFERENCES documents(id),
                    rule TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    fields TEXT NOT NULL,        -- field ids separated by spaces
                    message TEXT NOT NULL,
                    page INTEGER);
                """

    /// Adds one document (owner queue only). `id` is the document's place in the run's sorted inputs,
    /// so that the database does not depend on the order documents finish in.
    /// A document's rows, prepared off the thread that writes them (`add`).
    public struct Rows: Sendable {
        let result: ReportResult
        let fieldsJSON: String
        public init(_ result: ReportResult) {
            var r = result
            r.text = ""  // not part of the corpus files
            self.result = r
            fieldsJSON = CorpusStore.fieldsJSON(result)
        }
    }

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
        try db.cachedStatement(sql: """
            INSERT INTO documents (id, name, source, path, sha256, template, year, issuer, pages, unreadable, errors, warnings)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id, name, r.source, path, r.sha256, r.template?.rawValue, r.year, r.issuer, r.pages,
                r.unreadable?.rawValue, r.findings.filter { $0.severity == .error }.count,
                r.findings.filter { $0.severity == .warning }.count])
        // A document's fields in one statement, as a JSON array SQLite unpacks itself, rather than one
        // statement per field: this runs on the one thread that writes.
        if !r.fields.isEmpty {
            try db.cachedStatement(sql: """
                INSERT INTO fields (document, field, value, page)
                SELECT ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)
                """).execute(arguments: [id, rows.fieldsJSON])
        }
        let insertFinding = try db.cachedStatement(
            sql: "INSERT INTO findings (document, rule, severity, fields, message, page) VALUES (?, ?, ?, ?, ?, ?)")
        for f in r.findings {
            try insertFinding.execute(arguments: [id, f.rule, f.severity.rawValue, f.fields.joined(separator: " "), f.message, f.page])
        }
    }

    /// Adds a document whose rows are the ones the corpus files of the last run hold for `name` (its output
    /// has not changed): they are copied from there by `copyReused`, in SQL, rather than built again.
    public func reuse(id: Int, name: String, path: String) throws {
        try queue.inDatabase { db in
            if !db.isInsideTransaction { try db.beginTransaction() }
            try db.cachedStatement(sql: "INSERT INTO reused (id, name, path) VALUES (?, ?, ?)").execute(arguments: [id, name, path])
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
            try db.inTransaction {
                try db.execute(sql: """
                    INSERT INTO documents (id, name, source, path, sha256, template, year, issuer, pages, unreadable, errors, warnings)
                        SELECT r.id, d.name, d.source, r.path, d.sha256, d.template, d.year, d.issuer, d.pages, d.unreadable, 0, 0
                        FROM reused r JOIN previous.documents d ON d.name = r.name ORDER BY r.id;
                    INSERT INTO fields (document, field, value, page)
                        SELECT r.id, f.field, f.value, f.page
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
            return try Int.fetchAll(db, sql: "SELECT id FROM reused WHERE id NOT IN (SELECT id FROM documents) ORDER BY id")
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
            let matched = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reused r JOIN previous.documents d ON d.name = r.name") ?? -3
            return all == reused && reused == matched
        }
    }

    /// `[["field id", value, page or null], ...]` in the catalogue's order. Whole numbers of integer fields
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
            json += "[\"\(spec.id)\",\(number),\(r.evidence[spec.id]?.page.map(String.init) ?? "null")]"
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
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [name]) else { continue }
                for f in list {
                    try db.execute(
                        sql: "INSERT INTO findings (document, rule, severity, fields, message, page) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [id, f.rule, f.severity.rawValue, f.fields.joined(separator: " "), f.message, f.page])
                    let column = f.severity == .error ? "errors" : f.severity == .warning ? "warnings" : nil
                    if let column { try db.execute(sql: "UPDATE documents SET \(column) = \(column) + 1 WHERE id = ?", arguments: [id]) }
                }
            }
        }
    }

    // MARK: carry_chain

    /// `carry_chain`: a body's 二、上年结转 for year N equals its 四、结转下年度继续办理 for year N−1, bodies
    /// matched by normalised issuer. Returns the findings per document name (on the year-N report).
    ///
    /// With `inPrevious`, reads the last run's corpus.sqlite instead of this run's rows: the same rows when
    /// every document is reused (`previousHoldsExactlyReused`), found without copying them first.
    public func carryChain(severity: Finding.Severity, inPrevious: Bool = false) throws -> [String: [Finding]] {
        struct Doc { var name: String; var source: String; var issuer: String; var year: Int; var fields: [String: Double] }
        func read(_ db: Database) throws -> [Doc] {
            var docs: [Doc] = []
            var lastID: Int64?
            let rows = try Row.fetchCursor(db, sql: """
                SELECT d.id, d.name, d.source, d.issuer, d.year, f.field, f.value FROM documents d
                LEFT JOIN fields f ON f.document = d.id
                    AND (f.field LIKE 'apps.carried_over.%' OR f.field LIKE 'apps.carried_forward.%')
                WHERE d.issuer IS NOT NULL AND d.year IS NOT NULL ORDER BY d.id
                """)
            while let row = try rows.next() {
                let id: Int64 = row["id"]
                if id != lastID {
                    docs.append(Doc(name: row["name"], source: row["source"], issuer: Self.issuerKey(row["issuer"]), year: row["year"], fields: [:]))
                    lastID = id
                }
                if let field = row["field"] as String? { docs[docs.count - 1].fields[field] = row["value"] }
            }
            return docs
        }
        try commitPending()
        let docs: [Doc]
        if inPrevious {
            let previous = try DatabaseQueue(path: directory.appendingPathComponent(Self.databaseName).path)
            docs = try previous.read(read)
            try previous.close()
        } else {
            docs = try queue.read(read)
        }
        var byBodyYear: [String: [Doc]] = [:]
        for d in docs { byBodyYear["\(d.issuer)|\(d.year)", default: []].append(d) }
        var out: [String: [Finding]] = [:]
        let names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
        for d in docs {
            // One report per body and year on each side, else the match is not certain.
            guard byBodyYear["\(d.issuer)|\(d.year)"]?.count == 1, let prior = byBodyYear["\(d.issuer)|\(d.year - 1)"], prior.count == 1
            else { continue }
            let p = prior[0]
            for (i, column) in FieldCatalog.applicantColumns.enumerated() {
                guard let now = d.fields["apps.carried_over.\(column)"], let before = p.fields["apps.carried_forward.\(column)"], now != before
                else { continue }
                out[d.name, default: []].append(Finding(
                    rule: "carry_chain", severity: severity,
                    fields: ["apps.carried_over.\(column)"],
                    message: "carry_chain (\(names[i])): 二、上年结转 for \(d.year) is \(Self.format(now)) but the \(p.year) report (\(p.source)) carried \(Self.format(before)) forward (四、结转下年度继续办理)"))
            }
        }
        return out
    }

    static func format(_ d: Double) -> String { d == d.rounded() ? String(Int64(d)) : String(d) }

    /// `山西省临汾市人民政府办公室` and `临汾市人民政府` name one body: spaces, a leading province, and a
    /// trailing 办公室 are not part of the key.
    public static func issuerKey(_ issuer: String) -> String {
        var s = issuer.filter { !$0.isWhitespace }
        for suffix in ["办公室", "办公厅"] where s.hasSuffix(suffix) && s.count > suffix.count + 2 { s.removeLast(suffix.count) }
        if let r = s.range(of: "省"), s.distance(from: s.startIndex, to: r.lowerBound) <= 4, s[r.upperBound...].count >= 3 {
            s = String(s[r.upperBound...])
        }
        return s
    }

    // MARK: finishing

    /// Writes the CSV files from the database and puts every output in place.
    public func finish() throws {
        try commitPending()
        try queue.close()
        let ordered = directory.appendingPathComponent(Self.databaseName + ".ordered")
        // The CSV files and the ordered database are made at the same time, each by its own reader of
        // the scratch file: this is the part of a run that no worker shares.
        let (partial, directory) = (partial, directory)
        let csv = Mutex<Result<Void, any Error>?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let result = Result { try Self.writeCSVs(from: partial, to: directory) }
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
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE p")
        }
        try out.close()
    }

    /// Drops this run's scratch file and leaves the corpus files as they are (nothing in them changed).
    public func discard() throws {
        try queue.inDatabase { db in if db.isInsideTransaction { try db.rollback() } }
        try queue.close()
        try? FileManager.default.removeItem(at: partial)
    }

    func writeCSVs() throws { try Self.writeCSVs(from: partial, to: directory) }

    static func writeCSVs(from partial: URL, to directory: URL) throws {
        let ids = FieldCatalog.ids
        var reports = "\u{FEFF}" + CSV.row(["source", "path", "sha256", "template", "year", "issuer", "pages", "unreadable", "errors", "warnings"] + ids)
        var findings = "\u{FEFF}" + CSV.row(["source", "path", "rule", "severity", "fields", "message", "page"])
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let reader = try DatabaseQueue(path: partial.path, configuration: configuration)
        defer { try? reader.close() }
        try reader.read { db in
            // Three ordered scans merged by document id: one query each, whatever the corpus size, and
            // never more than one document's rows in memory.
            let fieldRows = try Row.fetchCursor(db, sql: "SELECT document, field, value FROM fields ORDER BY document")
            let findingRows = try Row.fetchCursor(db, sql: "SELECT * FROM findings ORDER BY document, rowid")
            var pendingField: (document: Int64, field: String, value: String)?
            var pendingFinding: (document: Int64, cells: [String])?
            func nextField() throws -> (Int64, String, String)? {
                guard let f = try fieldRows.next() else { return nil }
                let v = f["value"] as DatabaseValue
                let text: String
                switch v.storage {
                case .int64(let i): text = String(i)
                case .double(let d): text = String(d)
                default: text = String(describing: v)
                }
                return (f["document"], f["field"], text)
            }
            func nextFinding() throws -> (Int64, [String])? {
                guard let f = try findingRows.next() else { return nil }
                return (f["document"], [f["rule"], f["severity"], f["fields"], f["message"], (f["page"] as Int?).map(String.init) ?? ""])
            }
            pendingField = try nextField()
            pendingFinding = try nextFinding()
            for doc in try Row.fetchAll(db, sql: "SELECT * FROM documents ORDER BY id") {
                let id: Int64 = doc["id"]
                var values: [String: String] = [:]
                while let f = pendingField, f.document <= id {
                    if f.document == id { values[f.field] = f.value }
                    pendingField = try nextField()
                }
                let head: [String] = [doc["source"], doc["path"], doc["sha256"], doc["template"] ?? "", (doc["year"] as Int?).map(String.init) ?? "",
                                      doc["issuer"] ?? "", (doc["pages"] as Int?).map(String.init) ?? "", doc["unreadable"] ?? "",
                                      String(doc["errors"] as Int), String(doc["warnings"] as Int)]
                reports += CSV.row(head + ids.map { values[$0] ?? "" })
                while let f = pendingFinding, f.document <= id {
                    if f.document == id { findings += CSV.row([doc["source"], doc["path"]] + f.cells) }
                    pendingFinding = try nextFinding()
                }
            }
        }
        try Data(reports.utf8).write(to: directory.appendingPathComponent("reports.csv"), options: .atomic)
        try Data(findings.utf8).write(to: directory.appendingPathComponent("findings.csv"), options: .atomic)
    }
}

extension Int64 {
    var decimal: Decimal { Decimal(self) }
}

/// RFC 4180 rows: CRLF line ends, fields quoted where they hold a comma, quote or line break.
enum CSV {
    static func row(_ fields: [String]) -> String {
        fields.map { f in
            f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\r\n"
    }
}
