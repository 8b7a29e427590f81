import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// A forgotten password, changing one's password, and signing out everywhere.
struct PasswordController {
    let views: Views
    let services: PortalServices
    let sessionStart: SessionStart
    let secureCookies: Bool

    func addRoutes(to router: Router<PortalRequestContext>) {
        router.get(Paths.forgottenPassword.routerPath) { _, context in forgottenPage(context, typed: "", errors: [], status: .ok) }
        router.post(Paths.forgottenPassword.routerPath) { _, context in try await requestReset(context) }
        router.get(Paths.resetPassword.routerPath) { _, context in try await resetPage(context, errors: [], status: .ok) }
        router.post(Paths.resetPassword.routerPath) { request, context in try await reset(request, context) }
        let signedIn = router.group().add(middleware: RoleMiddleware(.parent, .headteacher, .deputy, .office, .admin))
        signedIn.get(Paths.account.routerPath) { _, context in try accountPage(context) }
        signedIn.get(Paths.changePassword.routerPath) { _, context in try changePage(context, errors: [], status: .ok) }
        signedIn.post(Paths.changePassword.routerPath) { request, context in try await change(request, context) }
        signedIn.post(Paths.signOutEverywhere.routerPath) { _, context in try await signOutEverywhere(context) }
    }

    struct PasswordContent: MustacheParent {
        let heading: String
        let intro: String?
        let errors: ErrorSummary
        let askEmail: Bool
        let askCurrent: Bool
        let askNew: Bool
        let email: TextField
        let current: TextField
        let password: TextField
        let confirmation: TextField
        let action: String
        let button: String

        func child(named key: String) -> Any? {
            switch key {
            case "heading": self.heading
            case "intro": orAbsent(self.intro)
            case "errors": self.errors
            case "askEmail": self.askEmail
            case "askCurrent": self.askCurrent
            case "askNew": self.askNew
            case "email": self.email
            case "current": self.current
            case "password": self.password
            case "confirmation": self.confirmation
            case "action": self.action
            case "button": self.button
            default: nil
            }
        }
    }

    struct LinkView: MustacheParent {
        let href: String
        let text: String

        func child(named key: String) -> Any? {
            switch key {
            case "href": self.href
            case "text": self.text
            default: nil
            }
        }
    }

    struct NoticeContent: MustacheParent {
        let heading: String
        let paragraphs: [String]
        let link: LinkView?
        let signOutEverywhere: String?

        func child(named key: String) -> Any? {
            switch key {
            case "heading": self.heading
            case "paragraphs": self.paragraphs
            case "link": orAbsent(self.link)
            case "signOutEverywhere": orAbsent(self.signOutEverywhere)
            default: nil
            }
        }
    }

    func form(_ heading: String, intro: String?, errors: [FieldError], email: String = "", askEmail: Bool = false,
              askCurrent: Bool = false, action: String, button: String) -> PasswordContent {
        PasswordContent(heading: heading, intro: intro, errors: ErrorSummary(errors), askEmail: askEmail, askCurrent: askCurrent,
                        askNew: !askEmail, email: TextField("email", email, errors), current: TextField("current", "", errors),
                        password: TextField("password", "", errors), confirmation: TextField("confirmation", "", errors),
                        action: action, button: button)
    }

    // MARK: Forgotten

    func forgottenPage(_ context: PortalRequestContext, typed: String, errors: [FieldError], status: HTTPResponse.Status) -> Response {
        let content = form("Reset your password", intro: "Enter the email address you sign in with. If it has an account, we will send a link to choose a new password.",
                           errors: errors, email: typed, askEmail: true, action: Paths.forgottenPassword(), button: "Send the link")
        return views.render(.password, content, layout: Layout(title: "Reset your password", account: context.account,
                                                               csrfToken: context.csrfToken, hasErrors: !errors.isEmpty), status: status)
    }

