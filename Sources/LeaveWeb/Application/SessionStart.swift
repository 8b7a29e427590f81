import Foundation
import Hummingbird
import LeaveCore
import LeaveStore

/// Starting a signed-in session, the one way every door in does it (the sign-in form, an
/// accepted invitation, a new password): the browser's previous session ends, the new one gets
/// a new id (an id planted before is worth nothing) and a new CSRF token, and the person goes
/// to their home page.
struct SessionStart: Sendable {
    let sessions: any WebSessionStore
    let lifetime: Duration
    let secureCookies: Bool

    func start(_ account: Account, signedInAt: Date, request: Request, context: PortalRequestContext) async throws -> Response {
        if let previous = request.cookies[SessionCookie.name(secure: secureCookies)]?.value, !previous.isEmpty {
            try await sessions.removeSessionValue(key: SessionCookie.keyPrefix + String(previous))
        }
        context.sessions.createSession(PortalSession(accountID: account.id, signedInAt: signedInAt), expiresIn: lifetime)
        var response = Response.redirect(to: Paths.home(for: account.role))
        CSRFMiddleware.rotate(&response, secure: secureCookies)
        return response
    }
}
