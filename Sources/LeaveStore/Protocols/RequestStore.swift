import Foundation
import LeaveCore

/// A request with the pupil it is for, as lists and pages show it.
public struct RequestWithPupil: Hashable, Sendable {
    public let request: LeaveRequest
    public let pupil: Pupil
    /// Shared by the requests a parent sent together for brothers and sisters.
    public let group: String?

    public init(request: LeaveRequest, pupil: Pupil, group: String? = nil) {
        self.request = request
        self.pupil = pupil
        self.group = group
    }

    /// First day and session, then the order they were sent: how a pupil's open requests are
    /// reviewed, sorted by the stores after reading (an ORDER BY led SQLite to the school's whole queue).
    static func byFirstDay(_ a: RequestWithPupil, _ b: RequestWithPupil) -> Bool {
        (a.request.application.start, a.request.submittedAt, a.request.id) < (b.request.application.start, b.request.submittedAt, b.request.id)
    }
}

/// A decided request as the decided list shows it: what was decided, when and by whom.
public struct DecidedRequest: Hashable, Sendable {
    public let item: RequestWithPupil
    public let outcome: DecisionOutcome
    public let decidedAt: Date
    public let deciderName: String

    public init(item: RequestWithPupil, outcome: DecisionOutcome, decidedAt: Date, deciderName: String) {
        self.item = item
        self.outcome = outcome
        self.decidedAt = decidedAt
        self.deciderName = deciderName
    }
}

/// Evidence the headteacher asked the parent for, and when and how the parent answered.
public struct EvidenceAsk: Hashable, Sendable {
    public let note: String
    public let askedAt: Date
    public let askedBy: String
    public let answeredAt: Date?
    public let answer: String?

    public init(note: String, askedAt: Date, askedBy: String, answeredAt: Date?, answer: String?) {
        self.note = note
        self.askedAt = askedAt
        self.askedBy = askedBy
        self.answeredAt = answeredAt
        self.answer = answer
    }
}

