import Foundation
import GRDB
import LeaveCore

struct LeaveRequestRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "leaveRequest"
    var id: Int64?
    var schoolId: Int64
    var reference: String
    var pupilId: Int64
    var parentId: Int64
    var kind: String
    var purpose: String
    var startDate: String
    var startSession: String
    var endDate: String
    var endSession: String
    var returnDate: String
    var sessions: Int
    var schoolDays: Int
    var status: String
    var submittedAt: Date
    var category: String?
    var details: String?
    var groupReference: String?
    /// When it must be decided by, and why (`DecisionDeadline.Basis`), as the rules last worked it out.
    var decideBy: String?
    var decideByBasis: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(request r: LeaveRequest, groupReference: String? = nil) {
        let a = r.application
        id = r.id == 0 ? nil : r.id
        schoolId = r.schoolID
        reference = r.reference.text
        pupilId = a.pupilID
        parentId = r.parentID
        kind = a.kind.rawValue
        purpose = a.purpose
        startDate = a.start.date.iso
        startSession = a.start.session.rawValue
        endDate = a.end.date.iso
        endSession = a.end.session.rawValue
        returnDate = a.returnDate.iso
        sessions = r.sessions
        schoolDays = r.schoolDays
        status = r.status.rawValue
        submittedAt = r.submittedAt
        category = a.category?.rawValue
        details = String(decoding: (try? JSONEncoder().encode(a.details)) ?? Data("{}".utf8), as: UTF8.self)
        self.groupReference = groupReference
        decideBy = r.decideBy?.date.iso
        decideByBasis = r.decideBy?.basis.rawValue
    }

    /// The columns `init(columns:)` reads, in its order.
    static let columns = """
        leaveRequest.id, leaveRequest.schoolId, leaveRequest.reference, leaveRequest.pupilId, leaveRequest.parentId,
        leaveRequest.kind, leaveRequest.purpose, leaveRequest.startDate, leaveRequest.startSession, leaveRequest.endDate,
        leaveRequest.endSession, leaveRequest.returnDate, leaveRequest.sessions, leaveRequest.schoolDays, leaveRequest.status,
        leaveRequest.submittedAt, leaveRequest.category, leaveRequest.details, leaveRequest.groupReference,
        leaveRequest.decideBy, leaveRequest.decideByBasis
        """
    static let columnCount = 21

    /// Read by position from a row that starts with `columns`: lists read fifty rows a page, and
    /// finding each column by name (GRDB compares names case-insensitively) cost more than the rest.
    /// Without `answers`, the parent's answers (JSON) are left unread, for lists that do not show them.
    init(columns row: Row, answers: Bool) {
        id = row[0]
        schoolId = row[1]
        reference = row[2]
        pupilId = row[3]
        parentId = row[4]
        kind = row[5]
        purpose = row[6]
        startDate = row[7]
        startSession = row[8]
        endDate = row[9]
        endSession = row[10]
        returnDate = row[11]
        sessions = row[12]
        schoolDays = row[13]
        status = row[14]
        submittedAt = row[15]
        category = row[16]
        // A lunchtime request's weekdays and collector are what every list shows of it.
        details = answers || kind == LeaveKind.lunchtime.rawValue ? row[17] : nil
        groupReference = row[18]
        decideBy = row[19]
        decideByBasis = row[20]
    }

    func request() throws -> LeaveRequest {
        guard let id, let ref = ReferenceNumber(reference), let kind = LeaveKind(rawValue: kind),
              let s = SchoolDate(iso: startDate), let ss = Session(rawValue: startSession),
              let e = SchoolDate(iso: endDate), let es = Session(rawValue: endSession),
              let back = SchoolDate(iso: returnDate), let status = RequestStatus(rawValue: status)
        else { throw StoreError.corrupt("leave request \(id ?? 0)") }
        let decodedDetails = details.flatMap { try? JSONDecoder().decode(RequestDetails.self, from: Data($0.utf8)) } ?? RequestDetails()
        let application = LeaveApplication(pupilID: pupilId, kind: kind, purpose: purpose,
                                           start: SessionPoint(s, ss), end: SessionPoint(e, es), returnDate: back,
                                           category: category.flatMap(LeaveCategory.init(rawValue:)), details: decodedDetails)
        let deadline = decideBy.flatMap(SchoolDate.init(iso:)).flatMap { date in
            decideByBasis.flatMap(DecisionDeadline.Basis.init(rawValue:)).map { DecisionDeadline(date: date, basis: $0) }
        }
        return LeaveRequest(id: id, reference: ref, schoolID: schoolId, parentID: parentId,
                            application: application, sessions: sessions, schoolDays: schoolDays,
                            status: status, submittedAt: submittedAt, decideBy: deadline)
    }
}

