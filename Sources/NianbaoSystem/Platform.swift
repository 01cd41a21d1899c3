import Foundation
@_exported import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating system's calls nianbao makes outside swift-system (files by path, processes, limits), in
/// one place so that the rest builds on Linux and macOS alike. swift-system (`FileDescriptor`, `Errno`)
/// comes with it.
public enum Platform {
    /// This process's id.
    public static var processID: pid_t { getpid() }

    /// The executable this process runs, when the system says (Linux: `/proc/self/exe`).
    public static var executablePath: String? {
        #if os(Linux)
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #else
        Bundle.main.executablePath
        #endif
    }

    // MARK: files by path

    /// Renames `from` to `to`, replacing what `to` names (rename(2)).
    public static func rename(_ from: String, to: String) throws(Errno) {
        guard Foundation.rename(from, to) == 0 else { throw Errno(rawValue: errno) }
    }

    /// Removes the file `path` (unlink(2)).
    public static func removeFile(_ path: String) throws(Errno) {
        guard unlink(path) == 0 else { throw Errno(rawValue: errno) }
    }

    /// Whether something is at `path`, symlinks followed (access(2), F_OK).
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether this process may write `path` (access(2), W_OK).
    public static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// `path` with every symlink, `.` and `..` resolved (realpath(3)); nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: processes

    /// What a spawned process's descriptor is set to before it runs (posix_spawn's file actions).
    public enum SpawnAction {
        /// `target` becomes a copy of this process's `source` (dup2, which clears close-on-exec on it).
        case duplicate(FileDescriptor, as: FileDescriptor)
        /// `target` becomes `path` opened write-only.
        case openWriteOnly(String, as: FileDescriptor)
    }

    /// Starts `arguments[0]` with `arguments` (posix_spawn, or posix_spawnp when `searchingPath`), the
    /// environment `environment` (`NAME=value` each; nil: this process's), after `actions`. Its id.
    public static func spawn(
        _ arguments: [String], searchingPath: Bool = false, environment: [String]? = nil,
        actions: [SpawnAction] = []
    ) throws(Errno) -> pid_t {
        #if canImport(Darwin)
        var fileActions: posix_spawn_file_actions_t? = nil
        #else
        var fileActions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        for action in actions {
            switch action {
            case .duplicate(let source, let target):
                posix_spawn_file_actions_adddup2(&fileActions, source.rawValue, target.rawValue)
            case .openWriteOnly(let path, let target):
                posix_spawn_file_actions_addopen(&fileActions, target.rawValue, path, O_WRONLY, 0)
            }
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        func start(_ envp: UnsafePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
            searchingPath
                ? posix_spawnp(&pid, arguments[0], &fileActions, nil, argv, envp)
                : posix_spawn(&pid, arguments[0], &fileActions, nil, argv, envp)
        }
        let code: Int32
        if let environment {
            let envp = environment.map { strdup($0) } + [nil]
            defer { envp.forEach { free($0) } }
            code = start(envp)
        } else {
            #if canImport(Darwin)
            code = start(_NSGetEnviron().pointee)
            #else
            code = start(environ)
            #endif
        }
        guard code == 0 else { throw Errno(rawValue: code) }
        return pid
    }

    /// Whether process `pid` exists: one that exists but is not ours counts (kill(2) with signal 0).
    public static func processExists(_ pid: pid_t) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Sends SIGKILL to process `pid`.
    public static func killProcess(_ pid: pid_t) {
        kill(pid, SIGKILL)
    }

    /// Waits for child `pid` to end and reaps it (waitpid, again when interrupted); its wait status.
    public static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// What a child process used, as the kernel counts it.
    public struct ResourceUsage: Sendable {
        /// User and system CPU time, in seconds.
        public var cpuSeconds: Double
        /// Peak resident memory, in bytes.
        public var maxResidentBytes: Int
    }

    /// Waits for child `pid` to end and reaps it (wait4, once); its wait status and what it used.
    public static func waitForExitMeasuring(_ pid: pid_t) -> (status: Int32, usage: ResourceUsage) {
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        #if canImport(Darwin)
        let maxRSS = Int(usage.ru_maxrss)  // bytes
        #else
        let maxRSS = Int(usage.ru_maxrss) * 1024  // KiB
        #endif
        return (status, ResourceUsage(cpuSeconds: cpu, maxResidentBytes: maxRSS))
    }

    /// The name the system gives signal `signal` (strsignal(3)), e.g. "Killed".
    public static func signalName(_ signal: Int32) -> String {
        String(cString: strsignal(signal))
    }

    /// Makes writing to a pipe without a reader fail with `Errno.brokenPipe` rather than end the process
    /// (SIGPIPE ignored).
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Sets this process's address-space ceiling to `bytes` (setrlimit, RLIMIT_AS, soft and hard): an
    /// allocation past it fails. (macOS does not enforce this limit.)
    public static func limitAddressSpace(to bytes: UInt64) {
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        #if canImport(Darwin)
        setrlimit(RLIMIT_AS, &limit)
        #else
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        #endif
    }
}

/// A time as `stat` gives it.
public struct FileTime: Hashable, Sendable {
    public var seconds: Int64
    public var nanoseconds: Int64

