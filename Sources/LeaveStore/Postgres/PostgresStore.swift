/// The store for trusts and local authorities: the portal's protocols on one PostgreSQL
/// database, which several server processes may share.
public struct PostgresStore: Sendable {
    public let database: PostgresDatabase

    public init(_ database: PostgresDatabase) {
        self.database = database
    }
}
