import Foundation
import GRDB
import NianbaoCore
import NianbaoTestSupport
import Testing

@testable import NianbaoStore

let storePipeline: Pipeline = try! Pipeline(rules: projectRules)

/// A seed report of Corpus/.
func seed(_ name: String) throws -> [UInt8] { try repositoryBytes("Corpus/\(name)") }

@Suite struct StageStoreTests {
    @Test func resultsSurviveAReopenedStore() throws {
        let dir = try scratchDirectory()
        let path = dir.appendingPathComponent("stages.sqlite").path
        let bytes = try seed("001_a8d23b48448f5a19.txt")
        let first = storePipeline.process(
            name: "r.txt", bytes: bytes, kind: .text, store: try SQLiteStageStore(path: path))
        #expect(first.usage.computed.count == 4)
        // A new process (a rerun after the first was killed) opens the same file.
        let reopened = try SQLiteStageStore(path: path)
        // Four stages, and the parse stage's text stored beside its result.
        #expect(reopened.counts() == ["layout": 1, "cleanup": 1, "parse": 1, "parse.text": 1, "validate": 1])
        let second = storePipeline.process(name: "r.txt", bytes: bytes, kind: .text, store: reopened)
        #expect(second.usage.computed.isEmpty)
        #expect(ReportJSON.encode(first.result) == ReportJSON.encode(second.result))
    }

    @Test func anInterruptedRunResumesWhereItStopped() throws {
        // Two of three documents were done when the run was killed; the rerun does only the third.
        let dir = try scratchDirectory()
        let path = dir.appendingPathComponent("stages.sqlite").path
        let names = ["000_84813c9e2f9c14b8.txt", "001_a8d23b48448f5a19.txt", "002_98d5d9cfaf16f11b.txt"]
        do {
            let store = try SQLiteStageStore(path: path)
            for name in names.prefix(2) {
                _ = storePipeline.process(name: name, bytes: try seed(name), kind: .text, store: store)
            }
        }
        let store = try SQLiteStageStore(path: path)
        var usage = StageUsage()
        for name in names {
            usage.add(storePipeline.process(name: name, bytes: try seed(name), kind: .text, store: store).usage)
        }
        #expect(usage.computed == [.layout: 1, .cleanup: 1, .parse: 1, .validate: 1])
        #expect(usage.reused == [.layout: 2, .cleanup: 2, .parse: 2, .validate: 2])
    }

    /// An index entry damaged so that it leads to another row: that row's result is intact (its digest
    /// holds) but belongs to another key, so it must not be taken. SQLite reads the key column from the
    /// index itself, so comparing the key "read back" proves nothing unless it comes from the row.
    /// (Found by the flipped-bits test: a report came out as another, empty document.)
    @Test func anIndexLeadingToAnotherRowIsNotBelieved() throws {
        let dir = try scratchDirectory()
        let path = dir.appendingPathComponent("stages.sqlite").path
        let keyA = String(repeating: "a", count: 64), keyB = String(repeating: "b", count: 64)
        let resultB = StoredResult(digest: Pipeline.sha256(Array("B".utf8)), value: Data("B".utf8))
        do {
            let store = try SQLiteStageStore(path: path)
            // A first row, so that A's and B's rowids (2 and 3) are stored as one byte each.
            store.save(String(repeating: "0", count: 64), stage: "layout", result: resultB)
            store.save(
                keyA, stage: "layout",
                result: StoredResult(digest: Pipeline.sha256(Array("A".utf8)), value: Data("A".utf8)))
            store.save(keyB, stage: "layout", result: resultB)
            let rowids = try store.pool.read {
                try Int.fetchAll($0, sql: "SELECT rowid FROM stage_results ORDER BY key")
            }
            #expect(rowids == [1, 2, 3])
        }
        // In the key's index, A's entry is its key then its rowid (one byte, 2); in the table, A's key is
        // followed by the stage's name. A's index entry is made to say rowid 3: B's row.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let pattern = Array(keyA.utf8) + [2]
        let at = try #require(
            bytes.indices.first { bytes[$0..<min($0 + pattern.count, bytes.count)].elementsEqual(pattern) })
        bytes[at + 64] = 3
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let store = try SQLiteStageStore(path: path)
        #expect(store.digest(keyA) == nil)
        #expect(store.load(keyA) == nil)
        #expect(store.damagedCount == 2)
        #expect(store.load(keyB)?.value == resultB.value)
        // A flipped bit in a column's type (a digest read back as a number, a key as a blob): no trap, and
        // nothing believed.
        try store.pool.write {
            try $0.execute(
                sql: """
                    UPDATE stage_results SET digest = 1.5 WHERE key = ?;
                    UPDATE stage_results SET key = x'00' WHERE stage = 'layout' AND key = ?
                    """, arguments: [keyB, String(repeating: "0", count: 64)])
        }
        #expect(store.load(keyB)?.isIntact == false)
        #expect(store.load(String(repeating: "0", count: 64)) == nil)
        #expect(store.counts() == ["layout": 3])
    }
}

