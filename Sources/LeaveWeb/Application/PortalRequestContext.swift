import Hummingbird
import HummingbirdAuth
import LeaveCore
import LeaveServices

/// What the portal keeps between requests for a signed-in person.
public struct PortalSession: Codable, Sendable {
    public var accountID: Int64
    /// The form being filled in, between its pages, so "Back" and "Change" bring answers back.
    public var formDraft: FormDraft?

    public init(accountID: Int64, formDraft: FormDraft? = nil) {
        self.accountID = accountID
        self.formDraft = formDraft
    }
}

public struct PortalRequestContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<PortalSession>
    /// The signed-in account, set by `AccountMiddleware`.
    public var account: Account?
    /// This browser's CSRF token, set by `CSRFMiddleware` for forms to embed.
    public var csrfToken: String = ""
    /// The form fields of a POST, read once by `CSRFMiddleware`.
    public var form: FormFields = FormFields()

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
    }

    /// The signed-in account; routes behind `RoleMiddleware` always have one.
    public func requireAccount() throws -> Account {
        guard let account else { throw HTTPError(.unauthorized) }
        return account
    }

}
