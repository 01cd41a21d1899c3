import Foundation

/// Errors as one line a user can read, for messages that name the file and the problem.
public enum ErrorText {
    /// The reason of a file-system error as the system words it (`Permission denied`, `No space left on
    /// device`), rather than Foundation's dump of its domain, code and user info; any other error's own
    /// description, on one line.
    public static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        // (`as? NSError` does not bridge an underlying error on Linux; `as? any Error` does.)
        if let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? any Error).map({ $0 as NSError }),
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain, let errno = cocoaErrno[ns.code] {
            return String(cString: strerror(errno))
        }
        let text = "\(error)"
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Foundation's file error codes that carry no POSIX error, by the POSIX error they stand for.
    private static let cocoaErrno: [Int: Int32] = [
        CocoaError.fileNoSuchFile.rawValue: ENOENT, CocoaError.fileReadNoSuchFile.rawValue: ENOENT,
        CocoaError.fileReadNoPermission.rawValue: EACCES, CocoaError.fileWriteNoPermission.rawValue: EACCES,
        CocoaError.fileWriteOutOfSpace.rawValue: ENOSPC, CocoaError.fileWriteVolumeReadOnly.rawValue: EROFS,
        CocoaError.fileWriteFileExists.rawValue: EEXIST,
    ]
}
