import Foundation
import LeaveCore

extension PostgresStore: RequestStore {
    public func submit(_ application: LeaveApplication, schoolID: Int64, by parent: Actor,
                       count: SessionCount, at: Date) async throws -> LeaveRequest {
        // A reference drawn at random can already be taken (thousands of requests make it likely
        // enough to meet): draw again, as sending a form does. Each attempt is its own transaction:
        // PostgreSQL gives up the whole of one whose statement failed.
        for attempt in 1...5 {
            do {
                return try await submitGroup([application], references: [.random()], schoolID: schoolID, by: parent, counts: [count], at: at,
                                             submissionKey: nil, messages: [])[0]
            } catch StoreError.duplicateReference where attempt < 5 {
                continue
            }
        }
        throw StoreError.duplicateReference
    }

    public func submitGroup(_ applications: [LeaveApplication], references: [ReferenceNumber], schoolID: Int64, by parent: Actor,
                            counts: [SessionCount], at: Date, submissionKey: String?, messages: [MailMessage]) async throws -> [LeaveRequest] {
        guard references.count == applications.count, counts.count == applications.count else { throw StoreError.notFound }
        do {
            return try await database.write { sql in
                if let submissionKey {
                    let sent = try await sql.records(LeaveRequestRecord.self, """
                        SELECT * FROM leaveRequest WHERE parentId = ? AND submissionKey = ? ORDER BY id
                        """, [parent.accountID, submissionKey])
                    if !sent.isEmpty { return try sent.map { try $0.request() } }
                }
                for reference in references {
                    if try await sql.value(Int64.self, "SELECT COUNT(*) FROM leaveRequest WHERE reference = ?", [reference.text]) ?? 0 > 0 {
                        throw StoreError.duplicateReference
                    }
                }
                var stored: [LeaveRequest] = []
                var group: String?
                for ((application, count), reference) in zip(zip(applications, counts), references) {
                    let request = try await Self.insert(sql, application, reference: reference, schoolID: schoolID, by: parent, count: count, at: at,
                                                        group: applications.count > 1 ? group : nil)
                    group = group ?? request.reference.text
                    stored.append(request)
                }
                if applications.count > 1 {
                    try await sql.execute("UPDATE leaveRequest SET groupReference = ? WHERE id = ?", [group, stored[0].id])
                }
                if let submissionKey {
                    try await sql.execute("UPDATE leaveRequest SET submissionKey = ? WHERE id IN (\(stored.map { String($0.id) }.joined(separator: ",")))",
                                          [submissionKey])
                }
                for message in messages { try await Self.enqueue(message, at: at, in: sql) }
                return stored
            }
        } catch where PostgresDatabase.isUniqueViolation(error, of: "leaverequest_reference_key") {
            // Another server took the reference between the check above and the insert.
            throw StoreError.duplicateReference
        }
    }

    static func insert(_ sql: PostgresSQL, _ application: LeaveApplication, reference: ReferenceNumber, schoolID: Int64, by parent: Actor,
                       count: SessionCount, at: Date, group: String?) async throws -> LeaveRequest {
        // The parent–child link is checked again inside the transaction that writes.
        let linked = try await sql.value(Int64.self, """
            SELECT COUNT(*) FROM parentPupil WHERE accountId = ? AND pupilId = ? AND schoolId = ?
            """, [parent.accountID, application.pupilID, schoolID]) ?? 0
        guard linked == 1 else { throw StoreError.notFound }
        let draft = LeaveRequest(id: 0, reference: reference, schoolID: schoolID, parentID: parent.accountID,
                                 application: application, sessions: count.sessions, schoolDays: count.schoolDays,
                                 status: .awaitingDecision, submittedAt: at)
        var record = LeaveRequestRecord(request: draft, groupReference: group)
        record.id = try await sql.insert(record, into: "leaveRequest")
        let stored = try record.request()
        for evidence in application.details.evidence {
            // Only the parent's own uploads can be attached. One sent before the parent chose a
            // child at another school of the trust moves to the request's school, so its staff can open it.
            try await sql.execute("""
                UPDATE upload SET schoolId = ? WHERE id = ? AND parentId = ? AND schoolId <> ?
                  AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                """, [schoolID, evidence.id, parent.accountID, schoolID])
            try await sql.execute("""
                INSERT INTO requestUpload (requestId, uploadId)
                SELECT ?, id FROM upload WHERE id = ? AND parentId = ? AND schoolId = ?
                """, [stored.id, evidence.id, parent.accountID, schoolID])
        }
        let event = AuditEventRecord(AuditEvent(
            schoolID: schoolID, actor: parent, action: .submitted, requestID: stored.id, at: at,
            detail: (application.type == .lunchtime ? "lunchtime" : "\(application.kind.rawValue), \(TimeMissed.describe(sessions: count.sessions))")
                + (group.map { ", with \($0)" } ?? "")))
        try await sql.insert(event, into: "auditEvent")
        return stored
    }

