import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// Everything a parent or carer does: see their children's requests, ask for leave, withdraw.
/// Every look-up is bounded by the parent: another family's request answers 404.
struct ParentController {
    let views: Views
    let services: PortalServices

    var store: any PortalStore { services.store }
    var clock: SchoolClock { services.clock }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let parent = router.group().add(middleware: RoleMiddleware(.parent))
        parent.get(Paths.Parent.home.routerPath) { request, context in try await home(request, context) }
        parent.get(Paths.Parent.child.routerPath) { request, context in try await child(request, context) }
        // The request forms live under /parent/forms, declared in forms/.
        parent.get(Paths.Parent.newRequest.routerPath) { _, _ in Response.redirect(to: Paths.Forms.list()) }
        parent.get(Paths.Parent.confirmation.routerPath) { _, context in try await confirmation(context) }
        parent.get(Paths.Parent.request.routerPath) { request, context in try await details(request, context) }
        parent.get(Paths.Parent.withdraw.routerPath) { _, context in try await withdrawPage(context) }
        parent.post(Paths.Parent.withdraw.routerPath) { _, context in try await withdraw(context) }
        parent.post(Paths.Parent.evidence.routerPath) { _, context in try await sendEvidence(context) }
        parent.post(Paths.Parent.licence.routerPath) { _, context in try await addLicence(context) }
        parent.get(Paths.Parent.letter.routerPath) { _, context in
            // The parent's own request only; the letter of the decision that stands, as printed.
            let (_, found) = try await ownRequest(context)
            guard let pdf = try await store.standingLetterPDF(requestID: found.request.id, schoolID: found.request.schoolID)
            else { throw HTTPError(.notFound, message: "There is no letter to download for this request yet.") }
            return Views.pdf(pdf.bytes, name: "letter-\(pdf.reference).pdf", inline: true)
        }
    }

    // MARK: Home

    struct ChildLink: MustacheParent {
        let id: Int64
        let name: String
        let yearGroup: String
        let href: String

        init(_ pupil: Pupil) {
            id = pupil.id
            name = pupil.fullName
            yearGroup = pupil.yearGroup.name
            href = Paths.Parent.child(pupil.id)
        }

        func child(named key: String) -> Any? {
            switch key {
            case "id": self.id
            case "name": self.name
            case "yearGroup": self.yearGroup
            case "href": self.href
            default: nil
            }
        }
    }

    struct HomeContent: MustacheParent {
        let children: [ChildLink]
        /// The page's requests, rendered by the request row template.
        let rows: String
        let hasRequests: Bool
        let pagination: Pagination

        func child(named key: String) -> Any? {
            switch key {
            case "pagination": self.pagination
            case "children": self.children
            case "rows": self.rows
            case "hasRequests": self.hasRequests
            default: nil
            }
        }
    }

    /// The newest fifty first: a family's requests grow year by year.
    func home(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let children = context.children
        let (page, pagination) = try await Pagination.load(page: Pagination.requested(request.uri.queryParameters.get("page")),
                                                           href: { Paths.Parent.home() + "?page=\($0)" }) { offset, limit in
            let found = try await store.requests(parentID: account.id, pupilID: nil, offset: offset, limit: limit)
            return (found.requests, found.total)
        }
        let requests = page.map { RequestRow($0, clock: clock) }
        let content = HomeContent(children: children.map(ChildLink.init), rows: views.rows.request.render(requests), hasRequests: !requests.isEmpty,
                                  pagination: pagination)
        return views.render(.parentHome, content, layout: Layout(title: "Your requests", account: account, csrfToken: context.csrfToken))
    }

    struct ChildContent: MustacheParent {
        let child: ChildLink
        let rows: String
        let hasRequests: Bool
        let pagination: Pagination

        func child(named key: String) -> Any? {
            switch key {
            case "child": self.child
            case "rows": self.rows
            case "hasRequests": self.hasRequests
            case "pagination": self.pagination
            default: nil
            }
        }
    }

    /// One child's page; a child who is not this parent's answers 404.
    func child(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id", as: Int64.self),
              let pupil = context.children.first(where: { $0.id == id })
        else { throw HTTPError(.notFound) }
        let (page, pagination) = try await Pagination.load(page: Pagination.requested(request.uri.queryParameters.get("page")),
                                                           href: { Paths.Parent.child(id) + "?page=\($0)" }) { offset, limit in
            let found = try await store.requests(parentID: account.id, pupilID: id, offset: offset, limit: limit)
            return (found.requests, found.total)
        }
        let requests = page.map { RequestRow($0, clock: clock) }
        return views.render(.parentChild, ChildContent(child: ChildLink(pupil), rows: views.rows.request.render(requests), hasRequests: !requests.isEmpty,
                                                       pagination: pagination),
                            layout: Layout(title: pupil.fullName, account: account, csrfToken: context.csrfToken))
    }

    // MARK: Figures shown to parents

    static func describe(_ count: SessionCount) -> String { TimeMissed.describe(sessions: count.sessions) }

    // MARK: After submitting

    /// The form for the evidence the school asked for, while it waits for it.
    struct EvidenceForm: MustacheParent {
        let needed: String
        let action: String
        let errors: ErrorSummary
        let fileError: String?
        let answer: TextField
        let answerLimit: Int

        func child(named key: String) -> Any? {
            switch key {
            case "needed": self.needed
            case "action": self.action
            case "errors": self.errors
            case "fileError": orAbsent(self.fileError)
            case "answer": self.answer
            case "answerLimit": self.answerLimit
            default: nil
            }
        }
    }

    struct DetailsContent: MustacheParent {
        let request: RequestRow
        let decision: DecisionView?
        var evidence: EvidenceHistory?
        var evidenceForm: EvidenceForm?
        var done: DoneBanner?
        var timeline: ParentTimeline?
        var licenceForm: LicenceForm?

        func child(named key: String) -> Any? {
            switch key {
            case "timeline": orAbsent(self.timeline)
            case "licenceForm": orAbsent(self.licenceForm)
            case "evidence": orAbsent(self.evidence)
            case "evidenceForm": orAbsent(self.evidenceForm)
            case "errors": self.evidenceForm?.errors ?? self.licenceForm?.errors ?? ErrorSummary([])
            case "request": self.request
            case "decision": orAbsent(self.decision)
            case "letterHref": Paths.Parent.letter(self.request.item.request.reference)
            case "doneTitle": orAbsent(self.done?.title)
            case "doneBody": self.done?.body ?? ""
            default: nil
            }
        }
    }

    /// The parent's own request with this reference; anything else is "not found".
    func ownRequest(_ context: PortalRequestContext) async throws -> (Account, RequestWithPupil) {
        let account = try context.requireAccount()
        guard let found = try await store.request(reference: try context.reference(), parentID: account.id),
              found.request.parentID == account.id
        else { throw HTTPError(.notFound) }
        return (account, found)
    }

    struct ConfirmationContent: MustacheParent {
        let request: RequestRow
        let linked: [RequestRow]
        let hasLinked: Bool
        let whatHappensNext: [GuidanceBlock]
        let hasOwnNext: Bool
        let dueBy: [String]
        let schoolName: String
        let telephone: String
        let email: String

        func child(named key: String) -> Any? {
            switch key {
            case "request": self.request
            case "linked": self.linked
            case "hasLinked": self.hasLinked
            case "whatHappensNext": self.whatHappensNext
            case "hasOwnNext": self.hasOwnNext
            case "dueBy": self.dueBy
            case "schoolName": self.schoolName
            case "telephone": self.telephone
            case "email": self.email
            default: nil
            }
        }
    }

    func confirmation(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        // The request, its school, the requests sent with it and the rules' result, in one read.
        guard let sent = try await store.sentRequest(reference: try context.reference(), parentID: account.id),
              sent.found.request.parentID == account.id
        else { throw HTTPError(.notFound) }
        let (found, school) = (sent.found, sent.school)
        let linked = sent.linked.filter { $0.request.parentID == account.id }
        let form = found.request.application.details.formID.flatMap { services.forms[$0] }
        // What the rules said the parent should know now, such as when a lunchtime decision is due.
        let evaluation = try await services.review.stored(found, read: sent.evaluation)
        let dueBy = evaluation.findings.filter { $0.rule == .lunchtimeDecideBy }.compactMap(\.parentMessage)
        let next = form?.whatHappensNext ?? []
        let content = ConfirmationContent(
            request: RequestRow(found, clock: clock), linked: linked.map { RequestRow($0, clock: clock) },
            hasLinked: !linked.isEmpty, whatHappensNext: next, hasOwnNext: !next.isEmpty, dueBy: dueBy,
            schoolName: school?.name ?? "the school", telephone: school?.telephone ?? "", email: school?.email ?? "")
        return views.render(.requestConfirmation, content,
                            layout: Layout(title: "Request sent", account: account, csrfToken: context.csrfToken))
    }

    /// What the parent has just done, said at the top of the request's page (GOV.UK notification
    /// banner, success); an unknown value says nothing.
    enum DoneBanner: String {
        case withdrawn
        case evidenceSent = "evidence-sent"
        case licenceAdded = "licence-added"

        var title: String {
            switch self {
            case .withdrawn: "Request withdrawn"
            case .evidenceSent: "Evidence sent"
            case .licenceAdded: "Licence added"
            }
        }

        var body: String {
            switch self {
            case .withdrawn: "The school has been told. You do not need to do anything else."
            case .evidenceSent: "The school has what you sent, and the request is back with the headteacher to decide."
            case .licenceAdded: "The headteacher can now decide the request. Please also send a copy of the licence, or bring it to the school office."
            }
        }
    }

    func details(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        let done = request.uri.queryParameters.get("done").flatMap { DoneBanner(rawValue: String($0)) }
        return try await detailsPage(account, found, errors: [], answer: "", context: context, status: .ok, done: done)
    }

    func detailsPage(_ account: Account, _ found: RequestWithPupil, errors: [FieldError], answer: String,
                     context: PortalRequestContext, status: HTTPResponse.Status, done: DoneBanner? = nil,
                     typedLicence: [String: String] = [:]) async throws -> Response {
        let schoolID = found.request.schoolID
        let decision = try await store.decision(requestID: found.request.id, schoolID: schoolID)
        let asks = try await store.evidenceAsks(requestID: found.request.id, schoolID: schoolID)
        let later = try await store.laterEvidence(requestID: found.request.id, schoolID: schoolID)
        var content = DetailsContent(request: RequestRow(found, clock: clock), decision: decision.map { DecisionView($0, clock: clock) })
        content.done = done
        content.evidence = EvidenceHistory(asks: asks, files: later, clock: clock)
        if try await services.licences.canAdd(found) {
            content.licenceForm = LicenceForm(action: Paths.Parent.licence(found.request.reference), errors: errors, typed: typedLicence)
        }
        content.timeline = ParentTimeline(try await store.auditTrail(requestID: found.request.id, schoolID: schoolID),
                                          parentID: account.id, clock: clock)
        if found.request.status == .evidenceRequested, let ask = asks.last(where: { $0.answeredAt == nil }) ?? asks.last {
            content.evidenceForm = EvidenceForm(needed: ask.note, action: Paths.Parent.evidence(found.request.reference),
                                                errors: ErrorSummary(errors), fileError: errors.first { $0.field == "evidence" }?.message,
                                                answer: TextField("answer", answer, errors), answerLimit: EvidenceReply.answerLimit)
        }
        return views.render(.requestDetails, content,
                            layout: Layout(title: "Request \(found.request.reference.text)", account: account, csrfToken: context.csrfToken,
                                           hasErrors: !errors.isEmpty), status: status)
    }

    /// The licence for a performance sent before it was issued.
    func addLicence(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        let form = context.form
        let typed = ["licenceNumber": form["licenceNumber"], "authority": form["authority"], "licenceDates": form["licenceDates"]]
        let errors = try await services.licences.add(found, number: form["licenceNumber"], authority: form["authority"],
                                                     dates: form["licenceDates"], parent: account)
        guard errors.isEmpty else {
            return try await detailsPage(account, found, errors: errors, answer: "", context: context, status: .unprocessableContent,
                                         typedLicence: typed)
        }
        return .redirect(to: Paths.Parent.request(found.request.reference) + "?done=" + DoneBanner.licenceAdded.rawValue)
    }

    /// The evidence the school asked for: files (as any evidence is checked) and a message.
    func sendEvidence(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        let files = context.form.files.values.map { $0 }
        let answer = context.form["answer"]
        let errors = try await services.evidenceReply.send(found, files: files, answer: answer, parent: account)
        guard errors.isEmpty else {
            return try await detailsPage(account, found, errors: errors, answer: answer, context: context, status: .unprocessableContent)
        }
        return .redirect(to: Paths.Parent.request(found.request.reference) + "?done=" + DoneBanner.evidenceSent.rawValue)
    }

    func withdrawPage(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        guard found.request.status.isOpen else { return .redirect(to: Paths.Parent.request(found.request.reference)) }
        return views.render(.requestWithdraw, DetailsContent(request: RequestRow(found, clock: clock), decision: nil),
                            layout: Layout(title: "Are you sure you want to withdraw this request?", account: account, csrfToken: context.csrfToken))
    }

    func withdraw(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await ownRequest(context)
        try await services.withdrawal.withdraw(found, by: account)
        return .redirect(to: Paths.Parent.request(found.request.reference) + "?done=" + DoneBanner.withdrawn.rawValue)
    }
}
