import GRDB

/// Issue 16: what one server process kept in memory moves into the database, so several
/// servers on one database behave as one portal.
extension AppDatabase {
    static func registerSeveralServerMigrations(_ migrator: inout DatabaseMigrator) {
        // Sign-in attempts, under hashed keys (an address, a client, the pair), so a guesser's
        // count is the same on every server behind a load balancer.
        migrator.registerMigration("v28: sign-in attempts") { db in
            try db.create(table: "signInAttempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(index: "signInAttempt_key", on: "signInAttempt", columns: ["key", "at"])
            try db.create(index: "signInAttempt_at", on: "signInAttempt", columns: ["at"])
        }
    }
}