    public func linkedRequests(to request: LeaveRequest) async throws -> [RequestWithPupil] {
        try await database.read { sql in try await Self.linkedRequests(sql, to: request) }
    }

    static func linkedRequests(_ sql: PostgresSQL, to request: LeaveRequest) async throws -> [RequestWithPupil] {
        guard let group = try await sql.value(String.self, "SELECT groupReference FROM leaveRequest WHERE id = ?", [request.id]) else {
            return []
        }
        return try await Self.withPupils(sql, sql: """
            WHERE leaveRequest.groupReference = ? AND leaveRequest.schoolId = ? AND leaveRequest.id != ? ORDER BY leaveRequest.id
            """, [group, request.schoolID, request.id])
    }

    public func request(reference: ReferenceNumber, parentID: Int64) async throws -> RequestWithPupil? {
        try await database.read { sql in try await Self.request(sql, reference: reference, parentID: parentID) }
    }

    static func request(_ sql: PostgresSQL, reference: ReferenceNumber, parentID: Int64) async throws -> RequestWithPupil? {
        try await Self.withPupils(sql, sql: "WHERE leaveRequest.reference = ? AND leaveRequest.parentId = ?", [reference.text, parentID]).first
    }

    public func sentRequest(reference: ReferenceNumber, parentID: Int64) async throws -> SentRequest? {
        try await database.read { sql in
            guard let found = try await Self.request(sql, reference: reference, parentID: parentID) else { return nil }
            let request = found.request
            return SentRequest(found: found, school: try await Self.school(sql, id: request.schoolID),
                               linked: try await Self.linkedRequests(sql, to: request),
                               evaluation: try await Self.latestEvaluation(sql, requestID: request.id, schoolID: request.schoolID))
        }
    }

    public func request(reference: ReferenceNumber, schoolID: Int64) async throws -> RequestWithPupil? {
        try await database.read { sql in try await Self.request(sql, reference: reference, schoolID: schoolID) }
    }

    static func request(_ sql: PostgresSQL, reference: ReferenceNumber, schoolID: Int64) async throws -> RequestWithPupil? {
        try await Self.withPupils(sql, sql: "WHERE leaveRequest.reference = ? AND leaveRequest.schoolId = ?", [reference.text, schoolID]).first
    }

