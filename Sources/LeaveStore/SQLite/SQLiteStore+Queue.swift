import GRDB
import LeaveCore

/// The headteacher's queue: a page of it, the advice counts, and the page as a whole.
extension SQLiteStore {
    public func decisionQueue(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int) async throws -> (requests: [RequestWithPupil], total: Int) {
        try await writer.read { db in try Self.decisionQueue(db, schoolID: schoolID, filter: filter, offset: offset, limit: limit) }
    }

    public func queueAdvice(schoolID: Int64) async throws -> (counts: [Recommendation: Int], total: Int) {
        try await writer.read { db in try Self.queueAdvice(db, schoolID: schoolID) }
    }

    public func queuePage(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int, evidenceLimit: Int) async throws -> QueuePage {
        try await writer.read { db in
            let counts = try Self.queueAdvice(db, schoolID: schoolID)
            let page = try Self.decisionQueue(db, schoolID: schoolID, filter: filter, offset: offset, limit: limit,
                                              knownTotal: filter.isEmpty ? counts.total : nil)
            return QueuePage(requests: page.requests, total: page.total, advice: try Self.advice(db, requestIDs: page.requests.map(\.request.id)),
                             adviceCounts: counts.counts, waitingInAll: counts.total,
                             evidenceWaiting: evidenceLimit > 0 ? try Self.evidenceWaiting(db, schoolID: schoolID, limit: evidenceLimit) : [])
        }
    }

    /// `knownTotal`: the queue's size when the caller has it already (the counts kept per advice
    /// add up to it when nothing narrows the queue), so the requests are not counted again.
    static func decisionQueue(_ db: Database, schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int,
                              knownTotal: Int? = nil) throws -> (requests: [RequestWithPupil], total: Int) {
        let narrowing = Self.narrowing(filter)
        let from = "FROM leaveRequest" + (narrowing.needsPupil ? " JOIN pupil ON pupil.id = leaveRequest.pupilId " : " ")
        let arguments: [any DatabaseValueConvertible] = [schoolID, RequestStatus.awaitingDecision.rawValue] + narrowing.arguments
        let total = try knownTotal ?? Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) " + from + Self.queueOrder(narrowing.sql, ordered: false)),
                                                   arguments: StatementArguments(arguments)) ?? 0
        // The page's ids first, from the index alone (it ends with the rowid), then those rows:
        // skipping to the hundredth page then passes over index entries, not whole requests.
        // A page in the second half is counted from the end, along the index read backwards, so
        // no page passes over more than half the queue.
        let limit = max(0, min(limit, 500)), offset = max(0, offset)
        let backwards = offset > total / 2 && offset < total
        let (take, skip) = backwards ? (min(limit, total - offset), max(0, total - offset - limit)) : (limit, offset)
        let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT leaveRequest.id " + from
                                                        + Self.queueOrder(narrowing.sql, backwards: backwards) + " LIMIT ? OFFSET ?"),
                                     arguments: StatementArguments(arguments + [take, skip]))
        return (try Self.withPupils(db, ids: backwards ? ids.reversed() : ids), total)
    }

    static func queueAdvice(_ db: Database, schoolID: Int64) throws -> (counts: [Recommendation: Int], total: Int) {
        // Kept by triggers in `requestCount` (migration v29): a few rows, whatever the queue's length.
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT recommendation, requests FROM requestCount WHERE schoolId = ? AND status = ? AND requests > 0
            """), arguments: [schoolID, RequestStatus.awaitingDecision.rawValue])
        var counts: [Recommendation: Int] = [:]
        var total = 0
        for row in rows {
            let count: Int = row[1]
            total += count
            if let advice = Recommendation(rawValue: row[0] as String) { counts[advice] = count }
        }
        return (counts, total)
    }

    /// The rules' newest advice on each request, as the request keeps it (saving an evaluation
    /// updates it): one look-up for the page, not one a row in `requestEvaluation`.
    static func advice(_ db: Database, requestIDs: [Int64]) throws -> [Int64: Recommendation] {
        guard !requestIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: requestIDs.count).joined(separator: ", ")
        var advice: [Int64: Recommendation] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, recommendation FROM leaveRequest WHERE id IN (\(marks))"),
                                    arguments: StatementArguments(requestIDs)) {
            if let value = (row[1] as String?).flatMap(Recommendation.init(rawValue:)) { advice[row[0]] = value }
        }
        return advice
    }
}
