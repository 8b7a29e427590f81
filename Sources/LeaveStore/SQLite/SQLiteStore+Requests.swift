import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: RequestStore {
    public func submit(_ application: LeaveApplication, schoolID: Int64, by parent: Actor,
                       count: SessionCount, at: Date) async throws -> LeaveRequest {
        // A reference drawn at random can already be taken (thousands of requests make it likely
        // enough to meet): draw again, as sending a form does.
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
        return try await writer.write { db in
            if let submissionKey {
                let sent = try LeaveRequestRecord
                    .filter(Column("parentId") == parent.accountID && Column("submissionKey") == submissionKey)
                    .order(Column("id")).fetchAll(db)
                if !sent.isEmpty { return try sent.map { try $0.request() } }
            }
            for reference in references where try LeaveRequestRecord.filter(Column("reference") == reference.text).fetchCount(db) > 0 {
                throw StoreError.duplicateReference
            }
            var stored: [LeaveRequest] = []
            var group: String?
            for ((application, count), reference) in zip(zip(applications, counts), references) {
                let request = try Self.insert(db, application, reference: reference, schoolID: schoolID, by: parent, count: count, at: at,
                                              group: applications.count > 1 ? group : nil)
                group = group ?? request.reference.text
                stored.append(request)
            }
            if applications.count > 1 {
                try db.execute(sql: "UPDATE leaveRequest SET groupReference = ? WHERE id = ?", arguments: [group, stored[0].id])
            }
            if let submissionKey {
                try db.execute(sql: "UPDATE leaveRequest SET submissionKey = ? WHERE id IN (\(stored.map { String($0.id) }.joined(separator: ",")))",
                               arguments: [submissionKey])
            }
            for message in messages { try Self.enqueue(message, at: at, in: db) }
            return stored
        }
    }

    static func insert(_ db: Database, _ application: LeaveApplication, reference: ReferenceNumber, schoolID: Int64, by parent: Actor,
                       count: SessionCount, at: Date, group: String?) throws -> LeaveRequest {
        // The parent–child link is checked again inside the transaction that writes.
        let linked = try ParentPupilRecord
            .filter(Column("accountId") == parent.accountID && Column("pupilId") == application.pupilID
                    && Column("schoolId") == schoolID)
            .fetchCount(db)
        guard linked == 1 else { throw StoreError.notFound }
        let draft = LeaveRequest(id: 0, reference: reference, schoolID: schoolID, parentID: parent.accountID,
                                 application: application, sessions: count.sessions, schoolDays: count.schoolDays,
                                 status: .awaitingDecision, submittedAt: at)
        var record = LeaveRequestRecord(request: draft, groupReference: group)
        try record.insert(db)
        let stored = try record.request()
        for evidence in application.details.evidence {
            // Only the parent's own uploads can be attached. One sent before the parent chose a
            // child at another school of the trust moves to the request's school, so its staff can open it.
            try db.execute(sql: """
                UPDATE upload SET schoolId = ? WHERE id = ? AND parentId = ? AND schoolId <> ?
                  AND NOT EXISTS (SELECT 1 FROM requestUpload WHERE uploadId = upload.id)
                """, arguments: [schoolID, evidence.id, parent.accountID, schoolID])
            try db.execute(sql: """
                INSERT INTO requestUpload (requestId, uploadId)
                SELECT ?, id FROM upload WHERE id = ? AND parentId = ? AND schoolId = ?
                """, arguments: [stored.id, evidence.id, parent.accountID, schoolID])
        }
        var event = AuditEventRecord(AuditEvent(
            schoolID: schoolID, actor: parent, action: .submitted, requestID: stored.id, at: at,
            detail: (application.type == .lunchtime ? "lunchtime" : "\(application.kind.rawValue), \(TimeMissed.describe(sessions: count.sessions))")
                + (group.map { ", with \($0)" } ?? "")))
        try event.insert(db)
        return stored
    }

    public func linkedRequests(to request: LeaveRequest) async throws -> [RequestWithPupil] {
        try await writer.read { db in try Self.linkedRequests(db, to: request) }
    }

    static func linkedRequests(_ db: Database, to request: LeaveRequest) throws -> [RequestWithPupil] {
        guard let group = try String.fetchOne(db.cachedStatement(sql: "SELECT groupReference FROM leaveRequest WHERE id = ?"), arguments: [request.id]) else {
            return []
        }
        return try Self.withPupils(db, sql: """
            WHERE leaveRequest.groupReference = ? AND leaveRequest.schoolId = ? AND leaveRequest.id != ? ORDER BY leaveRequest.id
            """, [group, request.schoolID, request.id])
    }

    public func requests(parentID: Int64, pupilID: Int64?, offset: Int, limit: Int) async throws -> (requests: [RequestWithPupil], total: Int) {
        try await writer.read { db in
            let (clause, arguments): (String, StatementArguments) = if let pupilID {
                (Self.childOrder, [parentID, pupilID])
            } else {
                (Self.parentOrder, [parentID])
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM leaveRequest " + clause, arguments: arguments) ?? 0
            let page = try Self.withPupils(db, sql: clause + " LIMIT ? OFFSET ?",
                                           arguments + [max(0, min(limit, 500)), max(0, offset)], answers: false)
            return (page, total)
        }
    }

    /// A parent's requests, newest first, along `leaveRequest_parent`; one child's along `leaveRequest_parentPupil`.
    static let parentOrder = "WHERE leaveRequest.parentId = ? ORDER BY leaveRequest.submittedAt DESC"
    static let childOrder = "WHERE leaveRequest.parentId = ? AND leaveRequest.pupilId = ? ORDER BY leaveRequest.submittedAt DESC"

    public func decidedRequests(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int) async throws -> (requests: [DecidedRequest], total: Int) {
        try await writer.read { db in
            let narrowing = Self.narrowing(filter)
            let total = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM decision
                \(narrowing.needsRequest ? "JOIN leaveRequest ON leaveRequest.id = decision.requestId" : "")
                \(narrowing.needsPupil ? "JOIN pupil ON pupil.id = leaveRequest.pupilId" : "")
                WHERE decision.schoolId = ? AND \(Self.standing)\(narrowing.sql)
                """), arguments: StatementArguments([schoolID] + narrowing.arguments)) ?? 0
            let rows = try Row.fetchAll(db.cachedStatement(sql: Self.decidedSQL(narrowing.sql) + " LIMIT ? OFFSET ?"),
                                        arguments: StatementArguments([schoolID] + narrowing.arguments + [max(0, min(limit, 500)), max(0, offset)]))
            let page = try rows.map { row in
                let d = LeaveRequestRecord.columnCount + 6
                guard let outcome = DecisionOutcome(rawValue: row[d]) else { throw StoreError.corrupt("decision") }
                return DecidedRequest(item: try Self.requestWithPupil(row, answers: false), outcome: outcome,
                                      decidedAt: row[d + 1], deciderName: row[d + 2])
            }
            return (page, total)
        }
    }

    public func request(reference: ReferenceNumber, parentID: Int64) async throws -> RequestWithPupil? {
        try await writer.read { db in try Self.request(db, reference: reference, parentID: parentID) }
    }

    static func request(_ db: Database, reference: ReferenceNumber, parentID: Int64) throws -> RequestWithPupil? {
        try Self.withPupils(db, sql: "WHERE leaveRequest.reference = ? AND leaveRequest.parentId = ?", [reference.text, parentID]).first
    }

    public func sentRequest(reference: ReferenceNumber, parentID: Int64) async throws -> SentRequest? {
        try await writer.read { db in
            guard let found = try Self.request(db, reference: reference, parentID: parentID) else { return nil }
            let request = found.request
            return SentRequest(found: found, school: try SchoolRecord.fetchOne(db, key: request.schoolID)?.school,
                               linked: try Self.linkedRequests(db, to: request),
                               evaluation: try Self.latestEvaluation(db, requestID: request.id, schoolID: request.schoolID))
        }
    }

    public func request(reference: ReferenceNumber, schoolID: Int64) async throws -> RequestWithPupil? {
        try await writer.read { db in try Self.request(db, reference: reference, schoolID: schoolID) }
    }

    static func request(_ db: Database, reference: ReferenceNumber, schoolID: Int64) throws -> RequestWithPupil? {
        try Self.withPupils(db, sql: "WHERE leaveRequest.reference = ? AND leaveRequest.schoolId = ?", [reference.text, schoolID]).first
    }

    public func withdraw(requestID: Int64, schoolID: Int64, by parent: Actor, at: Date) async throws -> LeaveRequest {
        try await writer.write { db in
            guard var record = try LeaveRequestRecord
                .filter(Column("id") == requestID && Column("schoolId") == schoolID && Column("parentId") == parent.accountID)
                .fetchOne(db)
            else { throw StoreError.notFound }
            let current = try record.request()
            guard current.status.isOpen else { throw StoreError.notOpen(current.status) }
            record.status = RequestStatus.withdrawn.rawValue
            try record.update(db, columns: ["status"])
            var event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: parent, action: .withdrawn,
                                                    requestID: requestID, at: at, detail: "withdrawn by the parent"))
            try event.insert(db)
            return try record.request()
        }
    }

    public func stopLunchtimePermissions(pupilID: Int64, schoolID: Int64, by parent: Actor, at: Date, detail: String) async throws -> [LeaveRequest] {
        try await writer.write { db in
            let records = try LeaveRequestRecord.filter(
                Column("pupilId") == pupilID && Column("schoolId") == schoolID && Column("parentId") == parent.accountID
                    && Column("kind") == LeaveKind.lunchtime.rawValue
                    && [RequestStatus.awaitingDecision.rawValue, RequestStatus.granted.rawValue].contains(Column("status"))
            ).fetchAll(db)
            var ended: [LeaveRequest] = []
            for var record in records {
                // Given back as it was, so the parent is told whether a permission stopped or a request was withdrawn.
                let was = try record.request()
                record.status = RequestStatus.withdrawn.rawValue
                try record.update(db, columns: ["status"])
                var event = AuditEventRecord(AuditEvent(schoolID: schoolID, actor: parent, action: .withdrawn,
                                                        requestID: record.id!, at: at, detail: "lunchtime permission stopped by the parent: \(detail)"))
                try event.insert(db)
                ended.append(was)
            }
            return ended
        }
    }

    public func decisionQueue(schoolID: Int64) async throws -> [RequestWithPupil] {
        try await writer.read { db in
            try Self.withPupils(db, sql: """
                \(Self.queueOrder())
                """, [schoolID, RequestStatus.awaitingDecision.rawValue])
        }
    }

    /// The queue's order, which the index `leaveRequest_queueOrder` gives without sorting: the
    /// deadline first (one not yet worked out, first of all), then the first day, ties by id as
    /// PostgreSQL's (the index ends with the row's id); `backwards`, the same order from its end,
    /// along the same index.
    static func queueOrder(_ narrowing: String = "", ordered: Bool = true, backwards: Bool = false) -> String {
        let direction = backwards ? " DESC" : ""
        let order = ["decideBy", "startDate", "startSession", "submittedAt", "id"].map { "leaveRequest.\($0)\(direction)" }
        return """
        WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ?\(narrowing)
        \(ordered ? "ORDER BY " + order.joined(separator: ", ") : "")
        """
    }

    public func openRequests(pupilIDs: Set<Int64>, schoolID: Int64) async throws -> [RequestWithPupil] {
        guard !pupilIDs.isEmpty else { return [] }
        return try await writer.read { db in try Self.openRequests(db, pupilIDs: pupilIDs, schoolID: schoolID) }
    }

    static func openRequests(_ db: Database, pupilIDs: Set<Int64>, schoolID: Int64) throws -> [RequestWithPupil] {
        var found: [RequestWithPupil] = []
        for slice in pupilIDs.sorted().slices(of: boundValueSlice) {
            // No ORDER BY (sorted after): with one, SQLite read one pupil's requests along the
            // school's whole queue (the index in the queue's order) instead of the pupil's own.
            found += try Self.withPupils(db, sql: """
                WHERE leaveRequest.schoolId = ? AND leaveRequest.status = ?
                  AND leaveRequest.pupilId IN (\(placeholders(slice.count)))
                """, StatementArguments([schoolID, RequestStatus.awaitingDecision.rawValue] as [any DatabaseValueConvertible]) + StatementArguments(Array(slice)))
        }
        return found.sorted(by: RequestWithPupil.byFirstDay)
    }

    public func decision(requestID: Int64, schoolID: Int64) async throws -> Decision? {
        try await writer.read { db in
            // The newest: an amended decision stands in place of the one it supersedes.
            let rows = try DecisionRecord.filter(Column("requestId") == requestID && Column("schoolId") == schoolID)
                .order(Column("id").desc).limit(2).fetchAll(db)
            return try rows.first?.decision(previous: rows.count > 1 ? rows[1] : nil)
        }
    }

    /// The decision's letter, kept unchanged from now on; its id, for the e-mail that carries it.
    static func insertLetter(_ document: LetterDocument, decision: Decision, decisionID: Int64?, schoolID: Int64, in db: Database) throws -> Int64? {
        guard let decisionID else { throw StoreError.notFound }
        var letter = LetterRecord(id: nil, schoolId: schoolID, requestId: decision.requestID, decisionId: decisionID,
                                  html: document.html, createdAt: decision.decidedAt, printedAt: nil, printedById: nil,
                                  pdf: document.pdf.isEmpty ? nil : Data(document.pdf),
                                  pdfSha256: document.pdf.isEmpty ? nil : document.pdfSHA256)
        try letter.insert(db)
        return document.pdf.isEmpty ? nil : letter.id
    }

    public func decide(_ decision: Decision, schoolID: Int64, letter letterDocument: LetterDocument, message: MailMessage?) async throws {
        try await writer.write { db in
            guard var request = try LeaveRequestRecord
                .filter(Column("id") == decision.requestID && Column("schoolId") == schoolID).fetchOne(db)
            else { throw StoreError.notFound }
            let status = try request.request().status
            guard status.isOpen else { throw StoreError.notOpen(status) }
            request.status = decision.outcome.status.rawValue
            try request.update(db, columns: ["status"])
            var record = try DecisionRecord(decision, schoolID: schoolID)
            try record.insert(db)
            let letterID = try Self.insertLetter(letterDocument, decision: decision, decisionID: record.id, schoolID: schoolID, in: db)
            if let message { try Self.enqueue(message, at: decision.decidedAt, letterID: letterID, in: db) }
            var event = AuditEventRecord(AuditEvent(
                schoolID: schoolID, actor: decision.decidedBy, action: .decided, requestID: decision.requestID,
                at: decision.decidedAt,
                detail: "\(decision.outcome.rawValue): \(decision.reason)"
                    + (decision.grantedFrom.map { from in " (granted \(from.longForm) to \(decision.grantedTo?.longForm ?? ""))" } ?? "")
                    + (decision.overrideReason.map { " (override: \($0))" } ?? "")
                    + (decision.consultation.map { " (consulted: \($0))" } ?? "")))
            try event.insert(db)
        }
    }

    public func auditTrail(requestID: Int64, schoolID: Int64) async throws -> [AuditEvent] {
        try await writer.read { db in try Self.auditTrail(db, requestID: requestID, schoolID: schoolID) }
    }

    static func auditTrail(_ db: Database, requestID: Int64, schoolID: Int64) throws -> [AuditEvent] {
        return try AuditEventRecord.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM \(AuditEventRecord.databaseTableName) WHERE requestId = ? AND schoolId = ? ORDER BY at, id
            """), arguments: [requestID, schoolID]).map { try $0.event() }
    }

    /// These requests, in this order, without the parent's answers: the rows of a list page.
    static func withPupils(_ db: Database, ids: [Int64]) throws -> [RequestWithPupil] {
        guard !ids.isEmpty else { return [] }
        let found = try withPupils(db, sql: "WHERE leaveRequest.id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))",
                                   StatementArguments(ids), answers: false)
        let byID = Dictionary(found.map { ($0.request.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    static func withPupils(_ db: Database, sql: String, _ arguments: StatementArguments, answers: Bool = true) throws -> [RequestWithPupil] {
        // Cached: these few statements run on every list page, and preparing one costs more than running it.
        // A cursor: each row is read straight from SQLite, not first copied into values and then converted.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: withPupilsSQL(sql)), arguments: arguments)
        var found: [RequestWithPupil] = []
        while let row = try rows.next() { found.append(try requestWithPupil(row, answers: answers)) }
        return found
    }

    /// A row of `LeaveRequestRecord.columns` then `pupilColumns`, and anything after them.
    static func requestWithPupil(_ row: Row, answers: Bool) throws -> RequestWithPupil {
        let request = try LeaveRequestRecord(columns: row, answers: answers).request()
        let p = LeaveRequestRecord.columnCount
        let pupil = PupilRecord(id: row[p], schoolId: row[p + 1], upn: row[p + 2],
                                forename: row[p + 3], surname: row[p + 4], yearGroup: row[p + 5])
        return RequestWithPupil(request: request, pupil: pupil.pupil, group: row[18])
    }
}
