import Foundation

/// Where the portal keeps its data, from the `--database` setting: a SQLite file (a path, or
/// `sqlite:PATH`), or a PostgreSQL database (`postgres://user@host:5432/leave`).
public enum StoreLocation: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ setting: String) throws {
        let text = setting.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw StoreLocationError("the database setting is empty; give a SQLite file such as data/leave-portal.sqlite") }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw StoreLocationError("'\(text)' names no SQLite file") }
            self = .sqlite(path: path)
        } else if let scheme = text.range(of: "://") {
            throw StoreLocationError("'\(text[..<scheme.lowerBound])' databases are not supported; use a SQLite file or postgres://")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The folder beside a SQLite file, where evidence files go unless told otherwise.
    public var folder: String? {
        guard case .sqlite(let path) = self else { return nil }
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// Opens the store, creating and migrating a SQLite file if needed, or connecting to
    /// PostgreSQL and bringing its schema up to date.
    public func open() async throws -> any PortalStore {
        switch self {
        case .sqlite(let path):
            do {
                return SQLiteStore(try AppDatabase.open(path: path))
            } catch {
                let reason = StoreDiagnostics.describe(error) ?? error.localizedDescription
                throw StoreLocationError("cannot open the database at \(path) (\(reason)): check that its folder exists or can be made, "
                                         + "and that this user may write to the folder and the file; or choose another file with --database")
            }
        case .postgres(let url):
            let settings = try PostgresURL(url)
            do {
                return PostgresStore(try await PostgresDatabase.open(settings))
            } catch {
                let reason = StoreDiagnostics.describe(error) ?? String(describing: error)
                throw StoreLocationError("cannot open the PostgreSQL database \(PostgresURL.withoutPassword(url)) (\(reason)): check that the server "
                                         + "is running and reachable, that the database exists, and that the user may connect and create tables")
            }
        }
    }
}

public struct StoreLocationError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
