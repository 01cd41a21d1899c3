import Foundation
import GRDB
import NianbaoCore

/// The stage cache in SQLite: each stage's result under its key (see `Pipeline.process`). Reads run
/// concurrently from the workers, each a single SELECT outside any transaction (one statement sees one
/// state of the file; a transaction per lookup cost more than the lookup); each save is its own
/// transaction, so a run killed at any moment leaves every saved result whole and the rest absent.
public final class SQLiteStageStore: StageStore {
    let pool: DatabasePool

    /// Opens (creating if needed) the cache at `path`.
    public init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS stage_results (
                    key TEXT PRIMARY KEY NOT NULL,
                    stage TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    value BLOB NOT NULL,
                    saved_at REAL NOT NULL)
                """)
            // What was last written where, and read from where: an output path → the digest of what it was
            // made of and the size and modification time of its files after writing, so that a rerun leaves
            // files whose content would not change alone, and rewrites any that were edited or removed
            // meanwhile; `input:` + an input path → its identity (inode, size, times) and content digest, so
            // that a rerun does not read and hash an unchanged input again.
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS outputs (
                    path TEXT PRIMARY KEY NOT NULL,
                    record TEXT NOT NULL)
                """)
        }
    }

    /// The record saved with `setOutput` for `path`.
    public func output(_ path: String) -> String? {
        try? pool.unsafeRead { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT record FROM outputs WHERE path = ?"), arguments: [path])
        }
    }

    /// Records what was written at `path`; nil forgets it (the next run rewrites the files).
    public func setOutput(_ path: String, _ record: String?) {
        _ = try? pool.write { db in
            if let record {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO outputs (path, record) VALUES (?, ?)").execute(arguments: [path, record])
            } else {
                try db.execute(sql: "DELETE FROM outputs WHERE path = ?", arguments: [path])
            }
        }
    }

    public func load(_ key: String) -> StoredResult? {
        try? pool.unsafeRead { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT digest, value FROM stage_results WHERE key = ?"), arguments: [key])
                .map { StoredResult(digest: $0["digest"], value: $0["value"]) }
        }
    }

    public func digest(_ key: String) -> String? {
        try? pool.unsafeRead { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT digest FROM stage_results WHERE key = ?"), arguments: [key])
        }
    }

    public func save(_ key: String, stage: String, result: StoredResult) {
        // A cache that cannot be written costs speed on the next run, never this run's results.
        _ = try? pool.write { db in
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO stage_results (key, stage, digest, value, saved_at) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [key, stage, result.digest, result.value, Date().timeIntervalSince1970])
        }
    }

    /// `setOutput` for many paths in one transaction.
    public func setOutputs(_ records: [(path: String, record: String)]) {
        _ = try? pool.write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO outputs (path, record) VALUES (?, ?)")
            for (path, record) in records { try statement.execute(arguments: [path, record]) }
        }
    }

    /// Number of stored results per stage.
    public func counts() -> [String: Int] {
        (try? pool.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT stage, COUNT(*) AS n FROM stage_results GROUP BY stage") {
                out[row["stage"]] = row["n"]
            }
            return out
        }) ?? [:]
    }
}
