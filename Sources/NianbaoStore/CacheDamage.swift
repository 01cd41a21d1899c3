import GRDB
import Synchronization

/// What the stage cache found damaged in a run (a value whose digest does not match, a ledger row whose
/// checksum does not, a row read back under another key, a page SQLite cannot read): each is treated as
/// "not stored" and recomputed, and counted here for the run's summary.
final class CacheDamage: Sendable {
    private let counter = Mutex(0)

    var count: Int { counter.withLock { $0 } }

    func found() { counter.withLock { $0 += 1 } }

    /// A lookup outside a transaction; one that SQLite cannot answer counts as damage and gives nil.
    func read<T>(_ pool: DatabasePool, _ body: (Database) throws -> T?) -> T? {
        do {
            return try pool.unsafeRead(body)
        } catch {
            found()
            return nil
        }
    }
}
