import Foundation
import GRDB
import NianbaoCore

/// What the columns of `reports.csv` are called: the fields' ids (`apps.granted.natural`, the default), or
/// their labels in `fields.tsv` (`三、本年度办理结果 / （一）予以公开 × 自然人`).
public enum CorpusHeaders: String, Sendable, CaseIterable {
    case id, zh
}

/// `reports.csv` (one row a report, one column a field), `findings.csv` (one row a finding) and
/// `fields.csv` (one row a value read, with the page and box it was read at: the long form, for tidy
/// analysis), made from the tables of a corpus database (`CorpusDatabase`): UTF-8 with a byte-order mark
/// and RFC 4180 rows, so that spreadsheets open them with the Chinese text intact.
enum CorpusCSV {
    static let fileNames = ["reports.csv", "findings.csv", "fields.csv"]

    /// The columns of `reports.csv` before the fields, by `CorpusHeaders`.
    static let reportColumns: [CorpusHeaders: [String]] = [
        .id: ["source", "path", "sha256", "template", "year", "issuer", "pages", "unreadable", "errors", "warnings"],
        .zh: ["文件", "路径", "SHA-256", "模板", "年度", "发布机关", "页数", "无法读取", "错误", "警告"],
    ]

    /// Writes the files into `directory` from the database at `database`, documents in id order.
    static func write(from database: URL, to directory: URL, headers: CorpusHeaders = .id) throws {
        let ids = FieldCatalog.ids
        let fieldColumns = headers == .zh ? FieldCatalog.all.map(\.label) : ids
        var reports = "\u{FEFF}" + row(reportColumns[headers]! + fieldColumns)
        var findings = "\u{FEFF}" + row(["source", "path", "rule", "severity", "fields", "message", "page"])
        // fields.csv is the largest (a row per value read): written as it is made, a megabyte at a time.
        let longURL = directory.appendingPathComponent("fields.csv")
        guard FileManager.default.createFile(atPath: longURL.path, contents: nil),
            let longFile = try? FileHandle(forWritingTo: longURL)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: longURL.path]) }
        defer { try? longFile.close() }
        var long = "\u{FEFF}" + row(["source", "path", "field", "value", "page", "x0", "y0", "x1", "y1", "line"])
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let reader = try DatabaseQueue(path: database.path, configuration: configuration)
        defer { try? reader.close() }
        try reader.read { db in
            // Three ordered scans merged by document id: one query each, whatever the corpus size, and
            // never more than one document's rows in memory.
            let fieldRows = try Row.fetchCursor(db, sql: "SELECT * FROM fields ORDER BY document")
            let findingRows = try Row.fetchCursor(db, sql: "SELECT * FROM findings ORDER BY document, rowid")
            var pendingField: (document: Int64, field: String, value: String, place: [String])?
            var pendingFinding: (document: Int64, cells: [String])?
            func nextField() throws -> (Int64, String, String, [String])? {
                guard let f = try fieldRows.next() else { return nil }
                let v = f["value"] as DatabaseValue
                let text: String
                switch v.storage {
                case .int64(let i): text = String(i)
                case .double(let d): text = String(d)
                default: text = String(describing: v)
                }
                // The page and box as NAME.json's evidence writes them.
                let place =
                    [(f["page"] as Int?).map(String.init) ?? ""]
                    + ["x0", "y0", "x1", "y1"].map { (f[$0] as Double?).map(FieldCoding.format1) ?? "" }
                    + [(f["line"] as Int?).map(String.init) ?? ""]
                return (f["document"], f["field"], text, place)
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
                var places: [String: [String]] = [:]
                while let f = pendingField, f.document <= id {
                    if f.document == id { (values[f.field], places[f.field]) = (f.value, f.place) }
                    pendingField = try nextField()
                }
                let source: String = doc["source"], path: String = doc["path"]
                for field in ids where values[field] != nil {
                    long += row([source, path, field, values[field]!] + places[field]!)
                }
                if long.utf8.count >= 1 << 20 {
                    try longFile.write(contentsOf: Data(long.utf8))
                    long = ""
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
        try longFile.write(contentsOf: Data(long.utf8))
    }

    /// An RFC 4180 row: CRLF line end, fields quoted where they hold a comma, quote or line break.
    static func row(_ fields: [String]) -> String {
        fields.map { f in
            f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\r\n"
    }
}
