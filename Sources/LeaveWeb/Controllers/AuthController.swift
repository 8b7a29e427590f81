import Hummingbird
import LeaveCore
import LeaveStore

/// Signing in and out, and sending each role to its home page.
struct AuthController {
    let views: Views
    let accounts: any AccountStore
    let passwords: Passwords
    let sessionLifetime: Duration
    let throttle: SignInThrottle
    let clock: SchoolClock

    struct LoginContent {
        let errors: ErrorSummary
        let email: TextField
        let password: TextField
    }

    func addRoutes(to router: Router<PortalRequestContext>) {
        router.get("/") { _, context in
            guard let account = context.account else { return Response.redirect(to: "/login") }
            return Response.redirect(to: Self.home(for: account.role))
        }
        router.get("/login") { _, context in
            if let account = context.account { return Response.redirect(to: Self.home(for: account.role)) }
            return loginPage(email: "", errors: [], context: context, status: .ok)
        }
        router.post("/login") { _, context in try await signIn(context) }
        router.post("/logout") { _, context in
            context.sessions.clearSession()
            return Response.redirect(to: "/login")
        }
    }

    static func home(for role: Role) -> String {
        switch role {
        case .parent: "/parent"
        case .headteacher, .deputy: "/decisions"
        case .office: "/office/letters"
        case .admin: "/admin"
        }
    }

    func signIn(_ context: PortalRequestContext) async throws -> Response {
        let email = context.form["email"].trimmingCharacters(in: .whitespaces)
        let password = context.form["password"]
        var errors: [FieldError] = []
        if email.isEmpty {
            errors.append(FieldError(field: "email", message: "Enter your email address"))
        } else if !email.contains("@") {
            errors.append(FieldError(field: "email", message: "Enter an email address in the correct format, like name@example.com"))
        }
        if password.isEmpty { errors.append(FieldError(field: "password", message: "Enter your password")) }
        guard errors.isEmpty else { return loginPage(email: email, errors: errors, context: context, status: .unprocessableContent) }

        if let until = await throttle.heldUntil(email, now: clock.now) {
            let minutes = max(1, Int((until.timeIntervalSince(clock.now) / 60).rounded(.up)))
            let held = [FieldError(field: "email", message: "Too many attempts to sign in with this email address. Try again in \(minutes) \(minutes == 1 ? "minute" : "minutes"), or ask the school office to reset your password")]
            return loginPage(email: email, errors: held, context: context, status: .tooManyRequests)
        }
        let found = try await accounts.account(email: email)
        guard try await passwords.verify(password, hash: found?.passwordHash), let account = found?.account else {
            await throttle.failed(email, now: clock.now)
            let wrong = [FieldError(field: "email", message: "Enter a correct email address and password")]
            return loginPage(email: email, errors: wrong, context: context, status: .unauthorized)
        }
        await throttle.succeeded(email)
        // A new session id at sign-in, so an id planted before sign-in is worth nothing.
        context.sessions.createSession(PortalSession(accountID: account.id), expiresIn: sessionLifetime)
        return Response.redirect(to: Self.home(for: account.role))
    }

    func loginPage(email: String, errors: [FieldError], context: PortalRequestContext, status: HTTPResponse.Status) -> Response {
        let content = LoginContent(errors: ErrorSummary(errors), email: TextField("email", email, errors),
                                   password: TextField("password", "", errors))
        let layout = Layout(title: "Sign in", account: nil, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render("login", content, layout: layout, status: status)
    }
}
