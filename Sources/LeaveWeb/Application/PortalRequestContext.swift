import Hummingbird
import Foundation
import HummingbirdAuth
import LeaveCore
import LeaveImport
import LeaveServices

/// What the portal keeps between requests for a signed-in person.
public struct PortalSession: Codable, Sendable {
    public var accountID: Int64
    /// The form being filled in, between its pages, so "Back" and "Change" bring answers back.
    public var formDraft: FormDraft?
    /// When the person signed in, for the absolute limit, and when they were last seen (to the
    /// nearest few minutes), for the idle limit. Sessions from before these were kept have neither.
    public var signedInAt: Date?
    public var seenAt: Date?
    /// The form last sent from this session and its first reference, so sending it again (a
    /// double click, the Back button, a resend after a failure) shows that confirmation.
    public var lastSent: SentForm?
    /// Term dates read from the admin's file and shown for checking, saved only when confirmed.
    public var pendingCalendar: CalendarBatch?

    /// The account, and a parent's children, read with the session (one read a page, not three);
    /// never stored with it, so a closed account, ended sessions or a child's new or removed
    /// link are seen on the next page.
    public var account: Account?
    public var children: [Pupil] = []

    enum CodingKeys: String, CodingKey {
        case accountID, formDraft, signedInAt, seenAt, lastSent, pendingCalendar
    }

    public struct SentForm: Codable, Sendable {
        public let formID: String
        public let reference: String
    }

    public init(accountID: Int64, formDraft: FormDraft? = nil, signedInAt: Date? = nil) {
        self.accountID = accountID
        self.formDraft = formDraft
        self.signedInAt = signedInAt
        self.seenAt = signedInAt
    }
}

public struct PortalRequestContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<PortalSession>
    /// The signed-in account, set by `AccountMiddleware`.
    public var account: Account?
    /// A signed-in parent's children, read with the session (`PortalSession.children`).
    public var children: [Pupil] = []
    /// This browser's CSRF token, set by `CSRFMiddleware` for forms to embed.
    public var csrfToken: String = ""
    /// The form fields of a POST, read once by `CSRFMiddleware`.
    public var form: FormFields = FormFields()
    /// Where the request came from, for the sign-in throttle ("unknown" when not known).
    public let client: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
        self.client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The signed-in account; routes behind `RoleMiddleware` always have one.
    public func requireAccount() throws -> Account {
        guard let account else { throw HTTPError(.unauthorized) }
        return account
    }

    /// The request's reference in the address (`:reference`); one that cannot be a reference answers 404.
    func reference() throws -> ReferenceNumber {
        guard let reference = ReferenceNumber(parameters.get("reference") ?? "") else { throw HTTPError(.notFound) }
        return reference
    }
}
