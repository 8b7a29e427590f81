import Foundation
import LeaveCore

extension PostgresStore: OutboxStore {
    public func enqueue(_ message: MailMessage, at: Date) async throws {
        try await database.write { sql in try await Self.enqueue(message, at: at, in: sql) }
    }

    /// Written inside the caller's transaction, with the event the message reports.
    /// With `letterID`, the letter's PDF goes with the message when it is sent.
    static func enqueue(_ message: MailMessage, at: Date, letterID: Int64? = nil, in sql: PostgresSQL) async throws {
        try await sql.execute("""
            INSERT INTO outbox (schoolId, kind, toAddress, subject, body, createdAt, nextAttemptAt, letterId) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [message.schoolID, message.kind.rawValue, message.to, message.subject, message.text, at, at, letterID])
    }

    /// Each server process runs a sender. SKIP LOCKED lets each claim only messages no other sender
    /// holds, without waiting; the claim (a later `nextAttemptAt`) is committed before anything is sent,
    /// so a message is sent by one process once.
    public func claimDueMessages(now: Date, until: Date, limit: Int) async throws -> [OutboxMessage] {
        try await database.write { sql in
            let rows = try await sql.rows("""
                UPDATE outbox SET nextAttemptAt = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM outbox WHERE sentAt IS NULL AND failedAt IS NULL AND nextAttemptAt <= ?
                             ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING *
                """, [until, now, max(0, limit)])
            var claimed: [OutboxMessage] = []
            for row in try rows.sorted(by: { try $0["id", Int64.self] < $1["id", Int64.self] }) {
                guard let found = try Self.outbox(row) else { continue }
                var message = found.message
                if let letterID = try row.optional("letterId", Int64.self),
                   let letter = try await sql.row("""
                       SELECT letter.pdf, leaveRequest.reference FROM letter JOIN leaveRequest ON leaveRequest.id = letter.requestId
                       WHERE letter.id = ? AND letter.schoolId = ?
                       """, [letterID, message.schoolID]),
                   let pdf = try letter.optional(0, Data.self) {
                    message.attachments = [MailAttachment(fileName: "letter-\(try letter[1, String.self]).pdf", contentType: "application/pdf",
                                                          bytes: [UInt8](pdf))]
                }
                claimed.append(OutboxMessage(id: found.id, message: message, attempts: found.attempts, createdAt: found.createdAt))
            }
            return claimed
        }
    }

    public func markSent(id: Int64, at: Date) async throws {
        try await database.write { sql in try await sql.execute("UPDATE outbox SET sentAt = ?, lastError = NULL WHERE id = ?", [at, id]) }
    }

    public func markFailed(id: Int64, error: String, retryAt: Date?, at: Date) async throws {
        try await database.write { sql in
            if let retryAt {
                try await sql.execute("UPDATE outbox SET nextAttemptAt = ?, lastError = ? WHERE id = ?", [retryAt, error, id])
            } else {
                try await sql.execute("UPDATE outbox SET failedAt = ?, lastError = ? WHERE id = ?", [at, error, id])
            }
        }
    }

    public func markBounced(id: Int64, recipient: String, detail: String, at: Date) async throws -> Bool {
        try await database.write { sql in
            // Only a message that was sent, to the address the report names.
            guard let schoolID = try await sql.value(Int64.self, """
                UPDATE outbox SET failedAt = ?, lastError = ?
                WHERE id = ? AND lower(toAddress) = lower(?) AND sentAt IS NOT NULL AND failedAt IS NULL
                RETURNING schoolId
                """, [at, "returned: " + detail, id, recipient])
            else { return false }
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: nil, action: .mailReturned, at: at,
                                                 detail: "message \(id) came back: \(detail)"), in: sql)
            return true
        }
    }

    public func failedMessages(schoolID: Int64, limit: Int) async throws -> [OutboxMessage] {
        try await database.read { sql in
            try await sql.rows("SELECT * FROM outbox WHERE schoolId = ? AND failedAt IS NOT NULL ORDER BY id DESC LIMIT ?",
                               [schoolID, max(0, min(limit, 500))]).compactMap(Self.outbox)
        }
    }

    static func outbox(_ row: SQLRow) throws -> OutboxMessage? {
        guard let kind = MailMessage.Kind(rawValue: try row["kind", String.self]) else { return nil }
        return OutboxMessage(id: try row["id", Int64.self],
                             message: MailMessage(schoolID: try row["schoolId", Int64.self], kind: kind, to: try row["toAddress", String.self],
                                                  subject: try row["subject", String.self], text: try row["body", String.self]),
                             attempts: Int(try row["attempts", Int64.self]), createdAt: try row["createdAt", Date.self])
    }
}
