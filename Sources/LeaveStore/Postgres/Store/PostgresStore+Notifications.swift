import Foundation
import LeaveCore

extension PostgresStore: NotificationStore {
    public func newRequestEmails(schoolID: Int64) async throws -> NewRequestEmails {
        try await database.read { sql in try await Self.newRequestEmails(sql, schoolID: schoolID) }
    }

    static func newRequestEmails(_ sql: PostgresSQL, schoolID: Int64) async throws -> NewRequestEmails {
        guard let row = try await sql.row("SELECT mode, hour FROM schoolNotification WHERE schoolId = ?", [schoolID])
        else { return .each }
        return NewRequestEmails(mode: try row[0, String.self], hour: Int(try row[1, Int64.self]))
    }

    public func newRequestRecipients(schoolID: Int64) async throws -> NewRequestRecipients {
        try await database.read { sql in
            let emails = try await Self.newRequestEmails(sql, schoolID: schoolID)
            let school = try await Self.school(sql, id: schoolID)
            return NewRequestRecipients(school: school,
                                        deciders: emails != .each ? [] : try await sql.records(
                                            AccountRecord.self, NewRequestRecipients.decidersSQL,
                                            [schoolID] + NewRequestRecipients.deciderRoles.map { $0 as any SQLValue })
                                            .compactMap(\.account).filter(\.isActive))
        }
    }

    public func setNewRequestEmails(_ setting: NewRequestEmails, schoolID: Int64, by admin: Actor, at: Date) async throws {
        let hour: Int = if case .daily(let hour) = setting { hour } else { 16 }
        try await database.write { sql in
            try await sql.execute("""
                INSERT INTO schoolNotification (schoolId, mode, hour) VALUES (?, ?, ?)
                ON CONFLICT (schoolId) DO UPDATE SET mode = excluded.mode, hour = excluded.hour
                """, [schoolID, setting.storedMode, hour])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: admin, action: .policyChanged, at: at,
                                                 detail: "e-mails about new requests: \(setting.storedMode)\(setting.storedMode == "daily" ? " at \(hour):00" : "")"), in: sql)
        }
    }

    public func dailyDigestSchools() async throws -> [(schoolID: Int64, hour: Int, lastDigestAt: Date?)] {
        try await database.read { sql in
            try await sql.rows("SELECT schoolId, hour, lastDigestAt FROM schoolNotification WHERE mode = 'daily'").map { row in
                (schoolID: try row[0, Int64.self], hour: Int(try row[1, Int64.self]), lastDigestAt: try row.optional(2, Date.self))
            }
        }
    }

    public func requestsWaiting(schoolID: Int64, submittedAfter after: Date?) async throws -> [LeaveRequest] {
        try await database.read { sql in
            var query = "SELECT * FROM leaveRequest WHERE schoolId = ? AND status = ?"
            var values: [any SQLValue] = [schoolID, RequestStatus.awaitingDecision.rawValue]
            if let after {
                query += " AND submittedAt > ?"
                values.append(after)
            }
            return try await sql.records(LeaveRequestRecord.self, query + " ORDER BY submittedAt, id", values).map { try $0.request() }
        }
    }

    public func recordDigest(schoolID: Int64, at: Date, previous: Date?, messages: [MailMessage]) async throws -> Bool {
        try await database.write { sql in
            guard try await sql.execute("UPDATE schoolNotification SET lastDigestAt = ? WHERE schoolId = ? AND lastDigestAt IS NOT DISTINCT FROM ?",
                                        [at, schoolID, previous]) > 0 else { return false }
            for message in messages { try await Self.enqueue(message, at: at, in: sql) }
            return true
        }
    }
}
