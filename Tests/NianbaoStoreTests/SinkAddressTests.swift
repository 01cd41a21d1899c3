import Testing

@testable import NianbaoStore

@Suite("Sink address") struct SinkAddressTests {
    @Test("a URL with user, password, host, port, database and sslmode")
    func full() throws {
        let a = try SinkAddress("postgres://writer:p%40ss@db.example.org:6543/corpus?sslmode=require", environment: [:])
        #expect(a.place == .tcp(host: "db.example.org", port: 6543))
        #expect(a.user == "writer")
        #expect(a.password == "p@ss")
        #expect(a.database == "corpus")
        #expect(a.tls == .require)
        #expect(a.description == "postgres://writer@db.example.org:6543/corpus")
    }

    @Test("libpq's defaults: port 5432, sslmode prefer, the database named as the user, the user from USER")
    func defaults() throws {
        let a = try SinkAddress("postgresql://db.example.org", environment: ["USER": "alice", "PGPASSWORD": "s3"])
        #expect(a.place == .tcp(host: "db.example.org", port: 5432))
        #expect(a.user == "alice")
        #expect(a.password == "s3")
        #expect(a.database == "alice")
        #expect(a.tls == .prefer)
    }

    @Test("the operating system's user when neither the URL nor USER names one; verify-full")
    func systemUser() throws {
        let a = try SinkAddress(
            "postgres://db.example.org/r?sslmode=verify-full", environment: [:], systemUser: "nianbao")
        #expect(a.user == "nianbao")
        #expect(a.tls == .verifyFull)
    }

    @Test("a Unix socket folder in host=, as libpq takes it")
    func socket() throws {
        let a = try SinkAddress("postgres://bob@/reports?host=/var/run/postgresql&port=5433", environment: [:])
        #expect(a.place == .socket(path: "/var/run/postgresql/.s.PGSQL.5433"))
        #expect(a.database == "reports")
        #expect(a.description == "postgres://bob@/reports?host=/var/run/postgresql")
    }

    @Test(
        "what is not a PostgreSQL URL is refused, saying why, and never with the password in the message",
        arguments: [
            ("mysql://u:secret@h/db", "not a PostgreSQL URL"),
            ("postgres://u:secret@h:99999/db", "port"),
            ("postgres://u:secret@h/db?sslmode=verify-ca", "sslmode"),
            ("postgres://u:secret@h/db?sslmod=disable", "unknown parameter sslmod"),
            ("postgres://h/db?password=secret", "no user"),
        ])
    func refused(url: String, why: String) throws {
        let error = #expect(throws: SinkError.self) { try SinkAddress(url, environment: [:], systemUser: "") }
        let text = error.map(\.description) ?? ""
        #expect(text.contains(why), "\(text)")
        #expect(!text.contains("secret"), "\(text)")
    }
}
