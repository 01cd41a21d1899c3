import Foundation
import GRDB

/// What a run read and wrote, kept in the stage cache (table `ledger`, see `SQLiteStageStore.migrator`)
/// so that the next run reads no unchanged input again and writes only what would come out different:
///
/// - per input (`Kind.input`), its identity when a run read it and the SHA-256 of its bytes;
/// - per output file (`Kind.document`: NAME.json and NAME.txt; `Kind.corpus`: the three corpus files),
///   a digest of what it was made of, the cross-document findings added to it (`carry`), and its
///   `FileStamp` after writing;
/// - per document (`Kind.corpusRows`, under its NAME.json), the digest of the output whose rows the
///   corpus files hold, so that those rows can be copied rather than built again.
///
/// Lookups and writes that fail are treated as "nothing recorded": a ledger that cannot be used costs
/// the next run speed (it writes again), never its results.
public final class OutputLedger: Sendable {
    /// What a row is about (the `kind` column).
    public enum Kind: String, Sendable {
        case input
        case document
        case corpus
        case corpusRows = "corpus_rows"
    }

    /// What a run wrote to files made together (a document's NAME.json and NAME.txt; the corpus files).
    public struct Entry: Equatable, Sendable {
        /// A digest of what the files were made of: equal digests, equal files.
        public var digest: String
        /// A digest of the cross-document findings (carry_chain) NAME.json holds besides its document's
        /// own result; nil when it holds none.
        public var carry: String?
        /// Each file's stamp after writing, in the order of the paths.
        public var stamps: [FileStamp]

        public init(digest: String, carry: String?, stamps: [FileStamp]) {
            self.digest = digest
            self.carry = carry
            self.stamps = stamps
        }
    }

    let pool: DatabasePool

    init(pool: DatabasePool) { self.pool = pool }

    // MARK: inputs

    /// The identity `path` had when a run last read it, and the SHA-256 of its bytes.
    public func input(_ path: String) -> (identity: InputIdentity, digest: String)? {
        try? pool.unsafeRead { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT digest, device, inode, size, mtime, ctime FROM ledger WHERE kind = 'input' AND path = ?
                        """), arguments: [path]
            ).flatMap { row in
                guard let device = row["device"] as Int64?, let inode = row["inode"] as Int64?,
                    let size = row["size"] as Int64?, let mtime = row["mtime"] as Int64?,
                    let ctime = row["ctime"] as Int64?
                else { return nil }
                let identity = InputIdentity(device: device, inode: inode, size: size, mtime: mtime, ctime: ctime)
                return (identity, row["digest"])
            }
        }
    }

    public func setInput(_ path: String, identity: InputIdentity, digest: String) {
        _ = try? pool.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO ledger (kind, path, digest, size, mtime, device, inode, ctime)
                    VALUES ('input', ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                path, digest, identity.size, identity.mtime, identity.device, identity.inode, identity.ctime,
            ])
        }
    }

    // MARK: output files

    /// What was recorded for `paths`, written together as `kind`; nil unless every one of them has its row
    /// and the rows agree (one write recorded them all).
    public func entry(_ kind: Kind, _ paths: [String]) -> Entry? {
        guard !paths.isEmpty else { return nil }
        return try? pool.unsafeRead { db -> Entry? in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT path, digest, carry, size, mtime FROM ledger
                    WHERE kind = ? AND path IN (\(databaseQuestionMarks(count: paths.count)))
                    """)
            var rows: [String: Row] = [:]
            for row in try Row.fetchAll(statement, arguments: StatementArguments([kind.rawValue] + paths)) {
                rows[row["path"]] = row
            }
            var entry: Entry?
            for path in paths {
                guard let row = rows[path], let size = row["size"] as Int64?, let mtime = row["mtime"] as Int64?
                else { return nil }
                let (digest, carry): (String, String?) = (row["digest"], row["carry"])
                if entry == nil { entry = Entry(digest: digest, carry: carry, stamps: []) }
                guard entry?.digest == digest, entry?.carry == carry else { return nil }
                entry?.stamps.append(FileStamp(size: size, mtime: mtime))
            }
            return entry
        }
    }

    /// Records what was written to `paths` (as many as `entry.stamps`), in one transaction.
    public func setEntry(_ kind: Kind, _ paths: [String], _ entry: Entry) {
        precondition(paths.count == entry.stamps.count, "one stamp per path")
        _ = try? pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO ledger (kind, path, digest, carry, size, mtime) VALUES (?, ?, ?, ?, ?, ?)
                    """)
            for (path, stamp) in zip(paths, entry.stamps) {
                try statement.execute(
                    arguments: [kind.rawValue, path, entry.digest, entry.carry, stamp.size, stamp.mtime])
            }
        }
    }

    // MARK: corpus rows

    /// The digest of the output whose rows the corpus files hold for the document whose NAME.json is `path`.
    public func corpusRows(_ path: String) -> String? {
        try? pool.unsafeRead { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT digest FROM ledger WHERE kind = 'corpus_rows' AND path = ?"),
                arguments: [path])
        }
    }

    /// `corpusRows` for many documents, in one transaction.
    public func setCorpusRows(_ rows: [(path: String, digest: String)]) {
        _ = try? pool.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO ledger (kind, path, digest) VALUES ('corpus_rows', ?, ?)")
            for (path, digest) in rows { try statement.execute(arguments: [path, digest]) }
        }
    }
}
