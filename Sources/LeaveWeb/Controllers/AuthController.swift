import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// Signing in and out, and sending each role to its home page.
struct AuthController {
    let views: Views
    let services: PortalServices
    let sessionLifetime: Duration

    struct LoginContent: MustacheParent {
        let errors: ErrorSummary
        let email: TextField
        let password: TextField

        func child(named key: String) -> Any? {
            switch key {
            case "errors": errors
            case "email": email
            case "password": password
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
        router.post(Paths.login.routerPath) { _, context in try await signIn(context) }
        router.post(Paths.logout.routerPath) { _, context in
            context.sessions.clearSession()
            return Response.redirect(to: Paths.login())
        }
    }

    func signIn(_ context: PortalRequestContext) async throws -> Response {
        let email = context.form["email"].trimmingCharacters(in: .whitespaces)
        switch try await services.signIn.attempt(email: email, password: context.form["password"]) {
        case .incomplete(let errors):
            return loginPage(email: email, errors: errors, context: context, status: .unprocessableContent)
        case .heldBack(let errors):
            return loginPage(email: email, errors: errors, context: context, status: .tooManyRequests)
        case .wrongPassword(let errors):
            return loginPage(email: email, errors: errors, context: context, status: .unauthorized)
        case .signedIn(let account):
            // A new session id at sign-in, so an id planted before sign-in is worth nothing.
            context.sessions.createSession(PortalSession(accountID: account.id), expiresIn: sessionLifetime)
            return Response.redirect(to: Paths.home(for: account.role))
        }
    }

    func loginPage(email: String, errors: [FieldError], context: PortalRequestContext, status: HTTPResponse.Status) -> Response {
        let content = LoginContent(errors: ErrorSummary(errors), email: TextField("email", email, errors),
                                   password: TextField("password", "", errors))
        let layout = Layout(title: "Sign in", account: nil, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.login, content, layout: layout, status: status)
    }
}
