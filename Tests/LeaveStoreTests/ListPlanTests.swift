import Foundation
import GRDB
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// Every list that grows with time is shown fifty at a time, and each page is read along an
/// index in the list's own order, never by sorting the whole list (issue 11).
@Suite("Every long list is a range of an index")
struct ListPlanTests {
    struct ListQuery: CustomTestStringConvertible, Sendable {
        let name: String
        let sql: String
        let arguments: [any DatabaseValueConvertible & Sendable]
        let index: String
        var testDescription: String { name }
    }

    static let queries: [ListQuery] = [
        ListQuery(name: "a parent's requests", sql: SQLiteStore.withPupilsSQL(SQLiteStore.parentOrder), arguments: [1],
                  index: "leaveRequest_parent"),
        ListQuery(name: "one child's requests", sql: SQLiteStore.withPupilsSQL(SQLiteStore.childOrder), arguments: [1, 2],
                  index: "leaveRequest_parentPupil"),
        ListQuery(name: "the decided list", sql: SQLiteStore.decidedSQL(), arguments: [1], index: "decision_school"),
        // Issue 13: narrowed, the queue is still read along its order, skipping what does not match.
        ListQuery(name: "the queue narrowed by kind, advice and deadline",
                  sql: "SELECT leaveRequest.id FROM leaveRequest " + SQLiteStore.queueOrder(
                      SQLiteStore.narrowing(RequestFilter(kind: .holiday, advice: .refuse, decideByOnOrBefore: SchoolDate(iso: "2026-11-29"))).sql),
                  arguments: [1, "awaiting-decision", "holiday", "refuse", "2026-11-29"], index: "leaveRequest_queueOrder"),
        // The second half of the queue is read from its end, along the same index backwards.
        ListQuery(name: "the queue from its end", sql: "SELECT leaveRequest.id FROM leaveRequest " + SQLiteStore.queueOrder(backwards: true),
                  arguments: [1, "awaiting-decision"], index: "leaveRequest_queueOrder"),
        ListQuery(name: "the queue narrowed, from its end",
                  sql: "SELECT leaveRequest.id FROM leaveRequest " + SQLiteStore.queueOrder(
                      SQLiteStore.narrowing(RequestFilter(kind: .holiday, advice: .refuse)).sql, backwards: true),
                  arguments: [1, "awaiting-decision", "holiday", "refuse"], index: "leaveRequest_queueOrder"),
        ListQuery(name: "the queue narrowed to a pupil's name and year",
                  sql: "SELECT leaveRequest.id FROM leaveRequest JOIN pupil ON pupil.id = leaveRequest.pupilId " + SQLiteStore.queueOrder(
                      SQLiteStore.narrowing(RequestFilter(search: "bryn", yearGroup: YearGroup(1))).sql),
                  arguments: [1, "awaiting-decision", "%bryn%", "%bryn%", 1], index: "leaveRequest_queueOrder"),
        ListQuery(name: "the decided list narrowed to an outcome and a kind",
                  sql: SQLiteStore.decidedSQL(SQLiteStore.narrowing(RequestFilter(kind: .holiday, outcome: .refused)).sql),
                  arguments: [1, "holiday", "refused"], index: "decision_school"),
        ListQuery(name: "letters waiting", sql: "SELECT letter.id FROM letter WHERE " + SQLiteStore.waitingOrder, arguments: [1],
                  index: "letter_waiting"),
        ListQuery(name: "letters printed", sql: "SELECT letter.id FROM letter WHERE " + SQLiteStore.printedOrder, arguments: [1],
                  index: "letter_waiting"),
        ListQuery(name: "invitations", sql: "SELECT invitation.id FROM invitation WHERE " + SQLiteStore.invitationOrder,
                  arguments: [1, 1], index: "invitation_list"),
        ListQuery(name: "imports", sql: "SELECT id FROM importRun " + SQLiteStore.importOrder, arguments: [1], index: "importRun_school"),
        ListQuery(name: "the school's record", sql: "SELECT id FROM auditEvent WHERE auditEvent.schoolId = ? " + SQLiteStore.auditOrder,
                  arguments: [1], index: "auditEvent_school"),
    ]

    @Test(arguments: queries)
    func aPageIsAnIndexRangeScanWithNoSorting(_ query: ListQuery) async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let plan = try await temp.database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql + " LIMIT 50 OFFSET 100",
                             arguments: StatementArguments(query.arguments)).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("INDEX \(query.index) ") || $0.hasSuffix("INDEX \(query.index)") }, "plan: \(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "plan: \(plan)")
    }

    /// The queue's counts by advice are a few rows read by their key, however long the queue.
    @Test func theQueuesCountsAreReadByTheirKeyNotCounted() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let plan = try await temp.database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT recommendation, requests FROM requestCount WHERE schoolId = ? AND status = ? AND requests > 0",
                             arguments: [1, "awaiting-decision"]).map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH requestCount USING PRIMARY KEY (schoolId=? AND status=?)"], "plan: \(plan)")
    }
}
