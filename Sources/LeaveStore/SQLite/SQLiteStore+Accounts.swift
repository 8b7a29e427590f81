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
        try await writer.read { db in try AccountRecord.fetchOne(db, key: id)?.account }
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
}