    public func withdraw(requestID: Int64, schoolID: Int64, by parent: Actor, at: Date) async throws -> LeaveRequest {
        try await database.write { sql in
            guard var record = try await sql.record(LeaveRequestRecord.self, """
                SELECT * FROM leaveRequest WHERE id = ? AND schoolId = ? AND parentId = ?
                """, [requestID, schoolID, parent.accountID])
            else { throw StoreError.notFound }
            let current = try record.request()
            guard current.status.isOpen else { throw StoreError.notOpen(current.status) }
            record.status = RequestStatus.withdrawn.rawValue
            try await sql.execute("UPDATE leaveRequest SET status = ? WHERE id = ?", [record.status, requestID])
            let event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: parent, action: .withdrawn,
                                                    requestID: requestID, at: at, detail: "withdrawn by the parent"))
            try await sql.insert(event, into: "auditEvent")
            return try record.request()
        }
    }

    public func stopLunchtimePermissions(pupilID: Int64, schoolID: Int64, by parent: Actor, at: Date, detail: String) async throws -> [LeaveRequest] {
        try await database.write { sql in
            let records = try await sql.records(LeaveRequestRecord.self, """
                SELECT * FROM leaveRequest
                WHERE pupilId = ? AND schoolId = ? AND parentId = ? AND kind = ? AND status IN (?, ?)
                ORDER BY id
                """, [pupilID, schoolID, parent.accountID, LeaveKind.lunchtime.rawValue,
                      RequestStatus.awaitingDecision.rawValue, RequestStatus.granted.rawValue])
            var ended: [LeaveRequest] = []
            for record in records {
                // Given back as it was, so the parent is told whether a permission stopped or a request was withdrawn.
                let was = try record.request()
                try await sql.execute("UPDATE leaveRequest SET status = ? WHERE id = ?", [RequestStatus.withdrawn.rawValue, was.id])
                let event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: parent, action: .withdrawn,
                                                        requestID: was.id, at: at, detail: "lunchtime permission stopped by the parent: \(detail)"))
                try await sql.insert(event, into: "auditEvent")
                ended.append(was)
            }
            return ended
        }
    }

    public func openRequests(pupilIDs: Set<Int64>, schoolID: Int64) async throws -> [RequestWithPupil] {
        guard !pupilIDs.isEmpty else { return [] }
        return try await database.read { sql in try await Self.openRequests(sql, pupilIDs: pupilIDs, schoolID: schoolID) }
    }

    static func openRequests(_ sql: PostgresSQL, pupilIDs: Set<Int64>, schoolID: Int64) async throws -> [RequestWithPupil] {
        var found: [RequestWithPupil] = []
        for slice in pupilIDs.sorted().slices(of: boundValueSlice) {
            let arguments: [any SQLValue] = [schoolID, RequestStatus.awaitingDecision.rawValue] + slice.map { $0 as any SQLValue }
            found += try await Self.withPupils(sql, sql: """
                WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ?
                  AND leaveRequest.pupilId IN (\(placeholders(slice.count)))
                """, arguments)
        }
        // Sorted once for all slices, as SQLite's store does.
        return found.sorted(by: RequestWithPupil.byFirstDay)
    }

    public func decision(requestID: Int64, schoolID: Int64) async throws -> Decision? {
        try await database.read { sql in
            // The newest: an amended decision stands in place of the one it supersedes.
            let rows = try await sql.records(DecisionRecord.self, """
                SELECT * FROM decision WHERE requestId = ? AND schoolId = ? ORDER BY id DESC LIMIT 2
                """, [requestID, schoolID])
            return try rows.first?.decision(previous: rows.count > 1 ? rows[1] : nil)
        }
    }

    /// The decision's letter, kept unchanged from now on; its id, for the e-mail that carries it.
    static func insertLetter(_ document: LetterDocument, decision: Decision, decisionID: Int64?, schoolID: Int64,
                             in sql: PostgresSQL) async throws -> Int64? {
        guard let decisionID else { throw StoreError.notFound }
        let letter = LetterRecord(id: nil, schoolId: schoolID, requestId: decision.requestID, decisionId: decisionID,
                                  html: document.html, createdAt: decision.decidedAt, printedAt: nil, printedById: nil,
                                  pdf: document.pdf.isEmpty ? nil : Data(document.pdf),
                                  pdfSha256: document.pdf.isEmpty ? nil : document.pdfSHA256)
        let letterID = try await sql.insert(letter, into: "letter")
        return document.pdf.isEmpty ? nil : letterID
    }

    public func decide(_ decision: Decision, schoolID: Int64, letter letterDocument: LetterDocument, message: MailMessage?) async throws {
        try await database.write { sql in
            // Read and written in one serializable transaction: of two deciders at once, the second
            // is tried again and finds the request decided.
            guard let request = try await sql.record(LeaveRequestRecord.self, """
                SELECT * FROM leaveRequest WHERE id = ? AND schoolId = ?
                """, [decision.requestID, schoolID])
            else { throw StoreError.notFound }
            let status = try request.request().status
            guard status.isOpen else { throw StoreError.notOpen(status) }
            try await sql.execute("UPDATE leaveRequest SET status = ? WHERE id = ?", [decision.outcome.status.rawValue, decision.requestID])
            let record = try DecisionRecord(decision, schoolID: schoolID)
            let decisionID = try await sql.insert(record, into: "decision")
            let letterID = try await Self.insertLetter(letterDocument, decision: decision, decisionID: decisionID, schoolID: schoolID, in: sql)
            if let message { try await Self.enqueue(message, at: decision.decidedAt, letterID: letterID, in: sql) }
            let event = AuditEventRecord(AuditEvent(
                schoolID: schoolID, actor: decision.decidedBy, action: .decided, requestID: decision.requestID,
                at: decision.decidedAt,
                detail: "\(decision.outcome.rawValue): \(decision.reason)"
                    + (decision.grantedFrom.map { from in " (granted \(from.longForm) to \(decision.grantedTo?.longForm ?? ""))" } ?? "")
                    + (decision.overrideReason.map { " (override: \($0))" } ?? "")
                    + (decision.consultation.map { " (consulted: \($0))" } ?? "")))
            try await sql.insert(event, into: "auditEvent")
        }
    }

    public func auditTrail(requestID: Int64, schoolID: Int64) async throws -> [AuditEvent] {
        try await database.read { sql in try await Self.auditTrail(sql, requestID: requestID, schoolID: schoolID) }
    }

    static func auditTrail(_ sql: PostgresSQL, requestID: Int64, schoolID: Int64) async throws -> [AuditEvent] {
        try await sql.records(AuditEventRecord.self, """
            SELECT * FROM auditEvent WHERE requestId = ? AND schoolId = ? ORDER BY at, id
            """, [requestID, schoolID]).map { try $0.event() }
    }

    /// These requests, in this order, without the parent's answers: the rows of a list page.
    static func withPupils(_ sql: PostgresSQL, ids: [Int64]) async throws -> [RequestWithPupil] {
        guard !ids.isEmpty else { return [] }
        let found = try await withPupils(sql, sql: "WHERE leaveRequest.id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))",
                                         ids.map { $0 as any SQLValue }, answers: false)
        let byID = Dictionary(found.map { ($0.request.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    static func withPupils(_ sql: PostgresSQL, sql clause: String, _ arguments: [any SQLValue], answers: Bool = true) async throws -> [RequestWithPupil] {
        try await sql.rows(withPupilsSQL(clause), arguments).map { try requestWithPupil($0, answers: answers) }
    }

    /// A row of `LeaveRequestRecord.columns` then `pupilColumns`, and anything after them; read by
    /// position, since both tables have an `id` and a `schoolId`.
    static func requestWithPupil(_ row: SQLRow, answers: Bool) throws -> RequestWithPupil {
        let request = try LeaveRequestRecord(columns: row, answers: answers).request()
        let p = LeaveRequestRecord.columnCount
        // pupil.upn (p + 2) is selected, but a `Pupil` does not carry it.
        let yearGroup = try Int(row[p + 5, Int64.self])
        let pupil = try Pupil(id: row[p, Int64.self], schoolID: row[p + 1, Int64.self],
                              forename: row[p + 3, String.self], surname: row[p + 4, String.self],
                              yearGroup: YearGroup(yearGroup) ?? .reception)
        return try RequestWithPupil(request: request, pupil: pupil, group: row.optional(18, String.self))
    }
}

extension LeaveRequestRecord {
    /// Read by position from a PostgreSQL row that starts with `columns`, as `init(columns:answers:)`
    /// reads SQLite's. Without `answers`, the parent's answers (JSON) are left unread, for lists that do not show them.
    init(columns row: SQLRow, answers: Bool) throws {
        let kind = try row[5, String.self]
        id = try row[0, Int64.self]
        schoolId = try row[1, Int64.self]
        reference = try row[2, String.self]
        pupilId = try row[3, Int64.self]
        parentId = try row[4, Int64.self]
        self.kind = kind
        purpose = try row[6, String.self]
        startDate = try row[7, String.self]
        startSession = try row[8, String.self]
        endDate = try row[9, String.self]
        endSession = try row[10, String.self]
        returnDate = try row[11, String.self]
        sessions = try Int(row[12, Int64.self])
        schoolDays = try Int(row[13, Int64.self])
        status = try row[14, String.self]
        submittedAt = try row[15, Date.self]
        category = try row.optional(16, String.self)
        // A lunchtime request's weekdays and collector are what every list shows of it.
        details = try answers || kind == LeaveKind.lunchtime.rawValue ? row.optional(17, String.self) : nil
        groupReference = try row.optional(18, String.self)
        decideBy = try row.optional(19, String.self)
        decideByBasis = try row.optional(20, String.self)
    }
}
