import Foundation
import LeaveCore

/// Evidence asked of a parent after their request was sent, and sent by them in answer.
extension PostgresStore {
    public func askForEvidence(requestID: Int64, schoolID: Int64, note: String, by actor: Actor, at: Date, message: MailMessage?,
                               letter document: LetterDocument?) async throws {
        try await database.write { sql in
            guard let status = try await sql.value(String.self, "SELECT status FROM leaveRequest WHERE id = ? AND schoolId = ?",
                                                   [requestID, schoolID]).flatMap(RequestStatus.init(rawValue:))
            else { throw StoreError.notFound }
            guard status.isOpen else { throw StoreError.notOpen(status) }
            // An earlier ask still unanswered is answered by this one: the newest says what is needed.
            try await sql.execute("UPDATE evidenceAsk SET answeredAt = ?, answer = ? WHERE requestId = ? AND answeredAt IS NULL",
                                  [at, "replaced by a later ask", requestID])
            try await sql.execute("""
                INSERT INTO evidenceAsk (schoolId, requestId, note, askedAt, askedByName) VALUES (?, ?, ?, ?, ?)
                """, [schoolID, requestID, note, at, actor.name])
            try await sql.execute("UPDATE leaveRequest SET status = ? WHERE id = ?", [RequestStatus.evidenceRequested.rawValue, requestID])
            let event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: .evidenceRequested,
                                                    requestID: requestID, at: at, detail: note))
            try await sql.insert(event, into: "auditEvent")
            var letterID: Int64?
            if let document {
                let letter = LetterRecord(id: nil, schoolId: schoolID, requestId: requestID, decisionId: nil, kind: "evidence-asked",
                                          html: document.html, createdAt: at, printedAt: nil, printedById: nil,
                                          pdf: document.pdf.isEmpty ? nil : Data(document.pdf),
                                          pdfSha256: document.pdf.isEmpty ? nil : document.pdfSHA256)
                let id = try await sql.insert(letter, into: "letter")
                letterID = document.pdf.isEmpty ? nil : id
            }
            if let message { try await Self.enqueue(message, at: at, letterID: letterID, in: sql) }
        }
    }

    public func sendEvidence(requestID: Int64, uploadIDs: [String], answer: String, by parent: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let row = try await sql.row("SELECT schoolId, status FROM leaveRequest WHERE id = ? AND parentId = ?",
                                              [requestID, parent.accountID]),
                  let status = RequestStatus(rawValue: try row[1, String.self])
            else { throw StoreError.notFound }
            guard status == .evidenceRequested else { throw StoreError.notOpen(status) }
            let schoolID = try row[0, Int64.self]
            var names: [String] = []
            for id in uploadIDs {
                // Only the parent's own files not yet with a request; they belong to the request's school.
                let moved = try await sql.execute("""
                    UPDATE upload SET schoolId = ? WHERE id = ? AND parentId = ?
                      AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                    """, [schoolID, id, parent.accountID])
                guard moved > 0 else { continue }
                try await sql.execute("INSERT INTO requestUpload (requestId, uploadId) VALUES (?, ?)", [requestID, id])
                if let name = try await sql.value(String.self, "SELECT fileName FROM upload WHERE id = ?", [id]) { names.append(name) }
            }
            try await sql.execute("UPDATE evidenceAsk SET answeredAt = ?, answer = ? WHERE requestId = ? AND answeredAt IS NULL",
                                  [at, answer, requestID])
            try await sql.execute("UPDATE leaveRequest SET status = ? WHERE id = ?", [RequestStatus.awaitingDecision.rawValue, requestID])
            let detail = (names.isEmpty ? "no files" : names.joined(separator: ", ")) + (answer.isEmpty ? "" : "; " + answer)
            let event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: parent, action: .evidenceSent,
                                                    requestID: requestID, at: at, detail: String(detail.prefix(1_500))))
            try await sql.insert(event, into: "auditEvent")
        }
    }

    public func evidenceAsks(requestID: Int64, schoolID: Int64) async throws -> [EvidenceAsk] {
        try await database.read { sql in try await Self.evidenceAsks(sql, requestID: requestID, schoolID: schoolID) }
    }

    static func evidenceAsks(_ sql: PostgresSQL, requestID: Int64, schoolID: Int64) async throws -> [EvidenceAsk] {
        try await sql.rows("SELECT * FROM evidenceAsk WHERE requestId = ? AND schoolId = ? ORDER BY id", [requestID, schoolID]).map { row in
            EvidenceAsk(note: try row["note", String.self], askedAt: try row["askedAt", Date.self], askedBy: try row["askedByName", String.self],
                        answeredAt: try row.optional("answeredAt", Date.self), answer: try row.optional("answer", String.self))
        }
    }

    public func laterEvidence(requestID: Int64, schoolID: Int64) async throws -> [StoredUpload] {
        try await database.read { sql in try await Self.laterEvidence(sql, requestID: requestID, schoolID: schoolID) }
    }

    static func laterEvidence(_ sql: PostgresSQL, requestID: Int64, schoolID: Int64) async throws -> [StoredUpload] {
        // The files sent with the request itself are in its answers; these came after.
        let original = try await sql.value(String.self, "SELECT details FROM leaveRequest WHERE id = ? AND schoolId = ?",
                                           [requestID, schoolID]) ?? ""
        return try await sql.rows("""
            SELECT upload.* FROM requestUpload JOIN upload ON upload.id = requestUpload.uploadId
            WHERE requestUpload.requestId = ? AND upload.schoolId = ? ORDER BY upload.createdAt, upload.id COLLATE "C"
            """, [requestID, schoolID]).map { try Self.upload($0) }.filter { !original.contains($0.id) }
    }

    public func evidenceWaiting(schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        try await database.read { sql in try await Self.evidenceWaiting(sql, schoolID: schoolID, limit: limit) }
    }

    static func evidenceWaiting(_ sql: PostgresSQL, schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        try await Self.withPupils(sql, sql: """
            WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ? ORDER BY leaveRequest.submittedAt, leaveRequest.id LIMIT ?
            """, [schoolID, RequestStatus.evidenceRequested.rawValue, max(0, min(limit, 500))], answers: false)
    }
}
