import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: AccountStore {
    public func account(email: String) async throws -> (account: Account, passwordHash: String)? {
        let key = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await writer.read { db in
            guard let record = try AccountRecord.filter(Column("email") == key).fetchOne(db),
                  let account = record.account else { return nil }
            return (account, record.passwordHash)
        }
    }

    public func account(id: Int64) async throws -> Account? {
        // Every signed-in page asks, so the statement is prepared once.
        try await writer.read { db in try Self.account(db, id: id) }
    }

    /// With the school's name, which every page's header shows.
    static func account(_ db: Database, id: Int64) throws -> Account? {
        // Every signed-in page reads its account with the session: named columns read by position,
        // as GRDB's Codable decoding finds each by name.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT account.id, account.schoolId, account.email, account.displayName, account.role,
                   account.deactivatedAt, account.sessionsValidFrom, school.name
            FROM account JOIN school ON school.id = account.schoolId WHERE account.id = ?
            """), arguments: [id]),
            let role = Role(rawValue: try row.decode(String.self, atIndex: 4))
        else { return nil }
        return Account(id: try row.decode(atIndex: 0), schoolID: try row.decode(atIndex: 1), email: try row.decode(atIndex: 2),
                       displayName: try row.decode(atIndex: 3), role: role, deactivatedAt: try row.decode(atIndex: 5),
                       sessionsValidFrom: try row.decode(atIndex: 6), schoolName: try row.decode(atIndex: 7))
    }

    public func addAccount(schoolID: Int64, email: String, displayName: String, role: Role, passwordHash: String) async throws -> Account {
        try await writer.write { db in
            let account = try Self.insertAccount(db, schoolID: schoolID, email: email, displayName: displayName, role: role, passwordHash: passwordHash)
            try Self.record(SchoolActivity(schoolID: schoolID, actor: nil, action: .accountAdded, at: Date(),
                                           detail: "\(account.role.title): \(account.displayName)"), in: db)
            return account
        }
    }

    static func insertAccount(_ db: Database, schoolID: Int64, email: String, displayName: String, role: Role, passwordHash: String) throws -> Account {
        let key = email.trimmingCharacters(in: .whitespaces).lowercased()
        if try AccountRecord.filter(Column("email") == key).fetchCount(db) > 0 { throw StoreError.duplicateEmail }
        var record = AccountRecord(id: nil, schoolId: schoolID, email: key, displayName: displayName,
                                   role: role.rawValue, passwordHash: passwordHash)
        try record.insert(db)
        return record.account!
    }

    public func staff(schoolID: Int64) async throws -> [Account] {
        try await writer.read { db in
            try AccountRecord.filter(Column("schoolId") == schoolID && Column("role") != Role.parent.rawValue)
                .order(Column("displayName")).fetchAll(db).compactMap(\.account)
        }
    }

    public func changeRole(accountID: Int64, schoolID: Int64, to role: Role, by admin: Actor, at: Date) async throws {
        try await writer.write { db in
            guard var record = try AccountRecord.filter(Column("id") == accountID && Column("schoolId") == schoolID).fetchOne(db),
                  record.role != Role.parent.rawValue, role != .parent else { throw StoreError.notFound }
            let before = Role(rawValue: record.role)?.title ?? record.role
            guard before != role.title else { return }
            record.role = role.rawValue
            record.sessionsValidFrom = at
            try record.update(db)
            try Self.record(SchoolActivity(schoolID: schoolID, actor: admin, action: .accountChanged, at: at,
                                           detail: "\(record.displayName): \(before) → \(role.title)"), in: db)
        }
    }

    public func deactivate(accountID: Int64, schoolID: Int64, by admin: Actor, at: Date) async throws {
        try await writer.write { db in
            guard var record = try AccountRecord.filter(Column("id") == accountID && Column("schoolId") == schoolID).fetchOne(db)
            else { throw StoreError.notFound }
            guard record.deactivatedAt == nil else { return }
            record.deactivatedAt = at
            record.sessionsValidFrom = at
            try record.update(db)
            try Self.record(SchoolActivity(schoolID: schoolID, actor: admin, action: .accountChanged, at: at,
                                           detail: "\(record.displayName) (\(Role(rawValue: record.role)?.title ?? record.role)): account closed"), in: db)
        }
    }

    public func setPassword(accountID: Int64, passwordHash: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE account SET passwordHash = ?, sessionsValidFrom = ? WHERE id = ?", arguments: [passwordHash, at, accountID])
        }
    }

    public func endSessions(accountID: Int64, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE account SET sessionsValidFrom = ? WHERE id = ?", arguments: [at, accountID])
        }
    }

    public func createPasswordReset(accountID: Int64, tokenHash: String, at: Date, expiresAt: Date, message: MailMessage) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO passwordReset (accountId, tokenHash, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                           arguments: [accountID, tokenHash, at, expiresAt])
            try Self.enqueue(message, at: at, in: db)
        }
    }

    public func passwordReset(tokenHash: String, at: Date) async throws -> (id: Int64, account: Account)? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, accountId FROM passwordReset WHERE tokenHash = ? AND usedAt IS NULL AND expiresAt > ?
                """, arguments: [tokenHash, at]),
                let account = try AccountRecord.fetchOne(db, key: row["accountId"] as Int64)?.account, account.isActive
            else { return nil }
            return (row["id"], account)
        }
    }

    public func completePasswordReset(id: Int64, passwordHash: String, at: Date) async throws -> Bool {
        try await writer.write { db in
            guard let accountID = try Int64.fetchOne(db, sql: "SELECT accountId FROM passwordReset WHERE id = ? AND usedAt IS NULL AND expiresAt > ?",
                                                      arguments: [id, at]) else { return false }
            try db.execute(sql: "UPDATE passwordReset SET usedAt = ? WHERE id = ?", arguments: [at, id])
            try db.execute(sql: "UPDATE account SET passwordHash = ?, sessionsValidFrom = ? WHERE id = ?", arguments: [passwordHash, at, accountID])
            return true
        }
    }
}
