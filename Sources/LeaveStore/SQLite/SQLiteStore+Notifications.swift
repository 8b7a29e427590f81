import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: NotificationStore {
    public func newRequestEmails(schoolID: Int64) async throws -> NewRequestEmails {
        try await writer.read { db in try Self.newRequestEmails(db, schoolID: schoolID) }
    }

    static func newRequestEmails(_ db: Database, schoolID: Int64) throws -> NewRequestEmails {
        guard let row = try Row.fetchOne(db, sql: "SELECT mode, hour FROM schoolNotification WHERE schoolId = ?", arguments: [schoolID])
        else { return .each }
        return NewRequestEmails(mode: row["mode"], hour: row["hour"])
    }

    public func newRequestRecipients(schoolID: Int64) async throws -> NewRequestRecipients {
        try await writer.read { db in
            let emails = try Self.newRequestEmails(db, schoolID: schoolID)
            return NewRequestRecipients(school: try SchoolRecord.fetchOne(db, key: schoolID)?.school,
                                        deciders: emails != .each ? [] : try AccountRecord.fetchAll(
                                            db, sql: NewRequestRecipients.decidersSQL,
                                            arguments: StatementArguments([schoolID] + NewRequestRecipients.deciderRoles.map { $0 as any DatabaseValueConvertible }))
                                            .compactMap(\.account).filter(\.isActive))
        }
    }

    public func setNewRequestEmails(_ setting: NewRequestEmails, schoolID: Int64, by admin: Actor, at: Date) async throws {
        let hour: Int = if case .daily(let hour) = setting { hour } else { 16 }
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO schoolNotification (schoolId, mode, hour) VALUES (?, ?, ?)
                ON CONFLICT(schoolId) DO UPDATE SET mode = excluded.mode, hour = excluded.hour
                """, arguments: [schoolID, setting.storedMode, hour])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: admin, action: .policyChanged, at: at,
                                           detail: "e-mails about new requests: \(setting.storedMode)\(setting.storedMode == "daily" ? " at \(hour):00" : "")"), in: db)
        }
    }

    public func dailyDigestSchools() async throws -> [(schoolID: Int64, hour: Int, lastDigestAt: Date?)] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT schoolId, hour, lastDigestAt FROM schoolNotification WHERE mode = 'daily'").map {
                ($0["schoolId"], $0["hour"], $0["lastDigestAt"])
            }
        }
    }

    public func requestsWaiting(schoolID: Int64, submittedAfter after: Date?) async throws -> [LeaveRequest] {
        try await writer.read { db in
            try LeaveRequestRecord
                .filter(Column("schoolId") == schoolID && Column("status") == RequestStatus.awaitingDecision.rawValue
                        && Column("submittedAt") > (after ?? .distantPast))
                .order(Column("submittedAt")).fetchAll(db).map { try $0.request() }
        }
    }

    public func recordDigest(schoolID: Int64, at: Date, previous: Date?, messages: [MailMessage]) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE schoolNotification SET lastDigestAt = ? WHERE schoolId = ? AND lastDigestAt IS ?",
                           arguments: [at, schoolID, previous])
            guard db.changesCount > 0 else { return false }
            for message in messages { try Self.enqueue(message, at: at, in: db) }
            return true
        }
    }
}
