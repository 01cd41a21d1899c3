import Foundation
import NianbaoSystem

/// A file or directory as the file system knows it: its device and inode. Two paths name the same file
/// exactly when they give the same node, whatever symlinks, hard links, `..` or spellings lie between,
/// which comparing paths cannot tell.
public struct FileNode: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    /// The node `path` leads to, following symlinks; nil when nothing is there (or a symlink dangles).
    public init?(_ path: String) {
        guard let status = FileStatus(path) else { return nil }
        device = status.device
        inode = status.inode
        isDirectory = status.isDirectory
        isRegularFile = status.isRegularFile
    }

    public init?(_ url: URL) { self.init(url.path) }

    /// Not part of the identity: what the node is.
    public private(set) var isDirectory = false
    public private(set) var isRegularFile = false

    public static func == (a: FileNode, b: FileNode) -> Bool { a.device == b.device && a.inode == b.inode }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(device)
        hasher.combine(inode)
    }

    /// `path` with every symlink resolved, for a path that may not exist yet: its folder resolved
    /// (`realpath`), then its last component. nil when the folder does not exist either.
    public static func resolvedPath(_ path: String) -> String? {
        if let whole = Platform.realPath(path) { return whole }
        let url = URL(fileURLWithPath: path)
        guard let folder = Platform.realPath(url.deletingLastPathComponent().path) else { return nil }
        return (folder as NSString).appendingPathComponent(url.lastPathComponent)
    }
}
