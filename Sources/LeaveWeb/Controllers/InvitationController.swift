import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// Accounts by invitation: the page a link opens (choose a password, then signed in), the
/// office's page to invite every parent the MIS lists, and the admin's page to invite staff.
struct InvitationController {
    let views: Views
    let services: PortalServices
    let sessionStart: SessionStart

    var clock: SchoolClock { services.clock }

    func addRoutes(to router: Router<PortalRequestContext>) {
        router.get(Paths.invitation.routerPath) { _, context in try await acceptPage(context, errors: [], status: .ok) }
        router.post(Paths.invitation.routerPath) { request, context in try await accept(request, context) }
        let office = router.group().add(middleware: RoleMiddleware(.office))
        office.get(Paths.Office.invitations.routerPath) { request, context in
            try await listPage(context, forParents: true, report: nil, page: Pagination.requested(request.uri.queryParameters.get("page")))
        }
        office.post(Paths.Office.invitations.routerPath) { _, context in try await inviteParents(context) }
        office.post(Paths.Office.resendInvitation.routerPath) { _, context in try await resend(context, parents: true) }
        let admin = router.group().add(middleware: RoleMiddleware(.admin))
        admin.get(Paths.Admin.staff.routerPath) { request, context in
            try await listPage(context, forParents: false, report: nil, page: Pagination.requested(request.uri.queryParameters.get("page")))
        }
        admin.post(Paths.Admin.staff.routerPath) { _, context in try await inviteStaff(context) }
        admin.post(Paths.Admin.staffRole.routerPath) { _, context in try await changeRole(context) }
        admin.post(Paths.Admin.notifications.routerPath) { _, context in try await saveNotifications(context) }
        admin.post(Paths.Admin.resendInvitation.routerPath) { _, context in try await resend(context, parents: false) }
        admin.get(Paths.Admin.staffClose.routerPath) { _, context in try await confirmClose(context) }
        admin.post(Paths.Admin.staffClose.routerPath) { _, context in try await close(context) }
    }

    // MARK: Following a link

    struct AcceptContent: MustacheParent {
        let schoolName: String
        let roleTitle: String
        let email: String
        let errors: ErrorSummary
        let password: TextField
        let confirmation: TextField
        let action: String

        func child(named key: String) -> Any? {
            switch key {
            case "schoolName": self.schoolName
            case "roleTitle": self.roleTitle
            case "email": self.email
            case "errors": self.errors
            case "password": self.password
            case "confirmation": self.confirmation
            case "action": self.action
            default: nil
            }
        }
    }

    func acceptPage(_ context: PortalRequestContext, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let invitation = try await services.invitations.pending(token: token) else { throw Self.unusable }
        let school = try await services.store.school(id: invitation.schoolID)
        let content = AcceptContent(schoolName: school?.name ?? "The school", roleTitle: invitation.role.title.lowercased(),
                                    email: invitation.email, errors: ErrorSummary(errors), password: TextField("password", "", errors),
                                    confirmation: TextField("confirmation", "", errors), action: Paths.invitation(token))
        let layout = Layout(title: "Choose your password", account: nil, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.invitation, content, layout: layout, status: status)
    }

    /// The same words for a link used, expired or made up, so a link tells nothing.
    static let unusable = HTTPError(.notFound, message: "This invitation link cannot be used: it has been used already, or it has expired. Ask the school to send a new one.")

    func accept(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        switch try await services.invitations.accept(token: token, password: context.form["password"], confirmation: context.form["confirmation"]) {
        case .unusable:
            throw Self.unusable
        case .invalid(let errors):
            return try await acceptPage(context, errors: errors, status: .unprocessableContent)
        case .accepted(let account):
            return try await sessionStart.start(account, signedInAt: clock.now, request: request, context: context)
        }
    }

    // MARK: The lists

    struct InvitationRow: MustacheParent {
        let name: String
        let email: String
        let role: String
        let sentAt: String
        let status: String
        /// Where "Send again" posts; absent once accepted.
        let resendAction: String?

        func child(named key: String) -> Any? {
            switch key {
            case "name": self.name
            case "email": self.email
            case "role": self.role
            case "sentAt": self.sentAt
            case "status": self.status
            case "resendAction": orAbsent(self.resendAction)
            default: nil
            }
        }
    }

    struct StaffRow: MustacheParent {
        let id: Int64
        let name: String
        let email: String
        let role: String
        let isOpen: Bool
        let isYou: Bool
        let roles: [Choice]
        let roleAction: String
        let closeAction: String

        func child(named key: String) -> Any? {
            switch key {
            case "id": id
            case "name": name
            case "email": email
            case "role": role
            case "isOpen": isOpen
            case "isYou": isYou
            case "roles": roles
            case "roleAction": roleAction
            case "closeAction": closeAction
            default: nil
            }
        }
    }

    struct NotificationForm: MustacheParent {
        let mode: ChoiceField
        let hour: TextField
        let action: String

