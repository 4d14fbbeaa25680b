import Foundation
import PostgresNIO
import TerritorioCore

/// A PostgreSQL connection URL, as `--db` and `TERRITORIO_DB` take it:
/// `postgresql://user[:password]@host[:port]/database` over TCP, or
/// `postgresql://user@/database?host=/path/to/socket-directory` over a Unix socket (the directory
/// holding `.s.PGSQL.<port>`, as libpq's `host=` takes it). `postgres://` is accepted too.
public struct PostgresURL: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The path of the socket file itself (`<directory>/.s.PGSQL.<port>`).
        case socket(path: String)
    }

    /// Whether a TCP connection is encrypted, as libpq's `sslmode` says it (a Unix socket never is).
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Plain connections.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection, without checking the certificate.
        case require
        /// TLS, with a certificate signed by a trusted authority (the system's), any host name.
        case verifyCA = "verify-ca"
        /// TLS, with a trusted certificate for this host name.
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    /// `?sslmode=` (default `prefer`).
    public var tls: TLSMode = .prefer
    public var user: String
    public var password: String?
    public var database: String

    /// Whether `value` names a PostgreSQL server rather than a SpatiaLite file.
    public static func isPostgres(_ value: String) -> Bool {
        value.hasPrefix("postgresql://") || value.hasPrefix("postgres://")
    }

    /// Parses `value`; nil when it is not a `postgresql://` URL at all, an error when it is one
    /// but lacks a user or a database.
    public init?(_ value: String) throws {
        guard Self.isPostgres(value) else { return nil }
        guard let url = URLComponents(string: value) else {
            throw Self.invalid(value, Messages.text("msg3.pg.url_not_url"))
        }
        guard let user = url.user, !user.isEmpty else {
            throw Self.invalid(value, Messages.text("msg3.pg.url_no_user"))
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw Self.invalid(value, Messages.text("msg3.pg.url_no_database")) }
        let port = url.port ?? 5432
        if let mode = url.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            guard let parsed = TLSMode(rawValue: mode) else {
                let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw Self.invalid(value, Messages.text("msg3.pg.url_sslmode", ("mode", mode), ("modes", modes)))
            }
            tls = parsed
        }
        let socketDirectory = url.queryItems?.first { $0.name == "host" }?.value
        if let socketDirectory, socketDirectory.hasPrefix("/") {
            let isFile = URL(fileURLWithPath: socketDirectory).lastPathComponent.hasPrefix(".s.PGSQL.")
            endpoint = .socket(path: isFile ? socketDirectory : socketDirectory + "/.s.PGSQL.\(port)")
        } else {
            guard let host = url.host, !host.isEmpty else {
                throw Self.invalid(value, Messages.text("msg3.pg.url_no_host"))
            }
            endpoint = .tcp(host: host, port: port)
        }
        self.user = user
        password = url.password
        self.database = database
    }

    /// The URL without its password, for messages.
    public var redacted: String {
        switch endpoint {
        case .tcp(let host, let port): "postgresql://\(user)@\(host):\(port)/\(database)"
        case .socket(let path): "postgresql://\(user)@/\(database)?host=\(Self.directory(ofSocket: path))"
        }
    }

    /// The socket's directory when the socket has the default port's name, else the socket itself.
    static func directory(ofSocket path: String) -> String {
        path.hasSuffix("/.s.PGSQL.5432") ? String(path.dropLast("/.s.PGSQL.5432".count)) : path
    }

    /// The same server, another database (tests create one per case).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    var configuration: PostgresClient.Configuration {
        switch endpoint {
        case .tcp(let host, let port):
            PostgresClient.Configuration(
                host: host, port: port, username: user, password: password,
                database: database, tls: clientTLS)
        case .socket(let path):
            PostgresClient.Configuration(unixSocketPath: path, username: user, password: password, database: database)
        }
    }

    /// NIOSSL's settings for ``tls``.
    var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch tls {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        return configuration
    }

    var clientTLS: PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration)
        default: .require(tlsConfiguration)
        }
    }

    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
        default: .require(try NIOSSLContext(configuration: tlsConfiguration))
        }
    }

    /// The same server for one direct connection (checking that the server answers).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        switch endpoint {
        case .tcp(let host, let port):
            PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password,
                database: database, tls: try connectionTLS())
        case .socket(let path):
            PostgresConnection.Configuration(
                unixSocketPath: path, username: user, password: password,
                database: database)
        }
    }

    static func invalid(_ value: String, _ why: String) -> InputError {
        InputError(
            file: "--db", kind: .invalid,
            Messages.text("msg3.pg.url_invalid", ("why", why)))
    }
}
