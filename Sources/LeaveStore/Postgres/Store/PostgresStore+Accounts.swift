import Foundation
import LeaveCore

extension PostgresStore: AccountStore {
    public func account(email: String) async throws -> (account: Account, passwordHash: String)? {
        let key = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await database.read { sql in
            guard let record = try await sql.record(AccountRecord.self, "SELECT * FROM account WHERE lower(email) = ?", [key]),
                  let account = record.account else { return nil }
            return (account, record.passwordHash)
        }
    }

    public func account(id: Int64) async throws -> Account? {
        try await database.read { sql in try await Self.account(sql, id: id) }
    }

    /// With the school's name, which every page's header shows.
    static func account(_ sql: PostgresSQL, id: Int64) async throws -> Account? {
        guard let row = try await sql.row("""
            SELECT account.*, school.name AS schoolName FROM account JOIN school ON school.id = account.schoolId WHERE account.id = ?
            """, [id]),
            let account = try row.decode(AccountRecord.self).account
        else { return nil }
        return Account(id: account.id, schoolID: account.schoolID, email: account.email, displayName: account.displayName,
                       role: account.role, deactivatedAt: account.deactivatedAt, sessionsValidFrom: account.sessionsValidFrom,
                       schoolName: try row["schoolName", String.self])
    }

    public func addAccount(schoolID: Int64, email: String, displayName: String, role: Role, passwordHash: String) async throws -> Account {
        try await database.write { sql in
            let account = try await Self.insertAccount(sql, schoolID: schoolID, email: email, displayName: displayName, role: role,
                                                       passwordHash: passwordHash)
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: nil, action: .accountAdded, at: Date(),
                                                 detail: "\(account.role.title): \(account.displayName)"), in: sql)
            return account
        }
    }

    static func insertAccount(_ sql: PostgresSQL, schoolID: Int64, email: String, displayName: String, role: Role,
                              passwordHash: String) async throws -> Account {
        let key = email.trimmingCharacters(in: .whitespaces).lowercased()
        if try await sql.value(Int64.self, "SELECT COUNT(*) FROM account WHERE lower(email) = ?", [key]) ?? 0 > 0 {
            throw StoreError.duplicateEmail
        }
        var record = AccountRecord(id: nil, schoolId: schoolID, email: key, displayName: displayName, role: role.rawValue, passwordHash: passwordHash)
        do {
            record.id = try await sql.insert(record, into: "account")
        } catch where PostgresDatabase.isUniqueViolation(error) {
            throw StoreError.duplicateEmail
        }
        guard let account = record.account else { throw StoreError.corrupt("an account was written without its id") }
        return account
    }

    public func staff(schoolID: Int64) async throws -> [Account] {
        try await database.read { sql in
            try await sql.records(AccountRecord.self, "SELECT * FROM account WHERE schoolId = ? AND role <> ? ORDER BY displayName",
                                  [schoolID, Role.parent.rawValue]).compactMap(\.account)
        }
    }

    public func changeRole(accountID: Int64, schoolID: Int64, to role: Role, by admin: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let record = try await sql.record(AccountRecord.self, "SELECT * FROM account WHERE id = ? AND schoolId = ?", [accountID, schoolID]),
                  record.role != Role.parent.rawValue, role != .parent else { throw StoreError.notFound }
            let before = Role(rawValue: record.role)?.title ?? record.role
            guard before != role.title else { return }
            try await sql.execute("UPDATE account SET role = ?, sessionsValidFrom = ? WHERE id = ?", [role.rawValue, at, accountID])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: admin, action: .accountChanged, at: at,
                                                 detail: "\(record.displayName): \(before) → \(role.title)"), in: sql)
        }
    }

    public func deactivate(accountID: Int64, schoolID: Int64, by admin: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let record = try await sql.record(AccountRecord.self, "SELECT * FROM account WHERE id = ? AND schoolId = ?", [accountID, schoolID])
            else { throw StoreError.notFound }
            guard record.deactivatedAt == nil else { return }
            try await sql.execute("UPDATE account SET deactivatedAt = ?, sessionsValidFrom = ? WHERE id = ?", [at, at, accountID])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: admin, action: .accountChanged, at: at,
                                                 detail: "\(record.displayName) (\(Role(rawValue: record.role)?.title ?? record.role)): account closed"), in: sql)
        }
    }

    public func setPassword(accountID: Int64, passwordHash: String, at: Date) async throws {
        try await database.write { sql in
            try await sql.execute("UPDATE account SET passwordHash = ?, sessionsValidFrom = ? WHERE id = ?", [passwordHash, at, accountID])
        }
    }

    public func endSessions(accountID: Int64, at: Date) async throws {
        try await database.write { sql in
            try await sql.execute("UPDATE account SET sessionsValidFrom = ? WHERE id = ?", [at, accountID])
        }
    }

    public func createPasswordReset(accountID: Int64, tokenHash: String, at: Date, expiresAt: Date, message: MailMessage) async throws {
        try await database.write { sql in
            try await sql.execute("INSERT INTO passwordReset (accountId, tokenHash, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                                  [accountID, tokenHash, at, expiresAt])
            try await Self.enqueue(message, at: at, in: sql)
        }
    }

    public func passwordReset(tokenHash: String, at: Date) async throws -> (id: Int64, account: Account)? {
        try await database.read { sql in
            guard let row = try await sql.row("""
                SELECT id, accountId FROM passwordReset WHERE tokenHash = ? AND usedAt IS NULL AND expiresAt > ?
                """, [tokenHash, at]),
                let account = try await sql.record(AccountRecord.self, "SELECT * FROM account WHERE id = ?", [try row[1, Int64.self]])?.account,
                account.isActive
            else { return nil }
            return (try row[0, Int64.self], account)
        }
    }

    public func completePasswordReset(id: Int64, passwordHash: String, at: Date) async throws -> Bool {
        try await database.write { sql in
            // FOR UPDATE: two servers given the same link at once use it once.
            guard let accountID = try await sql.value(Int64.self, """
                SELECT accountId FROM passwordReset WHERE id = ? AND usedAt IS NULL AND expiresAt > ? FOR UPDATE
                """, [id, at]) else { return false }
            try await sql.execute("UPDATE passwordReset SET usedAt = ? WHERE id = ?", [at, id])
            try await sql.execute("UPDATE account SET passwordHash = ?, sessionsValidFrom = ? WHERE id = ?", [passwordHash, at, accountID])
            return true
        }
    }
}