        func child(named key: String) -> Any? {
            switch key {
            case "mode": mode
            case "hour": hour
            case "action": action
            default: nil
            }
        }
    }

    struct ListContent: MustacheParent {
        let notifications: NotificationForm?
        let staff: [StaffRow]
        let hasStaff: Bool
        let heading: String
        let forParents: Bool
        let report: String?
        let errors: ErrorSummary
        let name: TextField
        let email: TextField
        let role: ChoiceField
        let action: String
        let invitations: [InvitationRow]
        let hasInvitations: Bool
        let failures: [String]
        let hasFailures: Bool
        let pagination: Pagination

        func child(named key: String) -> Any? {
            switch key {
            case "pagination": self.pagination
            case "notifications": orAbsent(self.notifications)
            case "staff": self.staff
            case "hasStaff": self.hasStaff
            case "heading": self.heading
            case "forParents": self.forParents
            case "report": orAbsent(self.report)
            case "errors": self.errors
            case "name": self.name
            case "email": self.email
            case "role": self.role
            case "action": self.action
            case "invitations": self.invitations
            case "hasInvitations": self.hasInvitations
            case "failures": self.failures
            case "hasFailures": self.hasFailures
            default: nil
            }
        }
    }

    static let staffRoles: [Role] = [.headteacher, .deputy, .office, .admin]

    /// The invitations fifty at a time: a school invites every family on its roll.
    func listPage(_ context: PortalRequestContext, forParents: Bool, report: String?, typed: FormFields = FormFields(),
                  errors: [FieldError] = [], status: HTTPResponse.Status = .ok, page requested: Int = 1) async throws -> Response {
        let account = try context.requireAccount()
        let path = forParents ? Paths.Office.invitations() : Paths.Admin.staff()
        let (page, pagination) = try await Pagination.load(page: requested, href: { path + "?page=\($0)" }) { offset, limit in
            let found = try await services.store.invitations(schoolID: account.schoolID, parents: forParents, offset: offset, limit: limit)
            return (found.invitations, found.total)
        }
        let rows = page.map {
            InvitationRow(name: $0.name, email: $0.email, role: $0.role.title, sentAt: clock.describe($0.createdAt),
                          status: $0.status(at: clock.now).title,
                          resendAction: $0.acceptedAt != nil ? nil
                              : forParents ? Paths.Office.resendInvitation(String($0.id)) : Paths.Admin.resendInvitation(String($0.id)))
        }
        let failures = try await services.store.failedMessages(schoolID: account.schoolID, limit: 20).map {
            "\($0.message.subject) to \($0.message.to), \(clock.describe($0.createdAt))"
        }
        let staff = forParents ? [] : try await services.store.staff(schoolID: account.schoolID).map { member in
            StaffRow(id: member.id, name: member.displayName, email: member.email, role: member.role.title, isOpen: member.isActive,
                     isYou: member.id == account.id,
                     roles: Self.staffRoles.map { Choice(value: $0.rawValue, label: $0.title, hint: nil, checked: $0 == member.role) },
                     roleAction: Paths.Admin.staffRole(String(member.id)), closeAction: Paths.Admin.staffClose(String(member.id)))
        }
        var notifications: NotificationForm?
        if !forParents {
            let setting = try await services.store.newRequestEmails(schoolID: account.schoolID)
            let mode = typed["mode"].isEmpty ? setting.storedMode : typed["mode"]
            let hour: String = if case .daily(let hour) = setting { String(hour) } else { "16" }
            notifications = NotificationForm(
                mode: ChoiceField("mode", [
                    Choice(value: "each", label: "An e-mail for each request as it arrives", hint: nil, checked: mode == "each"),
                    Choice(value: "daily", label: "One summary a day of the requests that arrived", hint: nil, checked: mode == "daily"),
                    Choice(value: "none", label: "No e-mails: they look at the decision queue", hint: nil, checked: mode == "none"),
                ], errors),
                hour: TextField("hour", typed["hour"].isEmpty ? hour : typed["hour"], errors), action: Paths.Admin.notifications())
        }
        let content = ListContent(
            notifications: notifications, staff: staff, hasStaff: !staff.isEmpty,
            heading: forParents ? "Invite parents" : "Staff", forParents: forParents, report: report, errors: ErrorSummary(errors),
            name: TextField("name", typed["name"], errors), email: TextField("email", typed["email"], errors),
            role: ChoiceField("role", Self.staffRoles.map { Choice(value: $0.rawValue, label: $0.title, hint: nil, checked: typed["role"] == $0.rawValue) }, errors),
            action: forParents ? Paths.Office.invitations() : Paths.Admin.staff(),
            invitations: rows, hasInvitations: !rows.isEmpty, failures: failures, hasFailures: !failures.isEmpty, pagination: pagination)
        let layout = Layout(title: content.heading, account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.invitations, content, layout: layout, status: status)
    }

