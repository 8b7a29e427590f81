import LeaveCore

/// The headteacher's queue: a page of it, the advice counts, and the page as a whole.
extension PostgresStore {
    public func decisionQueue(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int) async throws -> (requests: [RequestWithPupil], total: Int) {
        try await database.read { sql in try await Self.decisionQueue(sql, schoolID: schoolID, filter: filter, offset: offset, limit: limit) }
    }

    public func queueAdvice(schoolID: Int64) async throws -> (counts: [Recommendation: Int], total: Int) {
        try await database.read { sql in try await Self.queueAdvice(sql, schoolID: schoolID) }
    }

    public func queuePage(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int, evidenceLimit: Int) async throws -> QueuePage {
        try await database.read { sql in
            let counts = try await Self.queueAdvice(sql, schoolID: schoolID)
            let page = try await Self.decisionQueue(sql, schoolID: schoolID, filter: filter, offset: offset, limit: limit,
                                                    knownTotal: filter.isEmpty ? counts.total : nil)
            let advice = try await Self.advice(sql, requestIDs: page.requests.map(\.request.id))
            let waiting = evidenceLimit > 0 ? try await Self.evidenceWaiting(sql, schoolID: schoolID, limit: evidenceLimit) : []
            return QueuePage(requests: page.requests, total: page.total, advice: advice, adviceCounts: counts.counts,
                             waitingInAll: counts.total, evidenceWaiting: waiting)
        }
    }

    /// `knownTotal`: the queue's size when the caller has it already (the counts by advice add up
    /// to it when nothing narrows the queue), so the requests are not counted twice.
    static func decisionQueue(_ sql: PostgresSQL, schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int,
                              knownTotal: Int? = nil) async throws -> (requests: [RequestWithPupil], total: Int) {
        let narrowing = Self.narrowing(filter)
        let from = "FROM leaveRequest" + (narrowing.needsPupil ? " JOIN pupil ON pupil.id = leaveRequest.pupilId " : " ")
        let arguments: [any SQLValue] = [schoolID, RequestStatus.awaitingDecision.rawValue] + narrowing.sqlValues
        let total: Int
        if let knownTotal {
            total = knownTotal
        } else {
            total = try await Int(sql.value(Int64.self, "SELECT COUNT(*) " + from + Self.queueOrder(narrowing.sql, ordered: false), arguments) ?? 0)
        }
        // The page's ids first, along the index `leaveRequest_queueOrder`, then those rows:
        // skipping to the hundredth page then passes over index entries, not whole requests.
        let ids = try await sql.rows("SELECT leaveRequest.id " + from + Self.queueOrder(narrowing.sql) + " LIMIT ? OFFSET ?",
                                     arguments + [max(0, min(limit, 500)), max(0, offset)]).map { try $0[0, Int64.self] }
        return (try await Self.withPupils(sql, ids: ids), total)
    }

    static func queueAdvice(_ sql: PostgresSQL, schoolID: Int64) async throws -> (counts: [Recommendation: Int], total: Int) {
        // Counted from the index `leaveRequest_advice`.
        let rows = try await sql.rows("""
            SELECT recommendation, COUNT(*) FROM leaveRequest WHERE schoolId = ? AND status = ? GROUP BY recommendation
            """, [schoolID, RequestStatus.awaitingDecision.rawValue])
        var counts: [Recommendation: Int] = [:]
        var total = 0
        for row in rows {
            let count = try Int(row[1, Int64.self])
            total += count
            if let advice = try row.optional(0, String.self).flatMap(Recommendation.init(rawValue:)) { counts[advice] = count }
        }
        return (counts, total)
    }

    /// The rules' newest advice on each request, as the request keeps it: one look-up for the page.
    static func advice(_ sql: PostgresSQL, requestIDs: [Int64]) async throws -> [Int64: Recommendation] {
        guard !requestIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: requestIDs.count).joined(separator: ", ")
        var advice: [Int64: Recommendation] = [:]
        for row in try await sql.rows("SELECT id, recommendation FROM leaveRequest WHERE id IN (\(marks))", requestIDs) {
            if let value = try row.optional(1, String.self).flatMap(Recommendation.init(rawValue:)) { advice[try row[0, Int64.self]] = value }
        }
        return advice
    }
}