@Suite struct CorpusDatabaseTests {
    func result(
        _ source: String, issuer: String, year: Int, carriedOver: Decimal, carriedForward: Decimal
    ) -> ReportResult {
        var fields: [String: Decimal] = [:]
        for c in FieldCatalog.applicantColumns {
            fields["apps.carried_over.\(c)"] = c == "total" ? carriedOver : 0
            fields["apps.carried_forward.\(c)"] = c == "total" ? carriedForward : 0
        }
        fields["active.fees.amount"] = Decimal(string: "15.64")
        return ReportResult(
            source: source, sha256: "00", template: .y2021, year: year, issuer: issuer, fields: fields,
            findings: [Finding(rule: "x", severity: .warning, fields: ["a", "b"], message: "say \"hi\", twice")])
    }

    @Test func carryChainAcrossYearsOfOneBody() throws {
        let dir = try scratchDirectory()
        let corpus = try CorpusDatabase(directory: dir)
        try corpus.add(
            result("a2022.pdf", issuer: "山西省临汾市人民政府办公室", year: 2022, carriedOver: 0, carriedForward: 9), id: 1,
            name: "a2022", path: "a2022.pdf")
        try corpus.add(
            result("a2023.pdf", issuer: "临汾市人民政府", year: 2023, carriedOver: 7, carriedForward: 0), id: 2, name: "a2023",
            path: "a2023.pdf")
        try corpus.add(
            result("b2023.pdf", issuer: "交城县人民政府", year: 2023, carriedOver: 5, carriedForward: 0), id: 3, name: "b2023",
            path: "b2023.pdf")
        let rule = try #require(storePipeline.rules.validation.carryChain)
        let found = CarryChain.check(try corpus.documentSummaries(fields: CarryChain.fieldIDs), rule: rule)
        #expect(Array(found.keys) == ["a2023"])
        #expect(found["a2023"]?.first?.message.contains("is 7") == true)
        #expect(found["a2023"]?.first?.message.contains("carried 9 forward") == true)
        try corpus.addFindings(found)
        try corpus.finish()
        let db = try DatabaseQueue(path: dir.appendingPathComponent("corpus.sqlite").path)
        let rules = try db.read { try String.fetchAll($0, sql: "SELECT rule FROM findings ORDER BY rule") }
        #expect(rules.filter { $0 == "carry_chain" }.count == 1)
        let fee = try db.read {
            try Double.fetchOne($0, sql: "SELECT value FROM fields WHERE field = 'active.fees.amount' AND document = 1")
        }
        #expect(fee == 15.64)
    }

