import Hummingbird
import LeaveCore
import LeaveStore

/// Everything a parent or carer does: see their children's requests, ask for leave, withdraw.
/// Every look-up is bounded by the parent: another family's request answers 404.
struct ParentController {
    let views: Views
    let store: any PortalStore
    let clock: SchoolClock

    func addRoutes(to router: Router<PortalRequestContext>) {
        let parent = router.group("parent").add(middleware: RoleMiddleware(.parent))
        parent.get("/") { _, context in try await home(context) }
        parent.get("children/:id") { _, context in try await child(context) }
        parent.get("requests/new") { request, context in try await form(request, context) }
        parent.post("requests/new") { _, context in try await continueForm(context) }
        parent.get("requests/check") { _, context in try await check(context) }
        parent.post("requests/submit") { _, context in try await submit(context) }
        parent.get("requests/:reference/confirmation") { _, context in try await confirmation(context) }
        parent.get("requests/:reference") { _, context in try await details(context) }
        parent.get("requests/:reference/withdraw") { _, context in try await withdrawPage(context) }
        parent.post("requests/:reference/withdraw") { _, context in try await withdraw(context) }
    }

    // MARK: Home

    struct ChildLink {
        let id: Int64
        let name: String
        let yearGroup: String

        init(_ pupil: Pupil) {
            id = pupil.id
            name = pupil.fullName
            yearGroup = pupil.yearGroup.name
        }
    }

    struct HomeContent {
        let children: [ChildLink]
        let requests: [RequestRow]
        let hasRequests: Bool
    }

    func home(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let children = try await store.children(ofParent: account.id)
        let requests = try await store.requests(parentID: account.id).map { RequestRow($0, clock: clock) }
        let content = HomeContent(children: children.map(ChildLink.init), requests: requests, hasRequests: !requests.isEmpty)
        return views.render("parent-home", content, layout: Layout(title: "Your requests", account: account, csrfToken: context.csrfToken))
    }

    struct ChildContent {
        let child: ChildLink
        let requests: [RequestRow]
        let hasRequests: Bool
    }

    /// One child's page; a child who is not this parent's answers 404.
    func child(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id", as: Int64.self),
              let pupil = try await store.children(ofParent: account.id).first(where: { $0.id == id })
        else { throw HTTPError(.notFound) }
        let requests = try await store.requests(parentID: account.id).filter { $0.pupil.id == id }.map { RequestRow($0, clock: clock) }
        return views.render("parent-child", ChildContent(child: ChildLink(pupil), requests: requests, hasRequests: !requests.isEmpty),
                            layout: Layout(title: pupil.fullName, account: account, csrfToken: context.csrfToken))
    }

    // MARK: The form

    struct FormContent {
        let errors: ErrorSummary
        let pupil: ChoiceField
        let kind: ChoiceField
        let purpose: TextField
        let purposeLimit: Int
        let firstDay: DateField
        let firstSession: ChoiceField
        let lastDay: DateField
        let lastSession: ChoiceField
        let returnDay: DateField
    }

    func form(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let children = try await store.children(ofParent: account.id)
        // "Change" links come back to the answers being checked; any other visit starts afresh.
        let changing = request.uri.queryParameters.get("change") != nil
        var answers = (changing ? context.sessions.session?.leaveDraft : nil) ?? LeaveAnswers()
        if answers.pupilID.isEmpty {
            if let chosen = request.uri.queryParameters.get("child"), children.contains(where: { String($0.id) == chosen }) {
                answers.pupilID = chosen
            } else if children.count == 1 {
                answers.pupilID = String(children[0].id)
            }
        }
        return formPage(answers, errors: [], children: children, context: context, status: .ok)
    }

