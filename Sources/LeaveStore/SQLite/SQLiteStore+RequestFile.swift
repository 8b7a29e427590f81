import GRDB
import LeaveCore

extension SQLiteStore {
    public func requestFile(_ found: RequestWithPupil, familyLimit: Int) async throws -> RequestFile {
        try await writer.read { db in try requestFile(db, found, familyLimit: familyLimit) }
    }

    public func requestWithFile(reference: ReferenceNumber, schoolID: Int64, familyLimit: Int) async throws
        -> (found: RequestWithPupil, file: RequestFile)? {
        try await writer.read { db in
            guard let found = try Self.request(db, reference: reference, schoolID: schoolID) else { return nil }
            return (found, try requestFile(db, found, familyLimit: familyLimit))
        }
    }

    func requestFile(_ db: Database, _ found: RequestWithPupil, familyLimit: Int) throws -> RequestFile {
        let request = found.request
        let schoolID = request.schoolID
        let family = try Self.children(db, ofParent: request.parentID).filter { $0.schoolID == schoolID }
        return RequestFile(
            decisions: try Self.decisions(db, requestID: request.id, schoolID: schoolID),
            notes: try Self.notes(db, requestID: request.id, schoolID: schoolID),
            evidenceAsks: try Self.evidenceAsks(db, requestID: request.id, schoolID: schoolID),
            laterEvidence: try Self.laterEvidence(db, requestID: request.id, schoolID: schoolID),
            parent: try Self.account(db, id: request.parentID),
            audit: try Self.auditTrail(db, requestID: request.id, schoolID: schoolID),
            linked: try Self.linkedRequests(db, to: request),
            family: try Self.requests(db, pupilIDs: Set(family.map(\.id) + [found.pupil.id]), schoolID: schoolID, limit: familyLimit),
            attendance: try Self.attendanceHistory(db, pupilID: found.pupil.id, schoolID: schoolID),
            calendar: try cachedCalendar(db, schoolID: schoolID),
            policy: try Self.policy(db, schoolID: schoolID),
            evaluation: try Self.latestEvaluation(db, requestID: request.id, schoolID: schoolID))
    }
}
