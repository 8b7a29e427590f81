import Hummingbird
import HummingbirdAuth
import LeaveCore

/// What the portal keeps between requests for a signed-in person.
public struct PortalSession: Codable, Sendable {
    public var accountID: Int64
    /// The leave form's answers between "Continue" and "Submit", so "Change" links can refill it.
    public var leaveDraft: LeaveAnswers?

    public init(accountID: Int64, leaveDraft: LeaveAnswers? = nil) {
        self.accountID = accountID
        self.leaveDraft = leaveDraft
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

    public var actor: Actor {
        get throws { Actor(try requireAccount()) }
    }
}
