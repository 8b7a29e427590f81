import Hummingbird
import HummingbirdAuth
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// Signing in and out, and sending each role to its home page.
struct AuthController {
    let views: Views
    let services: PortalServices
    let sessionStart: SessionStart
    let secureCookies: Bool
    let behindProxy: Bool

    struct LoginContent: MustacheParent {
        let errors: ErrorSummary
        let email: TextField
        let password: TextField

        func child(named key: String) -> Any? {
            switch key {
            case "errors": self.errors
            case "email": self.email
            case "password": self.password
            default: nil
            }
        }
    }

    func addRoutes(to router: Router<PortalRequestContext>) {
        router.get(Paths.home.routerPath) { _, context in
            guard let account = context.account else { return Response.redirect(to: Paths.login()) }
            return Response.redirect(to: Paths.home(for: account.role))
        }
        router.get(Paths.login.routerPath) { _, context in
            if let account = context.account { return Response.redirect(to: Paths.home(for: account.role)) }
            return loginPage(email: "", errors: [], context: context, status: .ok)
        }
        router.post(Paths.login.routerPath) { request, context in try await signIn(request, context) }
        router.post(Paths.logout.routerPath) { _, context in
            context.sessions.clearSession()
            var response = Response.redirect(to: Paths.login())
            CSRFMiddleware.rotate(&response, secure: secureCookies)
            return response
        }
    }

    func signIn(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let email = context.form["email"].trimmingCharacters(in: .whitespaces)
        switch try await services.signIn.attempt(email: email, password: context.form["password"], client: client(request, context)) {
        case .incomplete(let errors):
            return loginPage(email: email, errors: errors, context: context, status: .unprocessableContent)
        case .heldBack(let errors):
            return loginPage(email: email, errors: errors, context: context, status: .tooManyRequests)
        case .wrongPassword(let errors):
            return loginPage(email: email, errors: errors, context: context, status: .unauthorized)
        case .signedIn(let account):
            return try await sessionStart.start(account, signedInAt: services.clock.now, request: request, context: context)
        }
    }

    /// The peer, or behind a proxy the address the proxy saw (the last one it appended).
    func client(_ request: Request, _ context: PortalRequestContext) -> String {
        guard behindProxy, let forwarded = request.headers[.xForwardedFor] else { return context.client }
        let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) ?? ""
        return last.isEmpty || last.count > 64 ? context.client : last
    }

    func loginPage(email: String, errors: [FieldError], context: PortalRequestContext, status: HTTPResponse.Status) -> Response {
        let content = LoginContent(errors: ErrorSummary(errors), email: TextField("email", email, errors),
                                   password: TextField("password", "", errors))
        let layout = Layout(title: "Sign in", account: nil, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.login, content, layout: layout, status: status)
    }
}
