import Hummingbird
import LeaveCore

/// Lets through only the roles a group of routes is for. Someone not signed in is sent to
/// sign in; someone signed in with another role is told they cannot see the page.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let roles: Set<Role>

    init(_ roles: Role...) {
        self.roles = Set(roles)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let account = context.account else {
            return .redirect(to: Paths.login(), type: .normal)
        }
        guard roles.contains(account.role) else {
            throw HTTPError(.forbidden, message: "Your account (\(account.role.title)) cannot open this page.")
        }
        return try await next(request, context)
    }
}
