import Foundation
import GRDB

/// One document of a corpus.sqlite as its three tables hold it: the row of `documents`, its rows of
/// `fields` and of `findings` (in their order). What a sink copies elsewhere (`NianbaoPostgres`).
public struct CorpusDocumentRows: Sendable, Equatable, Codable {
    public var name: String
    public var source: String
    public var path: String
    public var sha256: String
    public var template: String?
    public var year: Int?
    public var issuer: String?
    public var pages: Int?
    public var unreadable: String?
    public var fields: [Field]
    public var findings: [Finding]

    public init(
        name: String, source: String, path: String, sha256: String, template: String?, year: Int?, issuer: String?,
        pages: Int?, unreadable: String?, fields: [Field], findings: [Finding]
    ) {
        self.name = name
        self.source = source
        self.path = path
        self.sha256 = sha256
        self.template = template
        self.year = year
        self.issuer = issuer
        self.pages = pages
        self.unreadable = unreadable
        self.fields = fields
        self.findings = findings
    }

    public struct Field: Sendable, Equatable, Codable {
        public var field: String
        /// The number as text, exactly as stored (an integer, or a double's shortest form).
        public var value: String
        public var page: Int?
        public var x0: Double?
        public var y0: Double?
        public var x1: Double?
        public var y1: Double?
        public var line: Int?

        public init(
            field: String, value: String, page: Int?, x0: Double?, y0: Double?, x1: Double?, y1: Double?, line: Int?
        ) {
            self.field = field
            self.value = value
            self.page = page
            self.x0 = x0
            self.y0 = y0
            self.x1 = x1
            self.y1 = y1
            self.line = line
        }
    }

    public struct Finding: Sendable, Equatable, Codable {
        public var rule: String
        public var severity: String
        /// Field ids separated by spaces.
        public var fields: String
        public var message: String
        public var page: Int?

        public init(rule: String, severity: String, fields: String, message: String, page: Int?) {
            self.rule = rule
            self.severity = severity
            self.fields = fields
            self.message = message
            self.page = page
        }
    }

    public var errors: Int { findings.filter { $0.severity == "error" }.count }
    public var warnings: Int { findings.filter { $0.severity == "warning" }.count }
}

/// A row of `field_catalog`.
public struct CorpusCatalogRow: Sendable, Equatable, Codable {
    public var id: String
    public var position: Int
    public var section: Int
    public var templates: String
    public var type: String
    public var label: String
}

extension CorpusDatabase {
    /// The documents of the corpus.sqlite in `directory` whose id is above `after`, at most `limit`, in id
    /// order, and the last one's id (nil when there are none): read a corpus of any size a batch at a time.
    public static func documents(
        in directory: URL, after: Int64, limit: Int
    ) throws -> (documents: [CorpusDocumentRows], last: Int64?) {
        try read(directory.appendingPathComponent(databaseName)) { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit])
            guard !rows.isEmpty else { return ([], nil) }
            let ids: [Int64] = try rows.map { try $0.decode(forColumn: "id") }
            var documents: [Int64: CorpusDocumentRows] = [:]
            for (id, row) in zip(ids, rows) {
                documents[id] = CorpusDocumentRows(
                    name: try row.decode(forColumn: "name"), source: try row.decode(forColumn: "source"),
                    path: try row.decode(forColumn: "path"), sha256: try row.decode(forColumn: "sha256"),
                    template: try row.decode(forColumn: "template"), year: try row.decode(forColumn: "year"),
                    issuer: try row.decode(forColumn: "issuer"), pages: try row.decode(forColumn: "pages"),
                    unreadable: try row.decode(forColumn: "unreadable"), fields: [], findings: [])
            }
            let range: StatementArguments = [ids[0], ids[ids.count - 1]]
            // CAST AS TEXT gives an integer as printed and a double in the shortest form that reads back.
            let fields = try Row.fetchCursor(
                db,
                sql: """
                    SELECT document, field, CAST(value AS TEXT) AS value, page, x0, y0, x1, y1, line FROM fields
                    WHERE document BETWEEN ? AND ? ORDER BY document, field
                    """, arguments: range)
            while let row = try fields.next() {
                let id: Int64 = try row.decode(forColumn: "document")
                documents[id]?.fields.append(
                    .init(
                        field: try row.decode(forColumn: "field"), value: try row.decode(forColumn: "value"),
                        page: try row.decode(forColumn: "page"), x0: try row.decode(forColumn: "x0"),
                        y0: try row.decode(forColumn: "y0"), x1: try row.decode(forColumn: "x1"),
                        y1: try row.decode(forColumn: "y1"), line: try row.decode(forColumn: "line")))
            }
            let findings = try Row.fetchCursor(
                db,
                sql: """
                    SELECT document, rule, severity, fields, message, page FROM findings
                    WHERE document BETWEEN ? AND ? ORDER BY document, rowid
                    """, arguments: range)
            while let row = try findings.next() {
                let id: Int64 = try row.decode(forColumn: "document")
                documents[id]?.findings.append(
                    .init(
                        rule: try row.decode(forColumn: "rule"), severity: try row.decode(forColumn: "severity"),
                        fields: try row.decode(forColumn: "fields"), message: try row.decode(forColumn: "message"),
                        page: try row.decode(forColumn: "page")))
            }
            return (ids.compactMap { documents[$0] }, ids.last)
        }
    }

    /// The `field_catalog` table of the corpus.sqlite in `directory`, in its order.
    public static func catalog(in directory: URL) throws -> [CorpusCatalogRow] {
        try read(directory.appendingPathComponent(databaseName)) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM field_catalog ORDER BY position").map { row in
                CorpusCatalogRow(
                    id: try row.decode(forColumn: "id"), position: try row.decode(forColumn: "position"),
                    section: try row.decode(forColumn: "section"), templates: try row.decode(forColumn: "templates"),
                    type: try row.decode(forColumn: "type"), label: try row.decode(forColumn: "label"))
            }
        }
    }
}
