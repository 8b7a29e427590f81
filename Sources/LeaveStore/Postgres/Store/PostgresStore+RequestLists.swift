import Foundation
import LeaveCore

/// The lists a request appears in: a parent's (or one child's), the headteacher's queue and
/// what has been decided, each fifty at a time along an index.
extension PostgresStore {
    public func requests(parentID: Int64, pupilID: Int64?, offset: Int, limit: Int) async throws -> (requests: [RequestWithPupil], total: Int) {
        try await database.read { sql in
            let (filter, order, arguments): (String, String, [any SQLValue]) = if let pupilID {
                (Self.childFilter, Self.childOrder, [parentID, pupilID])
            } else {
                (Self.parentFilter, Self.parentOrder, [parentID])
            }
            // PostgreSQL refuses an ORDER BY beside COUNT(*): the count takes the conditions alone.
            let total = try await Int(sql.value(Int64.self, "SELECT COUNT(*) FROM leaveRequest " + filter, arguments) ?? 0)
            let page = try await Self.withPupils(sql, sql: order + " LIMIT ? OFFSET ?",
                                                 arguments + [max(0, min(limit, 500)), max(0, offset)], answers: false)
            return (page, total)
        }
    }

    /// A parent's requests, newest first, along `leaveRequest_parent`; one child's along
    /// `leaveRequest_parentPupil`. The id last, as SQLite's index gives equal times, so pages do not overlap.
    static let parentFilter = "WHERE leaveRequest.parentId = ?"
    static let childFilter = "WHERE leaveRequest.parentId = ? AND leaveRequest.pupilId = ?"
    static let parentOrder = parentFilter + " ORDER BY leaveRequest.submittedAt DESC, leaveRequest.id DESC"
    static let childOrder = childFilter + " ORDER BY leaveRequest.submittedAt DESC, leaveRequest.id DESC"

    public func decidedRequests(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int) async throws -> (requests: [DecidedRequest], total: Int) {
        try await database.read { sql in
            let narrowing = Self.narrowing(filter)
            let arguments: [any SQLValue] = [schoolID] + narrowing.sqlValues
            let total = try await Int(sql.value(Int64.self, """
                SELECT COUNT(*) FROM decision
                \(narrowing.needsRequest ? "JOIN leaveRequest ON leaveRequest.id = decision.requestId" : "")
                \(narrowing.needsPupil ? "JOIN pupil ON pupil.id = leaveRequest.pupilId" : "")
                WHERE decision.schoolId = ? AND \(Self.standing)\(narrowing.sql)
                """, arguments) ?? 0)
            let rows = try await sql.rows(Self.decidedSQL(narrowing.sql) + " LIMIT ? OFFSET ?",
                                          arguments + [max(0, min(limit, 500)), max(0, offset)])
            let page = try rows.map { row in
                let d = LeaveRequestRecord.columnCount + 6
                guard let outcome = DecisionOutcome(rawValue: try row[d, String.self]) else { throw StoreError.corrupt("decision") }
                return try DecidedRequest(item: Self.requestWithPupil(row, answers: false), outcome: outcome,
                                          decidedAt: row[d + 1, Date.self], deciderName: row[d + 2, String.self])
            }
            return (page, total)
        }
    }

    public func decisionQueue(schoolID: Int64) async throws -> [RequestWithPupil] {
        try await database.read { sql in
            try await Self.withPupils(sql, sql: """
                \(Self.queueOrder())
                """, [schoolID, RequestStatus.awaitingDecision.rawValue])
        }
    }

    /// The queue's order, which the index `leaveRequest_queueOrder` gives: the deadline first (one
    /// not yet worked out, first of all: NULLS FIRST, as SQLite sorts them), then the first day;
    /// the id last, as SQLite's index ends with the rowid, so equal requests keep their place between pages.
    static func queueOrder(_ narrowing: String = "", ordered: Bool = true) -> String {
        """
        WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ?\(narrowing)
        \(ordered ? "ORDER BY leaveRequest.decideBy NULLS FIRST, leaveRequest.startDate, leaveRequest.startSession, leaveRequest.submittedAt, leaveRequest.id" : "")
        """
    }
}
