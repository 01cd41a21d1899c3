import Foundation
import GRDB
import NianbaoCore

/// `reports.csv` and `findings.csv`, made from the tables of a corpus database (`CorpusDatabase`): UTF-8
/// with a byte-order mark and RFC 4180 rows, so that spreadsheets open them with the Chinese text intact.
enum CorpusCSV {
    static let fileNames = ["reports.csv", "findings.csv"]

    /// Writes both files into `directory` from the database at `database`, documents in id order.
    static func write(from database: URL, to directory: URL) throws {
        let ids = FieldCatalog.ids
        var reports =
            "\u{FEFF}"
            + row(
                ["source", "path", "sha256", "template", "year", "issuer", "pages", "unreadable", "errors", "warnings"]
                    + ids)
        var findings = "\u{FEFF}" + row(["source", "path", "rule", "severity", "fields", "message", "page"])
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let reader = try DatabaseQueue(path: database.path, configuration: configuration)
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
                return (
                    f["document"],
                    [f["rule"], f["severity"], f["fields"], f["message"], (f["page"] as Int?).map(String.init) ?? ""]
                )
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
                let head: [String] = [
                    doc["source"], doc["path"], doc["sha256"], doc["template"] ?? "",
                    (doc["year"] as Int?).map(String.init) ?? "",
                    doc["issuer"] ?? "", (doc["pages"] as Int?).map(String.init) ?? "", doc["unreadable"] ?? "",
                    String(doc["errors"] as Int), String(doc["warnings"] as Int),
                ]
                reports += row(head + ids.map { values[$0] ?? "" })
                while let f = pendingFinding, f.document <= id {
                    if f.document == id { findings += row([doc["source"], doc["path"]] + f.cells) }
                    pendingFinding = try nextFinding()
                }
            }
        }
        try Data(reports.utf8).write(to: directory.appendingPathComponent("reports.csv"), options: .atomic)
        try Data(findings.utf8).write(to: directory.appendingPathComponent("findings.csv"), options: .atomic)
    }

    /// An RFC 4180 row: CRLF line end, fields quoted where they hold a comma, quote or line break.
    static func row(_ fields: [String]) -> String {
        fields.map { f in
            f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\r\n"
    }
}
