import LeaveCore

extension PostgresStore {
    public func requestFile(_ found: RequestWithPupil, familyLimit: Int) async throws -> RequestFile {
        try await database.read { sql in try await Self.requestFile(sql, found, familyLimit: familyLimit) }
    }

    public func requestWithFile(reference: ReferenceNumber, schoolID: Int64, familyLimit: Int) async throws
        -> (found: RequestWithPupil, file: RequestFile)? {
        try await database.read { sql in
            guard let found = try await Self.request(sql, reference: reference, schoolID: schoolID) else { return nil }
            return (found, try await Self.requestFile(sql, found, familyLimit: familyLimit))
        }
    }

    static func requestFile(_ sql: PostgresSQL, _ found: RequestWithPupil, familyLimit: Int) async throws -> RequestFile {
        let request = found.request
        let schoolID = request.schoolID
        let family = try await Self.children(sql, ofParent: request.parentID).filter { $0.schoolID == schoolID }
        let decisions = try await Self.decisions(sql, requestID: request.id, schoolID: schoolID)
        let notes = try await Self.notes(sql, requestID: request.id, schoolID: schoolID)
        let evidenceAsks = try await Self.evidenceAsks(sql, requestID: request.id, schoolID: schoolID)
        let laterEvidence = try await Self.laterEvidence(sql, requestID: request.id, schoolID: schoolID)
        let parent = try await Self.account(sql, id: request.parentID)
        let audit = try await Self.auditTrail(sql, requestID: request.id, schoolID: schoolID)
        let linked = try await Self.linkedRequests(sql, to: request)
        let familyRequests = try await Self.requests(sql, pupilIDs: Set(family.map(\.id) + [found.pupil.id]), schoolID: schoolID,
                                                     limit: familyLimit)
        let attendance = try await Self.attendanceHistory(sql, pupilID: found.pupil.id, schoolID: schoolID)
        let calendar = try await Self.calendar(sql, schoolID: schoolID)
        let policy = try await Self.policy(sql, schoolID: schoolID)
        let evaluation = try await Self.latestEvaluation(sql, requestID: request.id, schoolID: schoolID)
        return RequestFile(decisions: decisions, notes: notes, evidenceAsks: evidenceAsks, laterEvidence: laterEvidence,
                           parent: parent, audit: audit, linked: linked, family: familyRequests,
                           attendance: attendance, calendar: calendar, policy: policy, evaluation: evaluation)
    }
}
