import Foundation
import NianbaoSystem

/// A file's size and modification time as `stat` sees them after a run wrote it: a file edited,
/// replaced or removed since shows other ones (or none), and is written again.
public struct FileStamp: Hashable, Sendable {
    public var size: Int64
    /// Nanoseconds since the epoch (`FileTime.sinceEpoch`, which wraps).
    public var mtime: Int64

    public init(size: Int64, mtime: Int64) {
        self.size = size
        self.mtime = mtime
    }

    /// nil when the file is missing.
    public init?(_ url: URL) {
        guard let status = FileStatus(url.path) else { return nil }
        self.init(size: status.size, mtime: status.modified.sinceEpoch)
    }

    /// Each file's stamp, in order; nil when one is missing.
    public static func of(_ urls: [URL]) -> [FileStamp]? {
        var stamps: [FileStamp] = []
        for url in urls {
            guard let stamp = FileStamp(url) else { return nil }
            stamps.append(stamp)
        }
        return stamps
    }
}

/// An input file's identity as `stat` sees it: device, inode, size, modification and change times. Any
/// write to the file changes it (the change time cannot be set back), so a file with the identity it had
/// when a run read it holds the bytes that run hashed.
public struct InputIdentity: Hashable, Sendable {
    public var device: Int64
    public var inode: Int64
    public var size: Int64
    /// Nanoseconds since the epoch, as `FileStamp.mtime`.
    public var mtime: Int64
    public var ctime: Int64

    public init(device: Int64, inode: Int64, size: Int64, mtime: Int64, ctime: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
    }

    /// nil when the file is missing.
    public init?(_ url: URL) {
        guard let status = FileStatus(url.path) else { return nil }
        self.init(
            device: Int64(bitPattern: status.device), inode: Int64(bitPattern: status.inode), size: status.size,
            mtime: status.modified.sinceEpoch, ctime: status.changed.sinceEpoch)
    }
}
