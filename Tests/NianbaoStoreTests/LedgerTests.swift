import Foundation
import GRDB
import NianbaoCore
import Testing

@testable import NianbaoStore

/// A scratch directory under the system's temporary directory, left for the system to clear.
private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-ledger-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct OutputLedgerTests {
    @Test func recordsSurviveAReopenedCache() throws {
        let path = try scratch().appendingPathComponent("stages.sqlite").path
        let identity = InputIdentity(
            device: 2049, inode: 7, size: 1234,
            mtime: 1_700_000_000_123_456_789, ctime: 1_700_000_001_000_000_000)
        let stamps = [FileStamp(size: 10, mtime: 1), FileStamp(size: 20, mtime: 2)]
        do {
            let ledger = try SQLiteStageStore(path: path).ledger
            ledger.setInput("in/a.pdf", identity: identity, digest: "aa")
            ledger.setEntry(.document, ["out/a.json", "out/a.txt"], .init(digest: "d1", carry: nil, stamps: stamps))
            ledger.setEntry(.document, ["out/b.json", "out/b.txt"], .init(digest: "d2", carry: "c2", stamps: stamps))
            ledger.setCorpusRows([("out/a.json", "d0")])
        }
        let ledger = try SQLiteStageStore(path: path).ledger
        #expect(ledger.input("in/a.pdf")?.identity == identity)
        #expect(ledger.input("in/a.pdf")?.digest == "aa")
        #expect(ledger.input("out/a.json") == nil)
        #expect(
            ledger.entry(.document, ["out/a.json", "out/a.txt"]) == .init(digest: "d1", carry: nil, stamps: stamps))
        #expect(ledger.entry(.document, ["out/b.json", "out/b.txt"])?.carry == "c2")
        // The same path under another kind is another record.
        #expect(ledger.corpusRows("out/a.json") == "d0")
        #expect(ledger.corpusRows("out/b.json") == nil)
        #expect(ledger.entry(.corpus, ["out/a.json", "out/a.txt"]) == nil)
    }

    @Test func filesWrittenTogetherAreKnownOnlyTogether() throws {
        let ledger = try SQLiteStageStore(path: try scratch().appendingPathComponent("stages.sqlite").path).ledger
        let one = FileStamp(size: 1, mtime: 1)
        ledger.setEntry(.document, ["a.json", "a.txt"], .init(digest: "d", carry: nil, stamps: [one, one]))
        // A file recorded by another write (another digest) does not make the pair known.
        ledger.setEntry(.document, ["b.json", "b.txt"], .init(digest: "d", carry: nil, stamps: [one, one]))
        ledger.setEntry(.document, ["b.txt"], .init(digest: "other", carry: nil, stamps: [one]))
        #expect(ledger.entry(.document, ["a.json", "a.txt"])?.stamps == [one, one])
        #expect(ledger.entry(.document, ["a.json", "missing.txt"]) == nil)
        #expect(ledger.entry(.document, ["b.json", "b.txt"]) == nil)
    }

    @Test func aCacheOfTheOldSchemaOpensWithItsStageResults() throws {
        let path = try scratch().appendingPathComponent("stages.sqlite").path
        // The cache as versions before the ledger left it: no record of migrations, string records.
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE stage_results (key TEXT PRIMARY KEY NOT NULL, stage TEXT NOT NULL, digest TEXT NOT NULL,
                                                value BLOB NOT NULL, saved_at REAL NOT NULL);
                    CREATE TABLE outputs (path TEXT PRIMARY KEY NOT NULL, record TEXT NOT NULL);
                    INSERT INTO stage_results VALUES ('k', 'parse', 'digest', x'7b7d', 0);
                    INSERT INTO outputs VALUES ('input:/in/a.pdf', '1:2:3:4.5:6.7 aa'), ('/out/a.json', 'd - 1:2.3 4:5.6');
                    """)
        }
        try old.close()
        let store = try SQLiteStageStore(path: path)
        #expect(store.digest("k") == "digest")
        #expect(store.counts() == ["parse": 1])
        // The string records are gone rather than converted: the next run writes its outputs once more.
        #expect(store.ledger.input("/in/a.pdf") == nil)
        let tables = try store.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables == ["grdb_migrations", "ledger", "stage_results", "uses"])
        let identity = InputIdentity(device: 1, inode: 2, size: 3, mtime: 4, ctime: 5)
        store.ledger.setInput("/in/a.pdf", identity: identity, digest: "aa")
        // Opening it again applies nothing more.
        let again = try SQLiteStageStore(path: path)
        #expect(again.ledger.input("/in/a.pdf")?.digest == "aa")
        let applied = try again.pool.read { try SQLiteStageStore.migrator.appliedIdentifiers($0) }
        #expect(applied == ["output ledger", "stage results", "ledger checksums", "uses"])
    }

    /// A ledger row changed behind the ledger's back (a flipped bit, an edit) fails its checksum and is
    /// not believed: the input is read again, the output written again. A flipped bit in a value's type
    /// (a number read back as text, found by the flipped-bits test, where it stopped the run) is the same.
    @Test(arguments: ["digest", "size", "path", "type"])
    func aDamagedRowIsNotBelieved(_ column: String) throws {
        let path = try scratch().appendingPathComponent("stages.sqlite").path
        let store = try SQLiteStageStore(path: path)
        let identity = InputIdentity(device: 1, inode: 2, size: 3, mtime: 4, ctime: 5)
        store.ledger.setInput("/in/a.pdf", identity: identity, digest: "aa")
        store.ledger.setInput("/in/b.pdf", identity: identity, digest: "bb")
        let entry = OutputLedger.Entry(digest: "d", carry: nil, stamps: [FileStamp(size: 1, mtime: 2)])
        store.ledger.setEntry(.document, ["/out/a.json"], entry)
        #expect(store.ledger.input("/in/a.pdf")?.digest == "aa")
        #expect(store.ledger.entry(.document, ["/out/a.json"]) == entry)
        let change =
            switch column {
            case "digest": "UPDATE ledger SET digest = 'ab' WHERE path IN ('/in/a.pdf', '/out/a.json')"
            case "size": "UPDATE ledger SET size = size + 1 WHERE path IN ('/in/a.pdf', '/out/a.json')"
            case "type":
                "UPDATE ledger SET device = '', mtime = x'01', digest = 7 WHERE path IN ('/in/a.pdf', '/out/a.json')"
            // b's row now stands where a's was.
            default:
                "DELETE FROM ledger WHERE path = '/in/a.pdf'; UPDATE ledger SET path = '/in/a.pdf' WHERE path = '/in/b.pdf'"
            }
        try store.pool.write { try $0.execute(sql: change) }
        #expect(store.ledger.input("/in/a.pdf") == nil)
        if column != "path" { #expect(store.ledger.entry(.document, ["/out/a.json"]) == nil) }
        #expect(store.damagedCount > 0)
    }

    @Test func stampsTellAFileWrittenAgain() throws {
        let file = try scratch().appendingPathComponent("a.json")
        #expect(FileStamp(file) == nil)
        try Data("one".utf8).write(to: file)
        let first = try #require(FileStamp(file))
        #expect(first.size == 3)
        #expect(FileStamp.of([file, file.deletingLastPathComponent().appendingPathComponent("missing")]) == nil)
        let identity = try #require(InputIdentity(file))
        try Data("two".utf8).write(to: file)
        // Written again with the same size, and its modification time set by hand.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1)],
            ofItemAtPath: file.path)
        #expect(FileStamp(file) != first)
        #expect(InputIdentity(file) != identity)
    }
}