    @Test func csvFilesOpenInASpreadsheet() throws {
        let dir = try scratchDirectory()
        let corpus = try CorpusDatabase(directory: dir)
        try corpus.add(
            result("a.txt", issuer: "某县人民政府", year: 2022, carriedOver: 1, carriedForward: 2), id: 1, name: "a",
            path: "x/a.txt")
        try corpus.finish()
        let bytes = try Data(contentsOf: dir.appendingPathComponent("reports.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])  // UTF-8 with BOM, for spreadsheets
        let reports = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(reports.hasPrefix("source,path,sha256,template,year,issuer"))
        let lines = reports.components(separatedBy: "\r\n")
        #expect(lines[0].split(separator: ",").count == 10 + FieldCatalog.all.count)
        #expect(lines[1].contains(",15.64,"))
        let findings = try String(contentsOf: dir.appendingPathComponent("findings.csv"), encoding: .utf8)
        #expect(findings.contains("\"say \"\"hi\"\", twice\""))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("corpus.sqlite.partial").path))
    }

    @Test func theCodebookAndTheLongFormTravelWithTheCorpus() throws {
        let dir = try scratchDirectory()
        let corpus = try CorpusDatabase(directory: dir, headers: .zh)
        var r = result("a.pdf", issuer: "某县人民政府", year: 2022, carriedOver: 1, carriedForward: 2)
        r.evidence["active.fees.amount"] = SourceLocation(page: 2, box: Box(x0: 100.04, y0: 200, x1: 130.26, y1: 211.5))
        r.evidence["apps.carried_over.total"] = SourceLocation(line: 41)
        try corpus.add(r, id: 1, name: "a", path: "x/a.pdf")
        try corpus.finish()
        let db = try DatabaseQueue(path: dir.appendingPathComponent("corpus.sqlite").path)
        let catalog = try db.read {
            try Row.fetchAll($0, sql: "SELECT id, section, templates, type, label FROM field_catalog ORDER BY position")
        }
        #expect(catalog.count == FieldCatalog.all.count)
        let rows: [String] = catalog.map { row -> String in
            let id: String = row["id"], section: Int = row["section"], templates: String = row["templates"]
            let type: String = row["type"], label: String = row["label"]
            return [id, String(section), templates, type, label].joined(separator: "\t")
        }
        let expected: [String] = FieldCatalog.tsv.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows == expected)
        let box = try db.read {
            try Row.fetchOne($0, sql: "SELECT page, x0, y0, x1, y1 FROM fields WHERE field = 'active.fees.amount'")
        }
        let page: Int? = box?["page"], x0: Double? = box?["x0"], x1: Double? = box?["x1"], y1: Double? = box?["y1"]
        #expect(page == 2 && x0 == 100.0 && x1 == 130.3 && y1 == 211.5)
        // reports.csv in the template's words.
        let reports = try String(contentsOf: dir.appendingPathComponent("reports.csv"), encoding: .utf8)
        let header = try #require(reports.components(separatedBy: "\r\n").first)
        #expect(header.hasPrefix("文件,路径,SHA-256,模板,年度,发布机关,页数,无法读取,错误,警告,规章 / 本年制发件数,"))
        // Cells split at the commas outside quotes: labels with a comma in them are quoted.
        var cells = [""], quoted = false
        for c in header {
            if c == "\"" {
                quoted.toggle()
            } else if c == "," && !quoted {
                cells.append("")
            } else {
                cells[cells.count - 1].append(c)
            }
        }
        #expect(cells.count == 10 + FieldCatalog.all.count)
        #expect(Array(cells.dropFirst(10)) == FieldCatalog.all.map(\.label))
        // fields.csv: one row a value, in the catalogue's order, with its page and box where it has one.
        let long = try String(contentsOf: dir.appendingPathComponent("fields.csv"), encoding: .utf8)
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(long.first == "source,path,field,value,page,x0,y0,x1,y1,line")
        #expect(Array(try Data(contentsOf: dir.appendingPathComponent("fields.csv")).prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(long.count == 1 + r.fields.count)
        #expect(long.contains("a.pdf,x/a.pdf,active.fees.amount,15.64,2,100.0,200.0,130.3,211.5,"))
        #expect(long.contains("a.pdf,x/a.pdf,apps.carried_over.total,1,,,,,,41"))
        #expect(long.contains("a.pdf,x/a.pdf,apps.carried_forward.natural,0,,,,,,"))
        let order = long.dropFirst().map { FieldCatalog.order(String($0.split(separator: ",")[2])) }
        #expect(order == order.sorted())
    }

    @Test func aCorpusOfTheOlderFormatIsNotCopiedFrom() throws {
        let dir = try scratchDirectory()
        // corpus.sqlite as format 1 wrote it: no boxes in `fields`.
        let old = try DatabaseQueue(path: dir.appendingPathComponent("corpus.sqlite").path)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
                        path TEXT NOT NULL, sha256 TEXT NOT NULL, template TEXT, year INTEGER, issuer TEXT, pages INTEGER,
                        unreadable TEXT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL);
                    CREATE TABLE fields (document INTEGER NOT NULL, field TEXT NOT NULL, value NUMERIC NOT NULL,
                        page INTEGER, PRIMARY KEY (document, field));
                    CREATE TABLE findings (document INTEGER NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL,
                        fields TEXT NOT NULL, message TEXT NOT NULL, page INTEGER);
                    INSERT INTO documents VALUES (1, 'a', 'a.txt', 'a.txt', '00', '2021', 2022, '甲', NULL, NULL, 0, 0);
                    INSERT INTO fields VALUES (1, 'active.fees.amount', 15.64, NULL);
                    """)
        }
        try old.close()
        let corpus = try CorpusDatabase(directory: dir)
        try corpus.reuse(id: 1, name: "a", path: "a.txt")
        #expect(try corpus.copyReused(trusted: true) == [1])
        try corpus.discard()
    }

    @Test func anUnfinishedRunLeavesThePreviousCorpusInPlace() throws {
        let dir = try scratchDirectory()
        let first = try CorpusDatabase(directory: dir)
        try first.add(
            result("a.txt", issuer: "甲县人民政府", year: 2022, carriedOver: 0, carriedForward: 0), id: 1, name: "a",
            path: "a.txt")
        try first.finish()
        let before = try Data(contentsOf: dir.appendingPathComponent("corpus.sqlite"))
        let second = try CorpusDatabase(directory: dir)  // killed before finish()
        try second.add(
            result("b.txt", issuer: "乙县人民政府", year: 2022, carriedOver: 0, carriedForward: 0), id: 1, name: "b",
            path: "b.txt")
        #expect(try Data(contentsOf: dir.appendingPathComponent("corpus.sqlite")) == before)
    }
}