struct DecisionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "decision"
    var id: Int64?
    var schoolId: Int64
    var requestId: Int64
    var outcome: String
    var reason: String
    var deciderId: Int64
    var deciderName: String
    var deciderRole: String
    var decidedAt: Date
    var overrideReason: String?
    var consultation: String?
    var findings: String?
    var grantedFrom: String?
    var grantedTo: String?
    /// The decision this one amends or rescinds, how, and why; the earlier one's outcome and date
    /// are read from it.
    var supersedesId: Int64?
    var amendment: String?
    var amendmentReason: String?

    /// The row of a decision; `supersedes` names the one an amendment replaces.
    init(_ decision: Decision, schoolID: Int64, supersedes: Int64? = nil) throws {
        id = nil
        schoolId = schoolID
        requestId = decision.requestID
        outcome = decision.outcome.rawValue
        reason = decision.reason
        deciderId = decision.decidedBy.accountID
        deciderName = decision.decidedBy.name
        deciderRole = decision.decidedBy.role.rawValue
        decidedAt = decision.decidedAt
        overrideReason = decision.overrideReason
        consultation = decision.consultation
        findings = String(decoding: try JSONEncoder().encode(decision.findings.map(StoredFinding.init)), as: UTF8.self)
        grantedFrom = Self.text(decision.grantedFrom)
        grantedTo = Self.text(decision.grantedTo)
        supersedesId = supersedes
        amendment = decision.amendment?.kind.rawValue
        amendmentReason = decision.amendment?.reason
    }

    /// "2026-12-07 AM", how a granted session point is stored.
    static func text(_ point: SessionPoint?) -> String? { point.map { "\($0.date.iso) \($0.session.rawValue)" } }

    static func point(_ text: String?) -> SessionPoint? {
        guard let parts = text?.split(separator: " "), parts.count == 2, let date = SchoolDate(iso: parts[0]),
              let session = Session(rawValue: String(parts[1])) else { return nil }
        return SessionPoint(date, session)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    func decision(previous: DecisionRecord? = nil) throws -> Decision {
        guard let outcome = DecisionOutcome(rawValue: outcome), let role = Role(rawValue: deciderRole)
        else { throw StoreError.corrupt("decision \(id ?? 0)") }
        let stored = findings.map(StoredFindingsReader.findings) ?? []
        return Decision(requestID: requestId, outcome: outcome, reason: reason,
                        decidedBy: Actor(accountID: deciderId, name: deciderName, role: role), decidedAt: decidedAt,
                        overrideReason: overrideReason, consultation: consultation,
                        grantedFrom: Self.point(grantedFrom), grantedTo: Self.point(grantedTo),
                        findings: stored.map {
                            Finding(rule: RuleID(rawValue: $0.rule), severity: Severity(rawValue: $0.severity) ?? .info, message: $0.message,
                                    parentMessage: $0.parentMessage, source: $0.source)
                        },
                        amendment: amendment.flatMap(DecisionAmendment.Kind.init(rawValue:)).flatMap { kind in
                            previous.flatMap { before in
                                DecisionOutcome(rawValue: before.outcome).map {
                                    DecisionAmendment(kind: kind, reason: amendmentReason ?? "", previousOutcome: $0,
                                                      previousDecidedAt: before.decidedAt)
                                }
                            }
                        })
    }
}

struct LetterRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "letter"
    var id: Int64?
    var schoolId: Int64
    var requestId: Int64
    /// Nil for a letter that belongs to no decision (evidence asked for).
    var decisionId: Int64?
    var kind: String = "decision"
    var html: String
    var createdAt: Date
    var printedAt: Date?
    var printedById: Int64?
    /// The letter as PDF, made once with the decision, and its SHA-256 (hex); none for letters
    /// written before letters were PDFs.
    var pdf: Data?
    var pdfSha256: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct AuditEventRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "auditEvent"
    var id: Int64?
    var schoolId: Int64
    var at: Date
    var actorId: Int64
    var actorName: String
    var actorRole: String
    var action: String
    var requestId: Int64
    var detail: String

    init(_ e: AuditEvent) {
        schoolId = e.schoolID
        at = e.at
        actorId = e.actor.accountID
        actorName = e.actor.name
        actorRole = e.actor.role.rawValue
        action = e.action.rawValue
        requestId = e.requestID
        detail = e.detail
    }

    func event() throws -> AuditEvent {
        guard let role = Role(rawValue: actorRole), let action = AuditEvent.Action(rawValue: action)
        else { throw StoreError.corrupt("audit event \(id ?? 0)") }
        return AuditEvent(schoolID: schoolId, actor: Actor(accountID: actorId, name: actorName, role: role),
                          action: action, requestID: requestId, at: at, detail: detail)
    }
}
