import Foundation
import GRDB

extension AppDatabase {
    /// A consistent copy of the whole database at this moment, while the portal keeps serving:
    /// SQLite's `VACUUM INTO` writes a compact, self-contained file (no WAL beside it).
    public func copy(to path: String) async throws {
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [path])
        }
    }

    /// Checks a database file before it is put in place: it opens, passes SQLite's own
    /// integrity check, and has the portal's tables.
    public static func check(path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            let missing = ["school", "account", "leaveRequest", "decision", "letter", "auditEvent"].filter { !tables.contains($0) }
            return problems + missing.map { "the table \($0) is missing" }
        }
    }
}
