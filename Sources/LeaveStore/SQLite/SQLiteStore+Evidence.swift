import Foundation
import GRDB
import LeaveCore

/// Evidence asked of a parent after their request was sent, and sent by them in answer.
extension SQLiteStore {
    public func askForEvidence(requestID: Int64, schoolID: Int64, note: String, by actor: Actor, at: Date, message: MailMessage?,
                               letter document: LetterDocument?) async throws {
        try await writer.write { db in
            guard let status = try String.fetchOne(db, sql: "SELECT status FROM leaveRequest WHERE id = ? AND schoolId = ?",
                                                   arguments: [requestID, schoolID]).flatMap(RequestStatus.init(rawValue:))
            else { throw StoreError.notFound }
            guard status.isOpen else { throw StoreError.notOpen(status) }
            // An earlier ask still unanswered is answered by this one: the newest says what is needed.
            try db.execute(sql: "UPDATE evidenceAsk SET answeredAt = ?, answer = ? WHERE requestId = ? AND answeredAt IS NULL",
                           arguments: [at, "replaced by a later ask", requestID])
            try db.execute(sql: """
                INSERT INTO evidenceAsk (schoolId, requestId, note, askedAt, askedByName) VALUES (?, ?, ?, ?, ?)
                """, arguments: [schoolID, requestID, note, at, actor.name])
            try db.execute(sql: "UPDATE leaveRequest SET status = ? WHERE id = ?", arguments: [RequestStatus.evidenceRequested.rawValue, requestID])
            var event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: actor, action: .evidenceRequested,
                                                    requestID: requestID, at: at, detail: note))
            try event.insert(db)
            var letterID: Int64?
            if let document {
                var letter = LetterRecord(id: nil, schoolId: schoolID, requestId: requestID, decisionId: nil, kind: "evidence-asked",
                                          html: document.html, createdAt: at, printedAt: nil, printedById: nil,
                                          pdf: document.pdf.isEmpty ? nil : Data(document.pdf),
                                          pdfSha256: document.pdf.isEmpty ? nil : document.pdfSHA256)
                try letter.insert(db)
                letterID = document.pdf.isEmpty ? nil : letter.id
            }
            if let message { try Self.enqueue(message, at: at, letterID: letterID, in: db) }
        }
    }

    public func sendEvidence(requestID: Int64, uploadIDs: [String], answer: String, by parent: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT schoolId, status FROM leaveRequest WHERE id = ? AND parentId = ?",
                                             arguments: [requestID, parent.accountID]),
                  let status = RequestStatus(rawValue: row["status"])
            else { throw StoreError.notFound }
            guard status == .evidenceRequested else { throw StoreError.notOpen(status) }
            let schoolID: Int64 = row["schoolId"]
            var names: [String] = []
            for id in uploadIDs {
                // Only the parent's own files not yet with a request; they belong to the request's school.
                try db.execute(sql: """
                    UPDATE upload SET schoolId = ? WHERE id = ? AND parentId = ?
                      AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                    """, arguments: [schoolID, id, parent.accountID])
                guard db.changesCount > 0 else { continue }
                try db.execute(sql: "INSERT INTO requestUpload (requestId, uploadId) VALUES (?, ?)", arguments: [requestID, id])
                if let name = try String.fetchOne(db, sql: "SELECT fileName FROM upload WHERE id = ?", arguments: [id]) { names.append(name) }
            }
            try db.execute(sql: "UPDATE evidenceAsk SET answeredAt = ?, answer = ? WHERE requestId = ? AND answeredAt IS NULL",
                           arguments: [at, answer, requestID])
            try db.execute(sql: "UPDATE leaveRequest SET status = ? WHERE id = ?", arguments: [RequestStatus.awaitingDecision.rawValue, requestID])
            let detail = (names.isEmpty ? "no files" : names.joined(separator: ", ")) + (answer.isEmpty ? "" : "; " + answer)
            var event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: parent, action: .evidenceSent,
                                                    requestID: requestID, at: at, detail: String(detail.prefix(1_500))))
            try event.insert(db)
        }
    }

    public func evidenceAsks(requestID: Int64, schoolID: Int64) async throws -> [EvidenceAsk] {
        try await writer.read { db in try Self.evidenceAsks(db, requestID: requestID, schoolID: schoolID) }
    }

    static func evidenceAsks(_ db: Database, requestID: Int64, schoolID: Int64) throws -> [EvidenceAsk] {
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM evidenceAsk WHERE requestId = ? AND schoolId = ? ORDER BY id"),
                         arguments: [requestID, schoolID]).map {
            EvidenceAsk(note: $0["note"], askedAt: $0["askedAt"], askedBy: $0["askedByName"],
                        answeredAt: $0["answeredAt"], answer: $0["answer"])
        }
    }

    public func laterEvidence(requestID: Int64, schoolID: Int64) async throws -> [StoredUpload] {
        try await writer.read { db in try Self.laterEvidence(db, requestID: requestID, schoolID: schoolID) }
    }

    static func laterEvidence(_ db: Database, requestID: Int64, schoolID: Int64) throws -> [StoredUpload] {
        // The files sent with the request itself are in its answers; these came after.
        let original = try String.fetchOne(db.cachedStatement(sql: "SELECT details FROM leaveRequest WHERE id = ? AND schoolId = ?"),
                                           arguments: [requestID, schoolID]) ?? ""
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT upload.* FROM requestUpload JOIN upload ON upload.id = requestUpload.uploadId
            WHERE requestUpload.requestId = ? AND upload.schoolId = ? ORDER BY upload.createdAt, upload.id
            """), arguments: [requestID, schoolID]).map(Self.upload).filter { !original.contains($0.id) }
    }

    public func evidenceWaiting(schoolID: Int64, limit: Int) async throws -> [RequestWithPupil] {
        try await writer.read { db in try Self.evidenceWaiting(db, schoolID: schoolID, limit: limit) }
    }

    static func evidenceWaiting(_ db: Database, schoolID: Int64, limit: Int) throws -> [RequestWithPupil] {
        try Self.withPupils(db, sql: """
            WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ? ORDER BY leaveRequest.submittedAt, leaveRequest.id LIMIT ?
            """, [schoolID, RequestStatus.evidenceRequested.rawValue, max(0, min(limit, 500))], answers: false)
    }
}