    func requestReset(_ context: PortalRequestContext) async throws -> Response {
        let typed = context.form["email"]
        let errors = try await services.passwordChanges.requestReset(email: typed)
        guard errors.isEmpty else { return forgottenPage(context, typed: typed, errors: errors, status: .unprocessableContent) }
        // The same words whether or not the address has an account.
        let notice = NoticeContent(heading: "Check your email", paragraphs: [
            "If \(typed.trimmingCharacters(in: .whitespaces)) has an account, we have sent it a link to choose a new password. The link works once, for one hour.",
            "If nothing arrives in a few minutes, check your spam folder, or ask the school office.",
        ], link: LinkView(href: Paths.login(), text: "Back to sign in"), signOutEverywhere: nil)
        return views.render(.notice, notice, layout: Layout(title: "Check your email", account: context.account, csrfToken: context.csrfToken))
    }

    static let unusable = HTTPError(.notFound, message: "This link cannot be used: it has been used already, or it is more than an hour old. Ask for a new one from the sign-in page.")

    func resetPage(_ context: PortalRequestContext, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let account = try await services.passwordChanges.resetAccount(token: token) else { throw Self.unusable }
        let content = form("Choose a new password", intro: "For \(account.email).", errors: errors,
                           action: Paths.resetPassword(token), button: "Save the password and sign in")
        return views.render(.password, content, layout: Layout(title: "Choose a new password", account: nil, csrfToken: context.csrfToken,
                                                               hasErrors: !errors.isEmpty), status: status)
    }

    func reset(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        switch try await services.passwordChanges.reset(token: token, password: context.form["password"], confirmation: context.form["confirmation"]) {
        case .unusable: throw Self.unusable
        case .invalid(let errors): return try await resetPage(context, errors: errors, status: .unprocessableContent)
        case .changed(let account): return try await signIn(account, request, context)
        }
    }

    /// A fresh session after a password is set; every earlier one has ended.
    func signIn(_ account: Account, _ request: Request, _ context: PortalRequestContext) async throws -> Response {
        // A moment after the password was set, so the sessions it ended do not include this one.
        try await sessionStart.start(account, signedInAt: services.clock.now.addingTimeInterval(0.001), request: request, context: context)
    }

    // MARK: Signed in

    func accountPage(_ context: PortalRequestContext) throws -> Response {
        let account = try context.requireAccount()
        let notice = NoticeContent(heading: "Your account", paragraphs: [
            "\(account.displayName), \(account.role.title.lowercased()). You sign in with \(account.email).",
            "Signing out everywhere ends your sessions on every phone and computer, this one too.",
        ], link: LinkView(href: Paths.changePassword(), text: "Change your password"), signOutEverywhere: Paths.signOutEverywhere())
        return views.render(.notice, notice, layout: Layout(title: "Your account", account: account, csrfToken: context.csrfToken))
    }

    func changePage(_ context: PortalRequestContext, errors: [FieldError], status: HTTPResponse.Status) throws -> Response {
        let account = try context.requireAccount()
        let content = form("Change your password", intro: "Your other sessions will end.", errors: errors, askCurrent: true,
                           action: Paths.changePassword(), button: "Change the password")
        return views.render(.password, content, layout: Layout(title: "Change your password", account: account, csrfToken: context.csrfToken,
                                                               hasErrors: !errors.isEmpty), status: status)
    }

    func change(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        switch try await services.passwordChanges.change(account, current: context.form["current"], password: context.form["password"],
                                                         confirmation: context.form["confirmation"]) {
        case .invalid(let errors): return try changePage(context, errors: errors, status: .unprocessableContent)
        case .unusable: throw HTTPError(.notFound)
        case .changed(let account): return try await signIn(account, request, context)
        }
    }

    func signOutEverywhere(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        try await services.passwordChanges.signOutEverywhere(account)
        context.sessions.clearSession()
        var response = Response.redirect(to: Paths.login())
        CSRFMiddleware.rotate(&response, secure: secureCookies)
        return response
    }
}
