import Foundation
import GRDB
import NianbaoCore

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
/// the next run speed (it writes again), never its results. So is a row whose checksum (over all its
/// columns, written with it) does not match: a damaged row is never believed, and a column whose type
/// damage changed is an error of the lookup (GRDB's throwing `decode`, never its trapping subscript).
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
    /// The cache's count of what it found damaged (`SQLiteStageStore.damagedCount`).
    let damage: CacheDamage

    init(pool: DatabasePool, damage: CacheDamage) {
        self.pool = pool
        self.damage = damage
    }

    /// The checksum of a row, over every column but itself (absent values as empty).
    static func checksum(_ kind: Kind, _ path: String, _ values: [Any?]) -> String {
        let parts = [kind.rawValue, path] + values.map { $0.map { "\($0)" } ?? "" }
        return String(Pipeline.sha256(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(16))
    }

    /// Whether `row`, found for `path`, holds what its checksum says (the path asked for is part of it: a
    /// damaged index that leads to another row fails too); a row that does not is counted as damage.
    private func intact(_ row: Row, _ kind: Kind, _ path: String, _ values: [Any?]) throws -> Bool {
        guard let stored: String = try row.decode(forColumn: "checksum"), stored == Self.checksum(kind, path, values)
        else {
            damage.found()
            return false
        }
        return true
    }

    /// A lookup; one that SQLite cannot answer counts as damage and as "nothing recorded".
    private func read<T>(_ body: (Database) throws -> T?) -> T? { damage.read(pool, body) }

    // MARK: inputs

    /// The identity `path` had when a run last read it, and the SHA-256 of its bytes.
    public func input(_ path: String) -> (identity: InputIdentity, digest: String)? {
        read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT path, digest, device, inode, size, mtime, ctime, checksum FROM ledger
                        WHERE kind = 'input' AND path = ?
                        """), arguments: [path]
            ).flatMap { row in
                let digest: String? = try row.decode(forColumn: "digest")
                guard let digest, let device: Int64 = try row.decode(forColumn: "device"),
                    let inode: Int64 = try row.decode(forColumn: "inode"),
                    let size: Int64 = try row.decode(forColumn: "size"),
                    let mtime: Int64 = try row.decode(forColumn: "mtime"),
                    let ctime: Int64 = try row.decode(forColumn: "ctime"),
                    try intact(row, .input, path, [digest, size, mtime, device, inode, ctime])
                else { return nil }
                let identity = InputIdentity(device: device, inode: inode, size: size, mtime: mtime, ctime: ctime)
                return (identity, digest)
            }
        }
    }

    public func setInput(_ path: String, identity: InputIdentity, digest: String) {
        _ = try? pool.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO ledger (kind, path, digest, size, mtime, device, inode, ctime, checksum)
                    VALUES ('input', ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                path, digest, identity.size, identity.mtime, identity.device, identity.inode, identity.ctime,
                Self.checksum(
                    .input, path,
                    [digest, identity.size, identity.mtime, identity.device, identity.inode, identity.ctime]),
            ])
        }
    }

    // MARK: output files

    /// What was recorded for `paths`, written together as `kind`; nil unless every one of them has its row
    /// and the rows agree (one write recorded them all).
    public func entry(_ kind: Kind, _ paths: [String]) -> Entry? {
        guard !paths.isEmpty else { return nil }
        return read { db -> Entry? in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT path, digest, carry, size, mtime, checksum FROM ledger
                    WHERE kind = ? AND path IN (\(databaseQuestionMarks(count: paths.count)))
                    """)
            var rows: [String: Row] = [:]
            for row in try Row.fetchAll(statement, arguments: StatementArguments([kind.rawValue] + paths)) {
                rows[try row.decode(forColumn: "path")] = row
            }
            var entry: Entry?
            for path in paths {
                guard let row = rows[path], let size: Int64 = try row.decode(forColumn: "size"),
                    let mtime: Int64 = try row.decode(forColumn: "mtime")
                else { return nil }
                let digest: String = try row.decode(forColumn: "digest")
                let carry: String? = try row.decode(forColumn: "carry")
                guard try intact(row, kind, path, [digest, carry, size, mtime]) else { return nil }
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
                    INSERT OR REPLACE INTO ledger (kind, path, digest, carry, size, mtime, checksum)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for (path, stamp) in zip(paths, entry.stamps) {
                let checksum = Self.checksum(kind, path, [entry.digest, entry.carry, stamp.size, stamp.mtime])
                try statement.execute(
                    arguments: [kind.rawValue, path, entry.digest, entry.carry, stamp.size, stamp.mtime, checksum])
            }
        }
    }

    // MARK: corpus rows

    /// The digest of the output whose rows the corpus files hold for the document whose NAME.json is `path`.
    public func corpusRows(_ path: String) -> String? {
        read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT path, digest, checksum FROM ledger WHERE kind = 'corpus_rows' AND path = ?"),
                arguments: [path]
            ).flatMap { row in
                let digest: String = try row.decode(forColumn: "digest")
                return try intact(row, .corpusRows, path, [digest]) ? digest : nil
            }
        }
    }

    /// `corpusRows` for many documents, in one transaction.
    public func setCorpusRows(_ rows: [(path: String, digest: String)]) {
        _ = try? pool.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO ledger (kind, path, digest, checksum) VALUES ('corpus_rows', ?, ?, ?)")
            for (path, digest) in rows {
                try statement.execute(arguments: [path, digest, Self.checksum(.corpusRows, path, [digest])])
            }
        }
    }
}