    init(_ t: timespec) {
        seconds = Int64(t.tv_sec)
        nanoseconds = Int64(t.tv_nsec)
    }

    /// Nanoseconds since the epoch, wrapping, so that a time set centuries away stamps a file instead of
    /// stopping the run: two times would have to lie 584 years apart to share a value.
    public var sinceEpoch: Int64 { seconds &* 1_000_000_000 &+ nanoseconds }
}

/// What `stat` says of a file: its identity (device, inode), kind, size and times.
public struct FileStatus: Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: FileTime
    /// The status change time (ctime).
    public var changed: FileTime
    public var isDirectory: Bool
    public var isRegularFile: Bool

    /// The status of what `path` leads to (stat(2)), or of `path` itself when it is a symlink and not
    /// `followingSymlinks` (lstat(2)); nil when the call fails (nothing there, a dangling symlink).
    public init?(_ path: String, followingSymlinks: Bool = true) {
        guard
            let info = try? path.withCString({
                try Stat($0, followTargetSymlink: followingSymlinks, retryOnInterrupt: false)
            })
        else { return nil }
        device = UInt64(truncatingIfNeeded: info.deviceID.rawValue)
        inode = UInt64(truncatingIfNeeded: info.inode.rawValue)
        size = info.size
        modified = FileTime(info.st_mtim)
        changed = FileTime(info.st_ctim)
        isDirectory = info.type == .directory
        isRegularFile = info.type == .regular
    }
}

extension FileDescriptor {
    /// Writes all of `bytes`, as many write(2) calls as it takes (an interrupted one is made again).
    public func write(all bytes: UnsafeRawBufferPointer) throws(Errno) {
        var offset = 0
        while offset < bytes.count {
            offset += try typed { try write(UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
        }
    }

    /// One read(2) into `buffer`, not made again when interrupted (`Errno.interrupted`): the bytes read,
    /// 0 at the end of the file.
    public func readOnce(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try typed { try read(into: buffer, retryOnInterrupt: false) }
    }

    /// Waits up to `milliseconds` for bytes to read, or the other end to close (poll(2), once): whether
    /// they came.
    public func waitReadable(milliseconds: Int32) throws(Errno) -> Bool {
        var poller = pollfd(fd: rawValue, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, milliseconds)
        guard ready >= 0 else { throw Errno(rawValue: errno) }
        return ready > 0
    }

    /// Sets close-on-exec (fcntl(2), F_SETFD): a process started later does not inherit it.
    public func setCloseOnExec() {
        _ = fcntl(rawValue, F_SETFD, FD_CLOEXEC)
    }

    /// Whether it is a terminal (isatty(3)).
    public var isTerminal: Bool { isatty(rawValue) == 1 }
}

/// `body`'s error as swift-system throws it: an `Errno`, whatever its declared type.
private func typed<T>(_ body: () throws -> T) throws(Errno) -> T {
    do {
        return try body()
    } catch let error as Errno {
        throw error
    } catch {
        throw Errno.ioError
    }
}