    func resend(_ context: PortalRequestContext, parents: Bool) async throws -> Response {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        do {
            let sent = try await services.invitations.resend(invitationID: id, schoolID: account.schoolID, parents: parents)
            return try await listPage(context, forParents: parents, report: "A new invitation has been sent to \(sent.invitation.email); the earlier link no longer works.")
        } catch let refusal as Invitations.Refusal {
            throw HTTPError(.conflict, message: refusal.message)
        }
    }

    func inviteParents(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let result = try await services.invitations.inviteParents(schoolID: account.schoolID)
        let report = "\(result.invited) invited; \(result.alreadyInvited) already invited; \(result.haveAccounts) already have accounts; "
            + "\(result.noEmail) with no e-mail address in the MIS."
        return try await listPage(context, forParents: true, report: report)
    }

    func saveNotifications(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = context.form
        let mode = form["mode"]
        guard ["each", "daily", "none"].contains(mode) else {
            return try await listPage(context, forParents: false, report: nil, typed: form,
                                      errors: [FieldError(field: "mode", message: "Select how the headteacher hears of new requests")], status: .unprocessableContent)
        }
        var hour: Int?
        if mode == "daily" {
            guard let typed = Int(form["hour"].trimmingCharacters(in: .whitespaces)), NewRequestEmails.validHours.contains(typed) else {
                return try await listPage(context, forParents: false, report: nil, typed: form,
                                          errors: [FieldError(field: "hour", message: "Enter the hour as a whole number from 6 to 20")], status: .unprocessableContent)
            }
            hour = typed
        }
        try await services.store.setNewRequestEmails(NewRequestEmails(mode: mode, hour: hour), schoolID: account.schoolID, by: Actor(account), at: clock.now)
        return try await listPage(context, forParents: false, report: "Saved: the headteacher and deputies get \(mode == "each" ? "an e-mail for each new request" : mode == "daily" ? "a summary each day at \(hour ?? 16):00" : "no e-mails about new requests").")
    }

    func changeRole(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id", as: Int64.self), id != account.id,
              let role = Role(rawValue: context.form["role"]), Self.staffRoles.contains(role) else { throw HTTPError(.notFound) }
        do {
            try await services.store.changeRole(accountID: id, schoolID: account.schoolID, to: role, by: Actor(account), at: clock.now)
        } catch StoreError.notFound {
            throw HTTPError(.notFound)
        }
        return .redirect(to: Paths.Admin.staff())
    }

    /// Closing an account ends its sessions at once; its past decisions keep its name.
    struct ConfirmContent: MustacheParent {
        let heading: String
        let paragraphs: [String]
        let action: String
        let button: String
        let cancelHref: String

        func child(named key: String) -> Any? {
            switch key {
            case "heading": heading
            case "paragraphs": paragraphs
            case "action": action
            case "button": button
            case "cancelHref": cancelHref
            default: nil
            }
        }
    }

    /// Closing an account cannot be undone from the portal, so it is asked for on a page of its
    /// own that says what will happen, and done only by that page's button.
    func confirmClose(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id", as: Int64.self), id != account.id,
              let member = try await services.store.staff(schoolID: account.schoolID).first(where: { $0.id == id && $0.isActive })
        else { throw HTTPError(.notFound) }
        let content = ConfirmContent(
            heading: "Close the account of \(member.displayName)?",
            paragraphs: [
                "\(member.displayName) (\(member.role.title), \(member.email)) will be signed out at once and will not be able to sign in again.",
                "Everything they did stays on record: their decisions, letters and the audit trail keep their name.",
                "To give them access again later, send them a new invitation.",
            ],
            action: Paths.Admin.staffClose(String(id)), button: "Close the account", cancelHref: Paths.Admin.staff())
        return views.render(.confirm, content, layout: Layout(title: content.heading, account: account, csrfToken: context.csrfToken))
    }

    func close(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id", as: Int64.self), id != account.id else { throw HTTPError(.notFound) }
        do {
            try await services.store.deactivate(accountID: id, schoolID: account.schoolID, by: Actor(account), at: clock.now)
        } catch StoreError.notFound {
            throw HTTPError(.notFound)
        }
        return .redirect(to: Paths.Admin.staff())
    }

    func inviteStaff(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = context.form
        guard let role = Role(rawValue: form["role"]), Self.staffRoles.contains(role) else {
            return try await listPage(context, forParents: false, report: nil, typed: form,
                                      errors: [FieldError(field: "role", message: "Select the person's role")], status: .unprocessableContent)
        }
        do {
            let sent = try await services.invitations.invite(schoolID: account.schoolID, email: form["email"], name: form["name"], role: role)
            return try await listPage(context, forParents: false, report: "\(sent.invitation.name) has been sent an invitation to \(sent.invitation.email).")
        } catch let refusal as Invitations.Refusal {
            return try await listPage(context, forParents: false, report: nil, typed: form,
                                      errors: [FieldError(field: refusal.field, message: refusal.message)], status: .unprocessableContent)
        }
    }
}
