import Foundation
import LeaveCore

/// Steps taken before a decision, kept with the request: meetings with the parent, consultations.
extension PostgresStore {
    public func recordNote(_ note: RequestNote, requestID: Int64, schoolID: Int64, by actor: Actor) async throws {
        try await database.write { sql in
            guard let status = try await sql.value(String.self, "SELECT status FROM leaveRequest WHERE id = ? AND schoolId = ?",
                                                   [requestID, schoolID]).flatMap(RequestStatus.init(rawValue:))
            else { throw StoreError.notFound }
            guard status.isOpen else { throw StoreError.notOpen(status) }
            try await sql.execute("""
                INSERT INTO requestNote (schoolId, requestId, kind, heldOn, note, recordedByName, recordedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [schoolID, requestID, note.kind.rawValue, note.heldOn.iso, note.note, note.recordedBy, note.recordedAt])
            let action: AuditEvent.Action = note.kind == .meeting ? .meetingRecorded : .consultationRecorded
            let event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: action, requestID: requestID,
                                                    at: note.recordedAt, detail: "\(note.heldOn.longForm): \(note.note)"))
            try await sql.insert(event, into: "auditEvent")
        }
    }

    public func notes(requestID: Int64, schoolID: Int64) async throws -> [RequestNote] {
        try await database.read { sql in try await Self.notes(sql, requestID: requestID, schoolID: schoolID) }
    }

    static func notes(_ sql: PostgresSQL, requestID: Int64, schoolID: Int64) async throws -> [RequestNote] {
        try await sql.rows("SELECT * FROM requestNote WHERE requestId = ? AND schoolId = ? ORDER BY id", [requestID, schoolID]).compactMap { row in
            guard let kind = RequestNote.Kind(rawValue: try row["kind", String.self]),
                  let heldOn = SchoolDate(iso: try row["heldOn", String.self]) else { return nil }
            return RequestNote(kind: kind, heldOn: heldOn, note: try row["note", String.self], recordedBy: try row["recordedByName", String.self],
                               recordedAt: try row["recordedAt", Date.self])
        }
    }

    public func openRequestsWithoutDeadline() async throws -> [RequestWithPupil] {
        try await database.read { sql in
            try await Self.withPupils(sql, sql: """
                WHERE leaveRequest.status IN (?, ?) AND leaveRequest.decideBy IS NULL ORDER BY leaveRequest.id
                """, [RequestStatus.awaitingDecision.rawValue, RequestStatus.evidenceRequested.rawValue])
        }
    }

    public func authorisedByLicence(schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        try await database.read { sql in
            // NULLS FIRST: a deadline not yet worked out comes first, as in SQLite.
            try await Self.withPupils(sql, sql: """
                WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ? AND leaveRequest.kind = ?
                  AND (SELECT recommendation FROM requestEvaluation WHERE requestEvaluation.requestId = leaveRequest.id
                       ORDER BY requestEvaluation.id DESC LIMIT 1) = ?
                ORDER BY leaveRequest.decideBy NULLS FIRST, leaveRequest.startDate, leaveRequest.id LIMIT ?
                """, [schoolID, RequestStatus.awaitingDecision.rawValue, LeaveKind.performance.rawValue,
                      Recommendation.authorisedByLicence.rawValue, max(0, min(limit, 500))], answers: false)
        }
    }

    public func requests(pupilIDs: Set<Int64>, schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        guard !pupilIDs.isEmpty else { return [] }
        return try await database.read { sql in try await Self.requests(sql, pupilIDs: pupilIDs, schoolID: schoolID, limit: limit) }
    }

    static func requests(_ sql: PostgresSQL, pupilIDs: Set<Int64>, schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        guard !pupilIDs.isEmpty else { return [] }
        let ids = Array(pupilIDs.sorted().prefix(100))
        var arguments: [any SQLValue] = [schoolID]
        arguments += ids.map { $0 as any SQLValue }
        arguments.append(max(0, min(limit, 500)))
        return try await Self.withPupils(sql, sql: """
            WHERE leaveRequest.schoolId = ? AND leaveRequest.pupilId IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))
            ORDER BY leaveRequest.startDate DESC, leaveRequest.id DESC LIMIT ?
            """, arguments, answers: false)
    }
}
