import Foundation
import NianbaoSystem

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
        /// A read, write or poll failed with this `errno`.
        case io(Int32)
    }

    /// Frames larger than this are refused: no input of a corpus is this large, and a length read from a
    /// damaged stream must not become an allocation.
    public static let maximumLength = 1 << 36

    /// Writes one frame made of `parts` (their bytes back to back); throws `Failure`.
    public static func write(_ parts: [UnsafeRawBufferPointer], to fd: FileDescriptor) throws {
        var length = UInt64(parts.reduce(0) { $0 + $1.count }).littleEndian
        try withUnsafeBytes(of: &length) { (header) in try writeAll(header, to: fd) }
        for part in parts { try writeAll(part, to: fd) }
    }

    /// Reads one frame (throws `Failure`); `deadline` (a `DispatchTime`'s uptime in ns) bounds the wait, nil waits as long as
    /// it takes. `closed` when the pipe ends before a frame begins or in the middle of one.
    public static func read(from fd: FileDescriptor, deadline: UInt64? = nil) throws -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 8)
        try header.withUnsafeMutableBytes { (b) in try readAll(b, from: fd, deadline: deadline) }
        let length = header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length <= UInt64(maximumLength) else { throw Failure.io(Errno.fileTooLarge.rawValue) }
        var payload = [UInt8](repeating: 0, count: Int(length))
        try payload.withUnsafeMutableBytes { (b) in try readAll(b, from: fd, deadline: deadline) }
        return payload
    }

    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: FileDescriptor) throws {
        do {
            try fd.write(all: bytes)
        } catch {
            throw error == .brokenPipe ? Failure.closed : Failure.io(error.rawValue)
        }
    }

    static func readAll(_ buffer: UnsafeMutableRawBufferPointer, from fd: FileDescriptor, deadline: UInt64?) throws {
        var offset = 0
        while offset < buffer.count {
            do {
                if let deadline {
                    let now = DispatchTime.now().uptimeNanoseconds
                    guard now < deadline else { throw Failure.timeout }
                    let milliseconds = Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max)))
                    guard try fd.waitReadable(milliseconds: milliseconds) else { continue }
                }
                let n = try fd.readOnce(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]))
                if n == 0 { throw Failure.closed }
                offset += n
            } catch let error as Errno {
                if error == .interrupted { continue }
                throw Failure.io(error.rawValue)
            }
        }
    }
}
