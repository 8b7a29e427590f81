import Foundation
import GRDB
import LeaveCore

/// Decisions changed after they were made: each change a new decision naming the one it
/// supersedes, the earlier kept (000 "Register amendments").
extension SQLiteStore {
    public func decisions(requestID: Int64, schoolID: Int64) async throws -> [Decision] {
        try await writer.read { db in try Self.decisions(db, requestID: requestID, schoolID: schoolID) }
    }

    static func decisions(_ db: Database, requestID: Int64, schoolID: Int64) throws -> [Decision] {
        let rows = try DecisionRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM decision WHERE requestId = ? AND schoolId = ? ORDER BY id"),
                                               arguments: [requestID, schoolID])
        return try rows.enumerated().map { index, row in try row.decision(previous: index > 0 ? rows[index - 1] : nil) }
    }

    public func amend(_ decision: Decision, replacing: Date, schoolID: Int64, letter letterDocument: LetterDocument, message: MailMessage?) async throws {
        guard let amendment = decision.amendment else { throw StoreError.notFound }
        try await writer.write { db in
            guard let standing = try DecisionRecord
                .filter(Column("requestId") == decision.requestID && Column("schoolId") == schoolID)
                .order(Column("id").desc).fetchOne(db)
            else { throw StoreError.notFound }
            // Compared to the second, as dates go through the database: someone else's change in between is refused.
            guard abs(standing.decidedAt.timeIntervalSince(replacing)) < 0.001 else { throw StoreError.superseded }
            var record = try DecisionRecord(decision, schoolID: schoolID, supersedes: standing.id)
            try record.insert(db)
            try db.execute(sql: "UPDATE leaveRequest SET status = ? WHERE id = ? AND schoolId = ?",
                           arguments: [decision.outcome.status.rawValue, decision.requestID, schoolID])
            let letterID = try Self.insertLetter(letterDocument, decision: decision, decisionID: record.id, schoolID: schoolID, in: db)
            var event = AuditEventRecord(AuditEvent(
                schoolID: schoolID, actor: decision.decidedBy, action: amendment.kind == .amended ? .amended : .rescinded,
                requestID: decision.requestID, at: decision.decidedAt,
                detail: String("was \(standing.outcome) (\(standing.deciderName)); now \(decision.outcome.rawValue): \(decision.reason); why changed: \(amendment.reason)".prefix(4_000))))
            try event.insert(db)
            if let message { try Self.enqueue(message, at: decision.decidedAt, letterID: letterID, in: db) }
        }
    }
}

/// The school's record, as the admin reads it.
extension SQLiteStore {
    /// Newest first, along `auditEvent_school` (or `auditEvent_schoolAction`) read backwards.
    static let auditOrder = "ORDER BY auditEvent.id DESC"

    public func auditEvents(schoolID: Int64, filter narrowing: AuditFilter, offset: Int, limit: Int) async throws
        -> (events: [(event: AuditEvent, reference: String)], total: Int) {
        try await writer.read { db in
            var filter = "auditEvent.schoolId = ?"
            var arguments: StatementArguments = [schoolID]
            if let action = narrowing.action {
                filter += " AND auditEvent.action = ?"
                arguments += [action.rawValue]
            }
            if let reference = narrowing.reference {
                filter += " AND auditEvent.requestId = (SELECT id FROM leaveRequest WHERE reference = ? AND schoolId = ?)"
                arguments += [reference.text, schoolID]
            }
            if !narrowing.actorName.isEmpty {
                filter += #" AND auditEvent.actorName LIKE ? ESCAPE '\'"#
                arguments += ["%" + RequestNarrowing.escapeLike(narrowing.actorName) + "%"]
            }
            if let from = narrowing.from {
                filter += " AND auditEvent.at >= ?"
                arguments += [from]
            }
            if let before = narrowing.before {
                filter += " AND auditEvent.at < ?"
                arguments += [before]
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE " + filter, arguments: arguments) ?? 0
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM auditEvent WHERE \(filter) " + Self.auditOrder + " LIMIT ? OFFSET ?",
                                         arguments: arguments + [max(0, min(limit, 500)), max(0, offset)])
            guard !ids.isEmpty else { return ([], total) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT auditEvent.*, leaveRequest.reference AS requestReference FROM auditEvent
                JOIN leaveRequest ON leaveRequest.id = auditEvent.requestId
                WHERE auditEvent.id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY auditEvent.id DESC
                """)
            let events = try rows.map { row in (event: try AuditEventRecord(row: row).event(), reference: row["requestReference"] as String) }
            return (events, total)
        }
    }
}
