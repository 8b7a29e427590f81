import Foundation
import LeaveCore

/// A school made from nothing, by the person who installs the portal.
public struct NewSchool: Sendable {
    public var name: String
    public var trustName: String
    public var laCode: String
    public var estab: String
    public var addressLines: [String] = []
    public var telephone = ""
    public var email = ""
    public var headteacherName = ""
    public var preset = "default"

    public init(name: String, trustName: String, laCode: String, estab: String) {
        self.name = name
        self.trustName = trustName
        self.laCode = laCode
        self.estab = estab
    }
}

/// A contact with parental responsibility and an address, from the MIS, who could be invited.
public struct ParentContact: Hashable, Sendable {
    public let email: String
    public let name: String
}

/// Schools set up from nothing, and the invitations that give people their accounts.
public protocol InvitationStore: Sendable {
    /// Makes the school (and its trust if new) with its policy preset; the trust's id comes back too.
    func addSchool(_ school: NewSchool) async throws -> (school: School, trustID: Int64)
    /// Keeps the invitation (by the hash of its secret) and its e-mail together, in one transaction.
    func createInvitation(schoolID: Int64, email: String, name: String, role: Role, tokenHash: String,
                          at: Date, expiresAt: Date, message: MailMessage) async throws -> Invitation
    func invitation(tokenHash: String) async throws -> Invitation?
    /// An invitation to this address still waiting to be accepted, in any school.
    func pendingInvitation(email: String, at: Date) async throws -> Invitation?
    /// Accepts a pending invitation: the account is made with this password, a parent is linked to
    /// every pupil of the trust whose MIS contacts name this address with parental responsibility,
    /// and the invitation is used up. Throws `StoreError.notOpen` for one used or expired meanwhile.
    func acceptInvitation(id: Int64, passwordHash: String, at: Date) async throws -> Account
    /// Ends an invitation not yet accepted (before a new one is sent to the same person).
    func expireInvitation(id: Int64, schoolID: Int64, at: Date) async throws -> Invitation?
    /// One page of the school's invitations of parents (or of staff), newest first, and how many there are.
    func invitations(schoolID: Int64, parents: Bool, offset: Int, limit: Int) async throws -> (invitations: [Invitation], total: Int)
    /// Parents the MIS lists with parental responsibility and an address, with what each has now.
    func parentContacts(schoolID: Int64, at: Date) async throws -> (uninvited: [ParentContact], invited: Int, haveAccounts: Int, noEmail: Int)
}

/// The e-mail outbox: written with the events it reports, delivered by a background service.
public struct OutboxMessage: Hashable, Sendable {
    public let id: Int64
    public let message: MailMessage
    public let attempts: Int
    public let createdAt: Date
}

public protocol OutboxStore: Sendable {
    func enqueue(_ message: MailMessage, at: Date) async throws
    /// Messages due now, claimed for this sender until `until` so another process does not send them too.
    func claimDueMessages(now: Date, until: Date, limit: Int) async throws -> [OutboxMessage]
    func markSent(id: Int64, at: Date) async throws
    /// A try that failed: tried again at `retryAt`, or given up when `retryAt` is nil.
    func markFailed(id: Int64, error: String, retryAt: Date?, at: Date) async throws
    /// A message the transport took but the recipient's server later sent back (a bounce read
    /// from the portal's mailbox): marked failed, if it went to that address. True when it did.
    func markBounced(id: Int64, recipient: String, detail: String, at: Date) async throws -> Bool
    /// Messages given up on, newest first, for the office.
    func failedMessages(schoolID: Int64, limit: Int) async throws -> [OutboxMessage]
}

/// What a calendar import changed.
public struct CalendarChanges: Sendable, Codable, Equatable {
    public struct Counts: Sendable, Codable, Equatable {
        public var added = 0
        public var updated = 0
        public init() {}
    }

    public var terms = Counts()
    public var closures = Counts()

    public init() {}
}

/// What a calendar file would change, worked out without writing: shown before it is saved.
public struct CalendarPlan: Sendable, Equatable {
    public var termsToAdd: [Term] = []
    public var termsToUpdate: [Term] = []
    public var closuresToAdd: [Closure] = []
    public var closuresToUpdate: [Closure] = []
    /// Each change in words, as the record keeps it: "term from 2026-09-02: Autumn 1 to 2026-10-23 → …".
    public var lines: [String] = []

    public init() {}

    public var changes: CalendarChanges {
        var changes = CalendarChanges()
        changes.terms.added = termsToAdd.count
        changes.terms.updated = termsToUpdate.count
        changes.closures.added = closuresToAdd.count
        changes.closures.updated = closuresToUpdate.count
        return changes
    }
}

/// Term dates and closures, brought in from a file or typed by the admin.
public protocol CalendarImportStore: Sendable {
    /// What importing these would change, without changing anything.
    func previewCalendar(terms: [Term], closures: [Closure], schoolID: Int64) async throws -> CalendarPlan
    /// Adds or updates terms (by their first day) and closures (by their date) in one
    /// transaction, each change recorded with its old and new value.
    func importCalendar(terms: [Term], closures: [Closure], schoolID: Int64, by actor: Actor?, at: Date) async throws -> CalendarChanges
}

/// How each school's headteacher hears of new requests, and the daily summaries sent.
public protocol NotificationStore: Sendable {
    func newRequestEmails(schoolID: Int64) async throws -> NewRequestEmails
    /// Who hears of a request sent to the school, read in one visit for sending a form: the
    /// school, and its active headteachers and deputies when it e-mails each new request.
    func newRequestRecipients(schoolID: Int64) async throws -> NewRequestRecipients
    func setNewRequestEmails(_ setting: NewRequestEmails, schoolID: Int64, by admin: Actor, at: Date) async throws
    /// Schools that want a daily summary, with when the last one went.
    func dailyDigestSchools() async throws -> [(schoolID: Int64, hour: Int, lastDigestAt: Date?)]
    /// Requests of the school still waiting that arrived after `after` (all waiting ones when nil).
    func requestsWaiting(schoolID: Int64, submittedAfter after: Date?) async throws -> [LeaveRequest]
    /// The summary's e-mails and its time, in one transaction, only if the last summary is still
    /// the one `previous` names: with several servers, the one that gets there first sends it,
    /// and the others are told (false) and send nothing.
    func recordDigest(schoolID: Int64, at: Date, previous: Date?, messages: [MailMessage]) async throws -> Bool
}
