import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The protocol between the runner and its worker processes (`WorkerPool`, `nianbao extract`): frames
/// over a pipe, each an 8-byte little-endian length followed by that many bytes. A request is the input's
/// kind (one byte, `InputKind.frameCode`) followed by its bytes; the answer is the layout stage's outcome
/// as the stage cache stores it.
public enum Frames {
    /// Why a frame could not be read or written.
    public enum Failure: Error, Equatable {
        /// The other end closed the pipe (a worker that died, a runner that is done).
        case closed
        /// The deadline passed first.
        case timeout
        case io(Int32)
    }

    /// Frames larger than this are refused: no input of a corpus is this large, and a length read from a
    /// damaged stream must not become an allocation.
    public static let maximumLength = 1 << 36

    /// Writes one frame made of `parts` (their bytes back to back); throws `Failure`.
    public static func write(_ parts: [UnsafeRawBufferPointer], to fd: Int32) throws {
        var length = UInt64(parts.reduce(0) { $0 + $1.count }).littleEndian
        try withUnsafeBytes(of: &length) { (header) in try writeAll(header, to: fd) }
        for part in parts { try writeAll(part, to: fd) }
    }

    /// Reads one frame (throws `Failure`); `deadline` (a `DispatchTime`'s uptime in ns) bounds the wait, nil waits as long as
    /// it takes. `closed` when the pipe ends before a frame begins or in the middle of one.
    public static func read(from fd: Int32, deadline: UInt64? = nil) throws -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 8)
        try header.withUnsafeMutableBytes { (b) in try readAll(b, from: fd, deadline: deadline) }
        let length = header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length <= UInt64(maximumLength) else { throw Failure.io(EFBIG) }
        var payload = [UInt8](repeating: 0, count: Int(length))
        try payload.withUnsafeMutableBytes { (b) in try readAll(b, from: fd, deadline: deadline) }
        return payload
    }

    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw errno == EPIPE ? Failure.closed : Failure.io(errno)
            }
            offset += n
        }
    }

    static func readAll(_ buffer: UnsafeMutableRawBufferPointer, from fd: Int32, deadline: UInt64?) throws {
        var offset = 0
        while offset < buffer.count {
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { throw Failure.timeout }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max)))
                let ready = poll(&poller, 1, milliseconds)
                if ready < 0 {
                    if errno == EINTR { continue }
                    throw Failure.io(errno)
                }
                if ready == 0 { continue }
            }
            let n = Glibc.read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.io(errno)
            }
            if n == 0 { throw Failure.closed }
            offset += n
        }
    }
}
