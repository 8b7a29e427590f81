import GRDB

/// Migrations of going live: invitations, the e-mail outbox, accounts' life cycle, and how the
/// headteacher hears of new requests.
extension AppDatabase {
    /// Invitations (only a hash of each link's secret), the e-mail outbox, and each school's
    /// MIS identity made unique, since a CTF is matched to its school by it.
    static func registerInvitationMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9: invitations, outbox") { db in
            try db.create(table: "invitation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("email", .text).notNull()
                t.column("name", .text).notNull()
                t.column("role", .text).notNull()
                t.column("tokenHash", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("acceptedAt", .datetime)
                t.column("accountId", .integer).references("account")
            }
            try db.create(index: "invitation_school", on: "invitation", columns: ["schoolId", "id"])
            try db.create(index: "invitation_email", on: "invitation", columns: ["email"])
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("school").notNull()
                t.column("kind", .text).notNull()
                t.column("toAddress", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("body", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("sentAt", .datetime)
                t.column("failedAt", .datetime)
                t.column("lastError", .text)
            }
            try db.create(index: "outbox_due", on: "outbox", columns: ["sentAt", "failedAt", "nextAttemptAt"])
            try db.create(index: "school_mis", on: "school", columns: ["laCode", "estab"], unique: true, condition: Column("laCode") != nil)
        }
    }
}

extension AppDatabase {
    /// Accounts closed without losing their name on past decisions, sessions ended everywhere at
    /// once, and password resets (only a hash of each link's secret).
    static func registerAccountLifecycleMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10: deactivation, sessions ended everywhere, password resets") { db in
            try db.alter(table: "account") { t in
                t.add(column: "deactivatedAt", .datetime)
                t.add(column: "sessionsValidFrom", .datetime)
            }
            try db.create(table: "passwordReset") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("account").notNull()
                t.column("tokenHash", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("usedAt", .datetime)
            }
        }
    }
}

extension AppDatabase {
    /// Each invitation knows its e-mail (to say "not delivered"); each school how its head hears of requests.
    static func registerMailMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11: each invitation's e-mail") { db in
            try db.alter(table: "invitation") { t in t.add(column: "outboxId", .integer).references("outbox") }
        }
        migrator.registerMigration("v12: how heads hear of new requests") { db in
            try db.create(table: "schoolNotification") { t in
                t.primaryKey("schoolId", .integer).references("school")
                t.column("mode", .text).notNull().defaults(to: "each")
                t.column("hour", .integer).notNull().defaults(to: 16)
                t.column("lastDigestAt", .datetime)
            }
        }
    }
}
