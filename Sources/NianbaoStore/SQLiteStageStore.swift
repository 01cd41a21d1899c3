import Foundation
import GRDB
import NianbaoCore
import NianbaoSystem
import Synchronization

/// The stage cache in SQLite: each stage's result under its key (see `Pipeline.process`), and beside it
/// the ledger of what a run read and wrote (`ledger`). Reads run concurrently from the workers, each a
/// single SELECT outside any transaction (one statement sees one state of the file; a transaction per
/// lookup cost more than the lookup); each save is its own transaction, so a run killed at any moment
/// leaves every saved result whole and the rest absent.
public final class SQLiteStageStore: StageStore {
    let pool: DatabasePool
    /// What was last written where, and read from where.
    public let ledger: OutputLedger
    /// Stored values and ledger rows found damaged this run.
    private let damage = CacheDamage()
    /// The keys this process found or saved: what its run uses (`recordUse`).
    private let used = Mutex<Set<String>>([])

    /// How many stored values and ledger rows were found damaged (and recomputed) so far.
    public var damagedCount: Int { damage.count }

    /// Opens (creating if needed) the cache at `path`, bringing an older cache's schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(pool)
        ledger = OutputLedger(pool: pool, damage: damage)
    }

    /// Opens the cache in `directory` (`stages.sqlite`) for a run, whatever state it is in: a cache that
    /// cannot be opened (truncated, not a database, damaged beyond reading its schema) is moved aside as
    /// `stages.sqlite.damaged-DATE` and made anew; a cache in a folder this process cannot write is not
    /// used at all. `notice` says which, in one line; nil store: run without a cache.
    public static func open(directory: URL, now: Date = Date()) -> (store: SQLiteStageStore?, notice: String?) {
        let fm = FileManager.default
        let path = directory.appendingPathComponent(fileName).path
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return (
                nil,
                "cannot create the cache folder \(directory.path) (\(error.localizedDescription)); running without a cache"
            )
        }
        let files = [path, path + "-wal", path + "-shm"]
        guard Platform.isWritable(directory.path), files.allSatisfy({ !Platform.exists($0) || Platform.isWritable($0) })
        else { return (nil, "the cache \(path) is read-only; running without a cache") }
        do {
            return (try SQLiteStageStore(path: path), nil)
        } catch {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            let aside = path + ".damaged-" + formatter.string(from: now)
            for (index, file) in files.enumerated() where fm.fileExists(atPath: file) {
                let target = aside + ["", "-wal", "-shm"][index]
                try? fm.removeItem(atPath: target)
                try? fm.moveItem(atPath: file, toPath: target)
            }
            guard let store = try? SQLiteStageStore(path: path) else {
                return (nil, "cannot open the cache \(path) (\(error)); running without a cache")
            }
            return (store, "the cache \(path) could not be opened (\(error)): moved aside to \(aside), and made anew")
        }
    }

    /// The cache's file in its folder.
    public static let fileName = "stages.sqlite"

    /// The cache's schema, one migration per change, applied in order and recorded by name (GRDB's
    /// `grdb_migrations`): a cache of any earlier version opens, and its stage results stay valid. Add a
    /// migration for each change; never edit one a released version has applied.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // A cache made before migrations were recorded already has this table: it is kept, results and all.
        migrator.registerMigration("stage results") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS stage_results (
                        key TEXT PRIMARY KEY NOT NULL,
                        stage TEXT NOT NULL,
                        digest TEXT NOT NULL,
                        value BLOB NOT NULL,
                        saved_at REAL NOT NULL)
                    """)
        }
        // The ledger (`OutputLedger`) replaces `outputs`, whose rows were strings: a path, or `input:` and
        // `corpus:` + a path, → space-joined values with `-` for "none". Those rows are dropped, not
        // converted: all they save is one rewrite of unchanged outputs (and one read of each input; no stage
        // is recomputed), and a converter that misread one would leave a stale file in place, the one
        // mistake the ledger must never make.
        migrator.registerMigration("output ledger") { db in
            try db.execute(
                sql: """
                    DROP TABLE IF EXISTS outputs;
                    CREATE TABLE ledger (
                        kind TEXT NOT NULL,         -- OutputLedger.Kind: input, document, corpus, corpus_rows
                        path TEXT NOT NULL,         -- the input or output file; corpus_rows: the document's NAME.json
                        digest TEXT NOT NULL,       -- input: SHA-256 of its bytes; else: of what the output was made of
                        carry TEXT,                 -- digest of the cross-document findings NAME.json holds; NULL: none
                        size INTEGER,               -- bytes, after writing (input: when read); corpus_rows: NULL
                        mtime INTEGER,              -- modification time, ns since the epoch
                        device INTEGER,             -- input only: st_dev, st_ino, change time (ns)
                        inode INTEGER,
                        ctime INTEGER,
                        PRIMARY KEY (kind, path))
                    """)
        }
        // Every ledger row carries a checksum of its columns (`OutputLedger.checksum`), so that a damaged
        // row is never believed. Rows written before have none: they are dropped (one rewrite of the outputs).
        migrator.registerMigration("ledger checksums") { db in
            try db.execute(sql: "DELETE FROM ledger; ALTER TABLE ledger ADD COLUMN checksum TEXT")
        }
        migrator.registerMigration("uses") { db in
            try db.execute(
                sql: """
                    CREATE TABLE uses (
                        user TEXT NOT NULL,         -- the command whose last complete run used the result: run, review
                        key TEXT NOT NULL,
                        PRIMARY KEY (user, key))
                    """)
        }
        return migrator
    }

    // Each lookup reads the key back from the row it found: an index damaged so that it leads to another
    // row (whose value is intact, and would pass its digest check) is caught here. The index only gives
    // the row's rowid, and the row is then read by rowid: asked for `key` by the key's index, SQLite takes
    // the key column from the index entry itself, which holds the key asked for whatever row it leads to.
    private static func lookup(_ columns: String) -> String {
        """
        SELECT key, \(columns) FROM stage_results
        WHERE rowid = (SELECT rowid FROM stage_results WHERE key = ?)
        """
    }

    public func load(_ key: String) -> StoredResult? {
        read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: Self.lookup("digest, value")), arguments: [key]
            )
            .flatMap { row in
                guard try self.belongs(row, to: key) else { return nil }
                self.used.withLock { _ = $0.insert(key) }
                return StoredResult(
                    digest: try row.decode(forColumn: "digest"), value: try row.decode(forColumn: "value"))
            }
        }
    }

    public func digest(_ key: String) -> String? {
        read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: Self.lookup("digest")), arguments: [key]
            )
            .flatMap { row -> String? in
                guard try self.belongs(row, to: key) else { return nil }
                self.used.withLock { _ = $0.insert(key) }
                return try row.decode(forColumn: "digest")
            }
        }
    }

    /// Whether `row` is the one stored under `key`; one that is not counts as damage.
    /// Columns are read with GRDB's throwing `decode`: a value whose type damage changed (a key read back as
    /// a number) is an error of the lookup, counted as damage, never a trap.
    private func belongs(_ row: Row, to key: String) throws -> Bool {
        guard try row.decode(String?.self, forColumn: "key") == key else {
            damage.found()
            return false
        }
        return true
    }

    public func damaged(_ key: String) {
        damage.found()
        _ = try? pool.write { db in
            try db.execute(sql: "DELETE FROM stage_results WHERE key = ?", arguments: [key])
        }
    }

    /// A lookup; one that SQLite cannot answer (a damaged page) counts as damage and as "not stored".
    private func read<T>(_ body: (Database) throws -> T?) -> T? { damage.read(pool, body) }

    public func save(_ key: String, stage: String, result: StoredResult) {
        used.withLock { _ = $0.insert(key) }
        // A cache that cannot be written costs speed on the next run, never this run's results.
        _ = try? pool.write { db in
            try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO stage_results (key, stage, digest, value, saved_at) VALUES (?, ?, ?, ?, ?)"
            )
            .execute(arguments: [key, stage, result.digest, result.value, Date().timeIntervalSince1970])
        }
    }

    /// Number of stored results per stage.
    public func counts() -> [String: Int] {
        (try? pool.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, COUNT(*) AS n FROM stage_results GROUP BY stage") {
                out[try row.decode(forColumn: "stage")] = try row.decode(Int.self, forColumn: "n")
            }
            return out
        }) ?? [:]
    }

    // MARK: what is used, and pruning the rest

    /// Records the results this process found or saved as all that `user` uses (`run OUTPUT` for a run
    /// into OUTPUT, `review`), in place of what its last run used: `prune` keeps what any user recorded.
    public func recordUse(by user: String) throws {
        let keys = used.withLock { $0 }
        try pool.write { db in
            try db.execute(sql: "DELETE FROM uses WHERE user = ?", arguments: [user])
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO uses (user, key) VALUES (?, ?)")
            for key in keys { try insert.execute(arguments: [user, key]) }
        }
    }

    /// One stage's share of the cache.
    public struct StageShare: Sendable, Equatable {
        public var stage: String
        public var results: Int
        /// Bytes of the stored values.
        public var bytes: Int64
        /// Results the last run (or the last review site) used.
        public var used: Int
    }

    /// The cache by stage, and who recorded uses (`recordUse`).
    public func stats() throws -> (stages: [StageShare], users: [String]) {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT stage, COUNT(*) AS n, SUM(LENGTH(value)) AS bytes,
                           SUM(key IN (SELECT key FROM uses)) AS used
                    FROM stage_results GROUP BY stage ORDER BY stage
                    """)
            let stages = try rows.map { row in
                StageShare(
                    stage: try row.decode(forColumn: "stage"), results: try row.decode(forColumn: "n"),
                    bytes: try row.decode(Int64?.self, forColumn: "bytes") ?? 0,
                    used: try row.decode(Int?.self, forColumn: "used") ?? 0)
            }
            let users = try String.fetchAll(db, sql: "SELECT DISTINCT user FROM uses ORDER BY user")
            return (stages, users)
        }
    }

    /// `prune` removed what it should but could not compact the file (`VACUUM`).
    public struct NotCompacted: Error, CustomStringConvertible {
        public var removed: Int
        public var bytes: Int64
        public var reason: String
        public var description: String {
            "removed \(removed) results, but the file could not be compacted (\(reason)): VACUUM needs about the file's size free in the temporary folder"
        }
    }

    public struct NoRunRecorded: Error, CustomStringConvertible {
        public var description: String {
            "no complete run is recorded in this cache: run `nianbao run` on the corpus first, then prune"
        }
    }

    /// Deletes every result that neither the last complete run nor the last review site used (results of
    /// inputs since deleted or changed, of rules since edited, of stage versions since replaced), and
    /// gives the file's space back. Returns the results removed and the bytes their values held. Refuses
    /// when no run recorded its uses (everything would go).
    public func prune() throws -> (removed: Int, bytes: Int64) {
        let removed = try pool.write { db -> (Int, Int64) in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM uses WHERE user LIKE 'run %')") == true
            else {
                throw NoRunRecorded()
            }
            let unused = "FROM stage_results WHERE key NOT IN (SELECT key FROM uses)"
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, SUM(LENGTH(value)) AS bytes \(unused)")
            let removed = try row?.decode(Int.self, forColumn: "n") ?? 0
            let bytes = try row?.decode(Int64?.self, forColumn: "bytes") ?? 0
            try db.execute(sql: "DELETE \(unused)")
            return (removed, bytes)
        }
        // Giving the space back needs about the file's size free in the temporary folder: without it the
        // results are removed all the same, and the file stays as large.
        do { try pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") } } catch {
            throw NotCompacted(removed: removed.0, bytes: removed.1, reason: ErrorText.reason(error))
        }
        return removed
    }
}
