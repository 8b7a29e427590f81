import Foundation
import GRDB
import LeaveCore

/// Steps taken before a decision, kept with the request: meetings with the parent, consultations.
extension SQLiteStore {
    public func recordNote(_ note: RequestNote, requestID: Int64, schoolID: Int64, by actor: Actor) async throws {
        try await writer.write { db in
            guard let status = try String.fetchOne(db, sql: "SELECT status FROM leaveRequest WHERE id = ? AND schoolId = ?",
                                                   arguments: [requestID, schoolID]).flatMap(RequestStatus.init(rawValue:))
            else { throw StoreError.notFound }
            guard status.isOpen else { throw StoreError.notOpen(status) }
            try db.execute(sql: """
                INSERT INTO requestNote (schoolId, requestId, kind, heldOn, note, recordedByName, recordedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, requestID, note.kind.rawValue, note.heldOn.iso, note.note, note.recordedBy, note.recordedAt])
            let action: AuditEvent.Action = note.kind == .meeting ? .meetingRecorded : .consultationRecorded
            var event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: action, requestID: requestID,
                                                    at: note.recordedAt, detail: "\(note.heldOn.longForm): \(note.note)"))
            try event.insert(db)
        }
    }

    public func notes(requestID: Int64, schoolID: Int64) async throws -> [RequestNote] {
        try await writer.read { db in try Self.notes(db, requestID: requestID, schoolID: schoolID) }
    }

    static func notes(_ db: Database, requestID: Int64, schoolID: Int64) throws -> [RequestNote] {
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM requestNote WHERE requestId = ? AND schoolId = ? ORDER BY id"),
                         arguments: [requestID, schoolID]).compactMap { row in
            guard let kind = RequestNote.Kind(rawValue: row["kind"]), let heldOn = SchoolDate(iso: row["heldOn"] as String) else { return nil }
            return RequestNote(kind: kind, heldOn: heldOn, note: row["note"], recordedBy: row["recordedByName"],
                               recordedAt: row["recordedAt"])
        }
    }

    public func openRequestsWithoutDeadline() async throws -> [RequestWithPupil] {
        try await writer.read { db in
            try Self.withPupils(db, sql: """
                WHERE leaveRequest.status IN (?, ?) AND leaveRequest.decideBy IS NULL ORDER BY leaveRequest.id
                """, [RequestStatus.awaitingDecision.rawValue, RequestStatus.evidenceRequested.rawValue])
        }
    }

    public func authorisedByLicence(schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        try await writer.read { db in
            try Self.withPupils(db, sql: """
                WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ? AND leaveRequest.kind = ?
                  AND (SELECT recommendation FROM requestEvaluation WHERE requestEvaluation.requestId = leaveRequest.id
                       ORDER BY requestEvaluation.id DESC LIMIT 1) = ?
                ORDER BY leaveRequest.decideBy, leaveRequest.startDate, leaveRequest.id LIMIT ?
                """, [schoolID, RequestStatus.awaitingDecision.rawValue, LeaveKind.performance.rawValue,
                      Recommendation.authorisedByLicence.rawValue, max(0, min(limit, 500))], answers: false)
        }
    }

    public func requests(pupilIDs: Set<Int64>, schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        guard !pupilIDs.isEmpty else { return [] }
        return try await writer.read { db in try Self.requests(db, pupilIDs: pupilIDs, schoolID: schoolID, limit: limit) }
    }

    static func requests(_ db: Database, pupilIDs: Set<Int64>, schoolID: Int64, limit: Int) throws -> [RequestWithPupil] {
        guard !pupilIDs.isEmpty else { return [] }
        let ids = Array(pupilIDs.sorted().prefix(100))
        return try Self.withPupils(db, sql: """
            WHERE leaveRequest.schoolId = ? AND leaveRequest.pupilId IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))
            ORDER BY leaveRequest.startDate DESC, leaveRequest.id DESC LIMIT ?
            """, StatementArguments([schoolID]) + StatementArguments(ids) + StatementArguments([max(0, min(limit, 500))]), answers: false)
    }
}
