import Foundation

/// Where a sink writes: a PostgreSQL URL as libpq reads one,
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require][&host=/socket/dir]`.
/// The password can come from `PGPASSWORD` instead (a URL on the command line is seen by `ps`).
public struct SinkAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Place: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// A Unix socket: the folder libpq's `host=/dir` names, and the file in it.
        case socket(path: String)
    }

    /// libpq's sslmode: `prefer` and `require` encrypt without checking the server's certificate (as
    /// libpq does); `verify-full` checks it and the host name against the system's CAs.
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var place: Place
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Reads `text`; `environment` gives `PGPASSWORD` (and `USER` when the URL names no user), and
    /// `systemUser` the user when neither does (as libpq takes the operating system's).
    public init(
        _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        systemUser: String = NSUserName()
    ) throws(SinkError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw .address("\(Self.redacted(text)): not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE)")
        }
        var query: [String: String] = [:]
        for item in url.queryItems ?? [] { query[item.name] = item.value ?? "" }
        for name in query.keys where !["sslmode", "host", "port", "user", "password", "dbname"].contains(name) {
            throw .address("\(Self.redacted(text)): unknown parameter \(name)")
        }
        user =
            url.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? environment["USER"]
            ?? systemUser
        guard !user.isEmpty else { throw .address("\(Self.redacted(text)): no user") }
        password =
            url.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? query["password"]
            ?? environment["PGPASSWORD"]
        let path = url.percentEncodedPath.removingPercentEncoding ?? ""
        database = query["dbname"] ?? (path.hasPrefix("/") ? String(path.dropFirst()) : path)
        if database.isEmpty { database = user }
        guard let port = Int(query["port"] ?? url.port.map(String.init) ?? "5432"), (1...65535).contains(port) else {
            throw .address("\(Self.redacted(text)): the port is not a number from 1 to 65535")
        }
        let host = query["host"] ?? url.host ?? ""
        if host.hasPrefix("/") {
            place = .socket(path: (host as NSString).appendingPathComponent(".s.PGSQL.\(port)"))
        } else {
            place = .tcp(host: host.isEmpty ? "localhost" : host, port: port)
        }
        guard let mode = TLSMode(rawValue: query["sslmode"] ?? "prefer") else {
            throw .address("\(Self.redacted(text)): sslmode must be disable, prefer, require or verify-full")
        }
        tls = mode
    }

    /// The address without its password, for messages.
    public var description: String {
        let db = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        switch place {
        case .tcp(let host, let port): return "postgres://\(user)@\(host):\(port)/\(db)"
        case .socket(let path): return "postgres://\(user)@/\(db)?host=\((path as NSString).deletingLastPathComponent)"
        }
    }

    /// `text` with any password in it replaced, for messages about a URL that could not be read.
    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text) else { return "the sink URL" }
        if url.password != nil { url.password = "***" }
        if let items = url.queryItems, items.contains(where: { $0.name == "password" }) {
            url.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
        }
        return url.string ?? "the sink URL"
    }
}

/// Why a sink could not write, naming the sink (never its password).
public enum SinkError: Error, CustomStringConvertible {
    case address(String)
    case server(String)

    public var description: String { "sink " + reason }

    /// What went wrong, without the word "sink".
    public var reason: String {
        switch self {
        case .address(let why), .server(let why): why
        }
    }
}
