import GRDB

/// The embedded store: the portal's protocols implemented on one SQLite database.
public struct SQLiteStore: Sendable {
    public let database: AppDatabase

    public init(_ database: AppDatabase) {
        self.database = database
    }

    var writer: any DatabaseWriter { database.writer }
}