/// Leave requests and their decisions. Each change and its audit event are written in one
/// transaction: either both are on record or neither is.
public protocol RequestStore: Sendable {
    /// Stores a new request with a fresh reference number and records who submitted it.
    func submit(_ application: LeaveApplication, schoolID: Int64, by parent: Actor,
                count: SessionCount, at: Date) async throws -> LeaveRequest
    /// Stores one request per child of a sibling submission, linked by the first one's
    /// reference, all in one transaction; files sent with it go with each request. A
    /// `submissionKey` the parent has sent before gives back the requests it made then, so a
    /// form sent twice (a double click, a resend after a failure) makes its requests once.
    /// The references are chosen by the caller, so the parent's e-mail can name them and be
    /// written in the same transaction; one already used throws `duplicateReference`.
    func submitGroup(_ applications: [LeaveApplication], references: [ReferenceNumber], schoolID: Int64, by parent: Actor,
                     counts: [SessionCount], at: Date, submissionKey: String?, messages: [MailMessage]) async throws -> [LeaveRequest]
    /// The other requests sent together with this one (siblings), in the order sent.
    func linkedRequests(to request: LeaveRequest) async throws -> [RequestWithPupil]
    /// One page of the parent's requests (or of one child's, with `pupilID`), newest first, and how
    /// many there are in all. Lists do not show the parent's answers, so these are left out
    /// (`details` empty), here and in the other pages of lists below.
    func requests(parentID: Int64, pupilID: Int64?, offset: Int, limit: Int) async throws -> (requests: [RequestWithPupil], total: Int)
    /// One page of the school's decided requests, most recently decided first, and how many there are.
    func decidedRequests(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int) async throws -> (requests: [DecidedRequest], total: Int)
    /// The request with this reference, only if it belongs to this school.
    func request(reference: ReferenceNumber, schoolID: Int64) async throws -> RequestWithPupil?
    /// The request with this reference, only if this parent made it (at whichever school of the trust).
    func request(reference: ReferenceNumber, parentID: Int64) async throws -> RequestWithPupil?
    /// The same, with what the parent's confirmation shows of it, in one read.
    func sentRequest(reference: ReferenceNumber, parentID: Int64) async throws -> SentRequest?
    func withdraw(requestID: Int64, schoolID: Int64, by parent: Actor, at: Date) async throws -> LeaveRequest
    /// Ends the child's lunchtime permission (granted, or still being decided) at the parent's
    /// word, recording why; returns what was ended.
    func stopLunchtimePermissions(pupilID: Int64, schoolID: Int64, by parent: Actor, at: Date, detail: String) async throws -> [LeaveRequest]
    /// Every undecided request of the school, soonest first day first.
    func decisionQueue(schoolID: Int64) async throws -> [RequestWithPupil]
    /// One page of the queue, in the same order, and how many are waiting in all.
    func decisionQueue(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int) async throws -> (requests: [RequestWithPupil], total: Int)
    /// How many requests wait for a decision under each advice of the rules, and in all.
    func queueAdvice(schoolID: Int64) async throws -> (counts: [Recommendation: Int], total: Int)
    /// The queue page's page, advice, counts and (with `evidenceLimit` > 0) the requests waiting
    /// for evidence, together.
    func queuePage(schoolID: Int64, filter: RequestFilter, offset: Int, limit: Int, evidenceLimit: Int) async throws -> QueuePage
    /// The undecided requests of these pupils, whose findings a change to one of them can alter.
    func openRequests(pupilIDs: Set<Int64>, schoolID: Int64) async throws -> [RequestWithPupil]
    func decision(requestID: Int64, schoolID: Int64) async throws -> Decision?
    /// Records the decision, its letter and the audit event together; throws `notOpen`
    /// when someone else decided (or the parent withdrew) first.
    func decide(_ decision: Decision, schoolID: Int64, letter: LetterDocument, message: MailMessage?) async throws
    func auditTrail(requestID: Int64, schoolID: Int64) async throws -> [AuditEvent]
    /// One page of the school's record of what was done to its requests, newest first, with each
    /// line's request reference; only `action` if given. And how many lines there are in all.
    func auditEvents(schoolID: Int64, filter: AuditFilter, offset: Int, limit: Int) async throws
        -> (events: [(event: AuditEvent, reference: String)], total: Int)
    /// Every decision of the request, oldest first: the first, then each amendment.
    func decisions(requestID: Int64, schoolID: Int64) async throws -> [Decision]
    /// Records a decision that amends or rescinds the one standing (made at `replacing`), with its
    /// letter, the parent's e-mail and the audit line, in one transaction. Throws `superseded`
    /// when the standing decision is no longer that one (someone changed it first).
    func amend(_ decision: Decision, replacing: Date, schoolID: Int64, letter: LetterDocument, message: MailMessage?) async throws
    /// Sends an open request back to its parent for evidence (`note` says what), with the
    /// parent's e-mail, in one transaction. Throws `notOpen` for a decided or withdrawn one.
    /// With `letter`, the letter that asks for it goes to the office to post, and with the e-mail.
    func askForEvidence(requestID: Int64, schoolID: Int64, note: String, by actor: Actor, at: Date, message: MailMessage?,
                        letter: LetterDocument?) async throws
    /// The parent's answer: their files (already stored as uploads) go with the request and it
    /// returns to the queue. Throws `notOpen` unless evidence was asked for.
    func sendEvidence(requestID: Int64, uploadIDs: [String], answer: String, by parent: Actor, at: Date) async throws
    /// Every ask of this request, oldest first.
    func evidenceAsks(requestID: Int64, schoolID: Int64) async throws -> [EvidenceAsk]
    /// The files sent after the request, in answer to an ask.
    func laterEvidence(requestID: Int64, schoolID: Int64) async throws -> [StoredUpload]
    /// Requests sent back for evidence, longest waiting first, at most `limit`.
    func evidenceWaiting(schoolID: Int64, limit: Int) async throws -> [RequestWithPupil]
    /// Keeps a step towards the decision (a meeting with the parent, a consultation) with its
    /// audit line. Throws `notOpen` once the request is decided or withdrawn.
    func recordNote(_ note: RequestNote, requestID: Int64, schoolID: Int64, by actor: Actor) async throws
    /// The request's meetings and consultations, oldest first.
    func notes(requestID: Int64, schoolID: Int64) async throws -> [RequestNote]
    /// Undecided performances whose licence names their days, as the rules last found: the
    /// licence authorises them, so the office records them (000 "Performances and activities").
    func authorisedByLicence(schoolID: Int64, limit: Int) async throws -> [RequestWithPupil]
    /// Every request of these pupils at this school (a child and their brothers and sisters), newest first, at most `limit`.
    func requests(pupilIDs: Set<Int64>, schoolID: Int64, limit: Int) async throws -> [RequestWithPupil]
    /// Undecided requests, of every school, whose deadline has not been worked out yet.
    func openRequestsWithoutDeadline() async throws -> [RequestWithPupil]
    /// What the headteacher's page of this request shows around it, in one read.
    func requestFile(_ found: RequestWithPupil, familyLimit: Int) async throws -> RequestFile
    /// A request of this school with its file, in one visit to the database (the request page):
    /// nil when the school has no request with this reference.
    func requestWithFile(reference: ReferenceNumber, schoolID: Int64, familyLimit: Int) async throws
        -> (found: RequestWithPupil, file: RequestFile)?
}

extension RequestStore {
    /// One page of the whole queue.
    public func decisionQueue(schoolID: Int64, offset: Int, limit: Int) async throws -> (requests: [RequestWithPupil], total: Int) {
        try await decisionQueue(schoolID: schoolID, filter: .none, offset: offset, limit: limit)
    }

    /// One page of everything decided.
    public func decidedRequests(schoolID: Int64, offset: Int, limit: Int) async throws -> (requests: [DecidedRequest], total: Int) {
        try await decidedRequests(schoolID: schoolID, filter: .none, offset: offset, limit: limit)
    }
}

extension RequestStore {
    /// A decision whose letter has no PDF (the demo's seeding and older tests).
    public func decide(_ decision: Decision, schoolID: Int64, letterHTML: String, message: MailMessage?) async throws {
        try await decide(decision, schoolID: schoolID, letter: LetterDocument(html: letterHTML), message: message)
    }

    public func amend(_ decision: Decision, replacing: Date, schoolID: Int64, letterHTML: String, message: MailMessage?) async throws {
        try await amend(decision, replacing: replacing, schoolID: schoolID, letter: LetterDocument(html: letterHTML), message: message)
    }
}
