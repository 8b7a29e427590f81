import Hummingbird
import LeaveStore

/// Puts the signed-in account into the context. A session whose account has gone is ended.
struct AccountMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let accounts: any AccountStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session {
            if let account = try await accounts.account(id: session.accountID) {
                context.account = account
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}