    func continueForm(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let children = try await store.children(ofParent: account.id)
        let f = context.form
        let answers = LeaveAnswers(
            pupilID: f["pupil"], kind: f["kind"], purpose: f["purpose"],
            firstDay: DateAnswer(day: f["firstDay-day"], month: f["firstDay-month"], year: f["firstDay-year"]),
            firstSession: f["firstSession"],
            lastDay: DateAnswer(day: f["lastDay-day"], month: f["lastDay-month"], year: f["lastDay-year"]),
            lastSession: f["lastSession"],
            returnDay: DateAnswer(day: f["returnDay-day"], month: f["returnDay-month"], year: f["returnDay-year"]))
        switch answers.validate(today: clock.today, children: Set(children.map(\.id))) {
        case .invalid(let errors):
            return formPage(answers, errors: errors, children: children, context: context, status: .unprocessableContent)
        case .valid(let application):
            _ = context.sessions.updateSession(PortalSession(accountID: account.id, leaveDraft: application.answers))
            return .redirect(to: "/parent/requests/check")
        }
    }

    func formPage(_ answers: LeaveAnswers, errors: [FieldError], children: [Pupil],
                  context: PortalRequestContext, status: HTTPResponse.Status) -> Response {
        let sessionChoices = { (chosen: String, am: String, pm: String) in
            [Choice(value: "AM", label: am, hint: nil, checked: chosen == "AM"),
             Choice(value: "PM", label: pm, hint: nil, checked: chosen == "PM")]
        }
        let content = FormContent(
            errors: ErrorSummary(errors),
            pupil: ChoiceField("pupil", children.map {
                Choice(value: String($0.id), label: $0.fullName, hint: $0.yearGroup.name, checked: answers.pupilID == String($0.id))
            }, errors),
            kind: ChoiceField("kind", LeaveKind.allCases.map {
                Choice(value: $0.rawValue, label: $0.title, hint: $0.hint, checked: answers.kind == $0.rawValue)
            }, errors),
            purpose: TextField("purpose", answers.purpose, errors),
            purposeLimit: LeaveAnswers.purposeLimit,
            firstDay: DateField("firstDay", legend: "First day of leave", hint: "For example, 9 3 2027", answers.firstDay, errors),
            firstSession: ChoiceField("firstSession", sessionChoices(answers.firstSession, "From the morning", "From the afternoon"), errors),
            lastDay: DateField("lastDay", legend: "Last day of leave", hint: "For example, 13 3 2027", answers.lastDay, errors),
            lastSession: ChoiceField("lastSession", sessionChoices(answers.lastSession, "Until the end of the morning", "Until the end of the afternoon"), errors),
            returnDay: DateField("returnDay", legend: "When will your child be back at school?", hint: "For example, 16 3 2027", answers.returnDay, errors))
        let layout = Layout(title: "Ask for leave of absence", account: context.account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render("request-form", content, layout: layout, status: status)
    }

    // MARK: Check and submit

    struct CheckContent {
        let rows: [SummaryRow]
        /// What the policy says that the parent should know before sending.
        let notes: [String]
        let hasNotes: Bool
    }

    var evaluations: RequestEvaluations { RequestEvaluations(store: store, clock: clock) }

    /// The draft as a checked application, or nil when there is none (or it no longer passes).
    func draftApplication(_ context: PortalRequestContext, children: [Pupil]) -> LeaveApplication? {
        guard let draft = context.sessions.session?.leaveDraft,
              case .valid(let application) = draft.validate(today: clock.today, children: Set(children.map(\.id)))
        else { return nil }
        return application
    }

    func check(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let children = try await store.children(ofParent: account.id)
        guard let application = draftApplication(context, children: children),
              let child = children.first(where: { $0.id == application.pupilID })
        else { return .redirect(to: "/parent/requests/new") }
        let count = try await store.calendar(schoolID: account.schoolID).count(from: application.start, to: application.end)
        func row(_ key: String, _ value: String, _ anchor: String) -> SummaryRow {
            SummaryRow(key: key, value: value, changeHref: "/parent/requests/new?change=1#\(anchor)", changeLabel: key.lowercased())
        }
        let rows = [
            row("Child", "\(child.fullName), \(child.yearGroup.name)", "pupil"),
            row("Kind of leave", application.kind.title, "kind"),
            row("What the leave is for", application.purpose, "purpose"),
            row("First day", application.start.longForm, "firstDay-day"),
            row("Last day", application.end.longForm, "lastDay-day"),
            row("Back at school", application.returnDate.longForm, "returnDay-day"),
            SummaryRow(key: "School time missed", value: Self.describe(count), changeHref: nil, changeLabel: ""),
        ]
        let evaluation = try await evaluations.evaluate(application, pupil: child, requestID: nil, submittedOn: clock.today)
        let notes = evaluation.findings.compactMap(\.parentMessage)
        return views.render("request-check", CheckContent(rows: rows, notes: notes, hasNotes: !notes.isEmpty),
                            layout: Layout(title: "Check your answers before sending your request", account: account, csrfToken: context.csrfToken))
    }

    static func describe(_ count: SessionCount) -> String {
        if count.sessions == 0 { return "No school sessions: the school is closed on these dates" }
        let days = count.sessions % 2 == 0 ? "\(count.sessions / 2)" : "\(count.sessions / 2)½"
        return "\(days) school \(count.sessions == 2 ? "day" : "days") (\(count.sessions) \(count.sessions == 1 ? "session" : "sessions"))"
    }

    func submit(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let children = try await store.children(ofParent: account.id)
        guard let application = draftApplication(context, children: children) else {
            return .redirect(to: "/parent/requests/new")
        }
        let count = try await store.calendar(schoolID: account.schoolID).count(from: application.start, to: application.end)
        let request = try await store.submit(application, schoolID: account.schoolID, by: Actor(account), count: count, at: clock.now)
        _ = context.sessions.updateSession(PortalSession(accountID: account.id, leaveDraft: nil))
        if let child = children.first(where: { $0.id == application.pupilID }) {
            _ = try await evaluations.refresh(RequestWithPupil(request: request, pupil: child))
        }
        return .redirect(to: "/parent/requests/\(request.reference.text)/confirmation")
    }

    // MARK: After submitting

    struct DetailsContent {
        let request: RequestRow
        let decision: DecisionView?
    }

    /// The parent's own request with this reference; anything else is "not found".
    func ownRequest(_ context: PortalRequestContext) async throws -> (Account, RequestWithPupil) {
        let account = try context.requireAccount()
        guard let reference = ReferenceNumber(context.parameters.get("reference") ?? ""),
              let found = try await store.request(reference: reference, schoolID: account.schoolID),
              found.request.parentID == account.id
        else { throw HTTPError(.notFound) }
        return (account, found)
    }

    func confirmation(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        let school = try await store.school(id: account.schoolID)
        struct Content { let request: RequestRow; let schoolName: String; let telephone: String; let email: String }
        let content = Content(request: RequestRow(found, clock: clock), schoolName: school?.name ?? "the school",
                              telephone: school?.telephone ?? "", email: school?.email ?? "")
        return views.render("request-confirmation", content,
                            layout: Layout(title: "Request sent", account: account, csrfToken: context.csrfToken))
    }

    func details(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        let decision = try await store.decision(requestID: found.request.id, schoolID: account.schoolID)
        let content = DetailsContent(request: RequestRow(found, clock: clock), decision: decision.map { DecisionView($0, clock: clock) })
        return views.render("request-details", content,
                            layout: Layout(title: "Request \(found.request.reference.text)", account: account, csrfToken: context.csrfToken))
    }

    func withdrawPage(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        guard found.request.status.isOpen else { return .redirect(to: "/parent/requests/\(found.request.reference.text)") }
        return views.render("request-withdraw", DetailsContent(request: RequestRow(found, clock: clock), decision: nil),
                            layout: Layout(title: "Are you sure you want to withdraw this request?", account: account, csrfToken: context.csrfToken))
    }

    func withdraw(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        do {
            _ = try await store.withdraw(requestID: found.request.id, schoolID: account.schoolID, by: Actor(account), at: clock.now)
        } catch StoreError.notOpen(let status) {
            throw HTTPError(.conflict, message: "This request cannot be withdrawn because it has already been \(status.title.lowercased()).")
        }
        return .redirect(to: "/parent/requests/\(found.request.reference.text)")
    }
}
