import Foundation
import LeaveCore

/// Decisions changed after they were made: each change a new decision naming the one it
/// supersedes, the earlier kept (000 "Register amendments").
extension PostgresStore {
    public func decisions(requestID: Int64, schoolID: Int64) async throws -> [Decision] {
        try await database.read { sql in try await Self.decisions(sql, requestID: requestID, schoolID: schoolID) }
    }

    static func decisions(_ sql: PostgresSQL, requestID: Int64, schoolID: Int64) async throws -> [Decision] {
        let rows = try await sql.records(DecisionRecord.self, "SELECT * FROM decision WHERE requestId = ? AND schoolId = ? ORDER BY id",
                                         [requestID, schoolID])
        return try rows.enumerated().map { index, row in try row.decision(previous: index > 0 ? rows[index - 1] : nil) }
    }

    public func amend(_ decision: Decision, replacing: Date, schoolID: Int64, letter letterDocument: LetterDocument, message: MailMessage?) async throws {
        guard let amendment = decision.amendment else { throw StoreError.notFound }
        do {
            try await database.write { sql in
                guard let standing = try await sql.record(DecisionRecord.self, """
                    SELECT * FROM decision WHERE requestId = ? AND schoolId = ? ORDER BY id DESC LIMIT 1
                    """, [decision.requestID, schoolID])
                else { throw StoreError.notFound }
                // Compared to the millisecond, as dates go through the database: someone else's change in between is refused.
                guard abs(standing.decidedAt.timeIntervalSince(replacing)) < 0.001 else { throw StoreError.superseded }
                guard let standingID = standing.id else { throw StoreError.corrupt("a decision was read without its id") }
                let record = try DecisionRecord(decision, schoolID: schoolID, supersedes: standingID)
                let decisionID = try await sql.insert(record, into: "decision")
                try await sql.execute("UPDATE leaveRequest SET status = ? WHERE id = ? AND schoolId = ?",
                                      [decision.outcome.status.rawValue, decision.requestID, schoolID])
                let letterID = try await Self.insertLetter(letterDocument, decision: decision, decisionID: decisionID, schoolID: schoolID, in: sql)
                let event = AuditEventRecord(AuditEvent(
                    schoolID: schoolID, actor: decision.decidedBy, action: amendment.kind == .amended ? .amended : .rescinded,
                    requestID: decision.requestID, at: decision.decidedAt,
                    detail: String("was \(standing.outcome) (\(standing.deciderName)); now \(decision.outcome.rawValue): \(decision.reason); why changed: \(amendment.reason)".prefix(4_000))))
                try await sql.insert(event, into: "auditEvent")
                if let message { try await Self.enqueue(message, at: decision.decidedAt, letterID: letterID, in: sql) }
            }
        } catch where PostgresDatabase.isUniqueViolation(error) {
            // Two changes of the same decision raced past the check (a decision is superseded once,
            // `supersedesId` is UNIQUE): the one that lost was made against a decision no longer standing.
            throw StoreError.superseded
        }
    }
}

/// The school's record, as the admin reads it.
extension PostgresStore {
    /// Newest first: ids are given in the order lines are written.
    static let auditOrder = "ORDER BY auditEvent.id DESC"

    public func auditEvents(schoolID: Int64, filter narrowing: AuditFilter, offset: Int, limit: Int) async throws
        -> (events: [(event: AuditEvent, reference: String)], total: Int) {
        try await database.read { sql in
            var filter = "auditEvent.schoolId = ?"
            var arguments: [any SQLValue] = [schoolID]
            if let action = narrowing.action {
                filter += " AND auditEvent.action = ?"
                arguments.append(action.rawValue)
            }
            if let reference = narrowing.reference {
                filter += " AND auditEvent.requestId = (SELECT id FROM leaveRequest WHERE reference = ? AND schoolId = ?)"
                arguments += [reference.text, schoolID] as [any SQLValue]
            }
            if !narrowing.actorName.isEmpty {
                // ILIKE: SQLite's LIKE ignored case, and the admin types part of a name however it comes.
                filter += #" AND auditEvent.actorName ILIKE ? ESCAPE '\'"#
                arguments.append("%" + RequestNarrowing.escapeLike(narrowing.actorName) + "%")
            }
            if let from = narrowing.from {
                filter += " AND auditEvent.at >= ?"
                arguments.append(from)
            }
            if let before = narrowing.before {
                filter += " AND auditEvent.at < ?"
                arguments.append(before)
            }
            let total = Int(try await sql.value(Int64.self, "SELECT COUNT(*) FROM auditEvent WHERE " + filter, arguments) ?? 0)
            let page: [any SQLValue] = [max(0, min(limit, 500)), max(0, offset)]
            let ids = try await sql.rows("SELECT id FROM auditEvent WHERE \(filter) " + Self.auditOrder + " LIMIT ? OFFSET ?", arguments + page)
                .map { try $0[0, Int64.self] }
            guard !ids.isEmpty else { return ([], total) }
            let rows = try await sql.rows("""
                SELECT auditEvent.*, leaveRequest.reference AS requestReference FROM auditEvent
                JOIN leaveRequest ON leaveRequest.id = auditEvent.requestId
                WHERE auditEvent.id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY auditEvent.id DESC
                """)
            let events = try rows.map { row in
                (event: try row.decode(AuditEventRecord.self).event(), reference: try row["requestReference", String.self])
            }
            return (events, total)
        }
    }
}
