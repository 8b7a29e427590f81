import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://` database setting read the way libpq reads it, so an operator can paste the
/// URL their other PostgreSQL tools use: `postgres://user:password@host:5432/leave`, with
/// `?host=/run/postgresql` for a Unix socket's folder and `?sslmode=disable|prefer|require`.
/// A password may come from `PGPASSWORD` instead, keeping it out of process listings.
public struct PostgresURL: Equatable, Sendable {
    public enum Endpoint: Equatable, Sendable {
        case tcp(host: String, port: Int)
        /// The socket file itself: `<folder>/.s.PGSQL.<port>`, as PostgreSQL names it.
        case socket(path: String)
    }

    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public let endpoint: Endpoint
    public let username: String
    public let password: String?
    public private(set) var database: String
    public let tls: TLSMode

    /// The same server and user, another database (tests make one each).
    public func with(database name: String) -> PostgresURL {
        var copy = self
        copy.database = name
        return copy
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw StoreLocationError("'\(text)' is not a PostgreSQL URL; write it as postgres://user@host:5432/database")
        }
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let port = parts.port ?? query["port"].flatMap { Int($0) } ?? 5432
        guard (1...65535).contains(port) else { throw StoreLocationError("the PostgreSQL port \(port) is not a port number") }
        let host = query["host"].flatMap { $0.isEmpty ? nil : $0 } ?? parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        endpoint = host.hasPrefix("/") ? .socket(path: "\(host)/.s.PGSQL.\(port)") : .tcp(host: host, port: port)
        guard let user = (query["user"] ?? parts.user).flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw StoreLocationError("'\(Self.withoutPassword(text))' names no user; write it as postgres://user@host/database")
        }
        username = user
        password = (query["password"] ?? parts.password).flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let name = String(parts.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty, !name.contains("/") else {
            throw StoreLocationError("'\(Self.withoutPassword(text))' names no database; end it with /database-name")
        }
        database = name.removingPercentEncoding ?? name
        let mode = query["sslmode"] ?? (host.hasPrefix("/") || host == "localhost" || host == "127.0.0.1" ? "disable" : "prefer")
        guard let tls = TLSMode(rawValue: mode) else {
            throw StoreLocationError("sslmode '\(mode)' is not one the portal knows: use disable, prefer or require")
        }
        self.tls = tls
    }

    /// The URL as it may be shown in a log or a message.
    public static func withoutPassword(_ text: String) -> String {
        guard var parts = URLComponents(string: text) else { return "postgres://…" }
        if parts.password != nil { parts.password = "•••" }
        parts.queryItems = parts.queryItems?.map { $0.name == "password" ? URLQueryItem(name: "password", value: "•••") : $0 }
        return parts.string ?? "postgres://…"
    }

    var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        case .tcp(let host, let port):
            let tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            let choice: PostgresClient.Configuration.TLS = switch tls {
            case .disable: .disable
            case .prefer: .prefer(tlsConfiguration)
            case .require: .require(tlsConfiguration)
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: choice)
        }
        // Every statement's time zone is UTC, so a timestamp reads the same from every server process.
        configuration.options.additionalStartupParameters = [("TimeZone", "UTC"), ("application_name", "leave-portal")]
        configuration.options.maximumConnections = 20
        return configuration
    }
}
