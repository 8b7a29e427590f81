import Hummingbird
import LeaveCore
import LeaveStore

/// Everything a parent or carer does: see their children's requests, ask for leave, withdraw.
/// Every look-up is bounded by the parent: another family's request answers 404.
struct ParentController {
    let views: Views
    let store: any PortalStore
    let clock: SchoolClock
    let forms: [String: FormDefinition]

    func addRoutes(to router: Router<PortalRequestContext>) {
        let parent = router.group("parent").add(middleware: RoleMiddleware(.parent))
        parent.get("/") { _, context in try await home(context) }
        parent.get("children/:id") { _, context in try await child(context) }
        // The request forms live under /parent/forms, declared in forms/.
        parent.get("requests/new") { _, _ in Response.redirect(to: "/parent/forms") }
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

    // MARK: Figures shown to parents

    static func describe(_ count: SessionCount) -> String {
        if count.sessions == 0 { return "No school sessions: the school is closed on these dates" }
        let days = count.sessions % 2 == 0 ? "\(count.sessions / 2)" : "\(count.sessions / 2)½"
        return "\(days) school \(count.sessions == 2 ? "day" : "days") (\(count.sessions) \(count.sessions == 1 ? "session" : "sessions"))"
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
        let linked = try await store.linkedRequests(to: found.request).filter { $0.request.parentID == account.id }
        let form = found.request.application.details.formID.flatMap { forms[$0] }
        // What the rules say the parent should know now, such as when a lunchtime decision is due.
        let evaluation = try await RequestEvaluations(store: store, clock: clock).evaluate(
            found.request.application, pupil: found.pupil, requestID: found.request.id, submittedOn: clock.date(of: found.request.submittedAt))
        let dueBy = evaluation.findings.filter { $0.rule == "LUN-DECIDE-BY" }.compactMap(\.parentMessage)
        struct Content {
            let request: RequestRow; let linked: [RequestRow]; let hasLinked: Bool; let whatHappensNext: [GuidanceBlock]
            let hasOwnNext: Bool; let dueBy: [String]; let schoolName: String; let telephone: String; let email: String
        }
        let next = form?.whatHappensNext ?? []
        let content = Content(request: RequestRow(found, clock: clock), linked: linked.map { RequestRow($0, clock: clock) },
                              hasLinked: !linked.isEmpty, whatHappensNext: next, hasOwnNext: !next.isEmpty, dueBy: dueBy,
                              schoolName: school?.name ?? "the school", telephone: school?.telephone ?? "", email: school?.email ?? "")
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
