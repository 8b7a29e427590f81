import Foundation
import GRDB

/// Owns the database connection and its schema. Everything the portal keeps goes
/// through the one writer this holds, so every write is serialised and transactional.
public final class AppDatabase: Sendable {
    public let writer: any DatabaseWriter
    /// Calendars read from this database, while none has changed.
    public let calendars = CalendarCache()

    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the SQLite file at `path`, in WAL mode so readers never
    /// wait for the writer and an acknowledged write survives the process being killed.
    /// `eachConnection` runs on every connection as it opens, after the portal's own settings
    /// (tests use it to watch the statements a page runs).
    public static func open(path: String, eachConnection: (@Sendable (Database) throws -> Void)? = nil) throws -> AppDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // FULL makes each commit durable on disk before it is acknowledged.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // No memory map (mmap_size stays 0): in WAL mode a reader drops its whole map whenever
            // another connection has committed, and under parents' submissions that was an munmap,
            // an mmap and fresh page faults for every read (issue 11, measured with perf).
            try eachConnection?(db)
        }
        let pool = try DatabasePool(path: path, configuration: config)
        return try AppDatabase(pool)
    }

    /// True when the database answers a query: what `/health` reports.
    public func isHealthy() async -> Bool {
        (try? await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    public var journalMode: String {
        get throws { try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }
}

extension AppDatabase {
    /// The migrations this file has had, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }
}
