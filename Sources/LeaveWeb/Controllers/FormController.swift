import Foundation
import Hummingbird
import LeaveCore
import LeaveStore

/// Every request form of forms/, page by page: questions with a back link and "Continue",
/// "Check your answers" with change links, then one request per chosen child.
struct FormController {
    let views: Views
    let store: any PortalStore
    let clock: SchoolClock
    let forms: [String: FormDefinition]
    let evidence: EvidenceFiles

    var evaluations: RequestEvaluations { RequestEvaluations(store: store, clock: clock) }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let parent = router.group("parent/forms").add(middleware: RoleMiddleware(.parent))
        parent.get("/") { _, context in try await list(context) }
        parent.get(":form") { _, context in try await start(context) }
        parent.get(":form/check") { _, context in try await check(context) }
        parent.post(":form/submit") { _, context in try await submit(context) }
        parent.get(":form/:page") { request, context in try await showPage(request, context) }
        parent.post(":form/:page") { request, context in try await answerPage(request, context) }
        let files = router.group("files").add(middleware: RoleMiddleware(.parent, .headteacher, .deputy, .office, .admin))
        files.get(":id") { _, context in try await file(context) }
    }

    // MARK: Finding things

    func form(_ context: PortalRequestContext) throws -> FormDefinition {
        guard let id = context.parameters.get("form"), let form = forms[id] else { throw HTTPError(.notFound) }
        return form
    }

    /// The draft of this form, or a new one when the session holds another form's.
    func draft(_ context: PortalRequestContext, _ form: FormDefinition) -> FormDraft {
        if let draft = context.sessions.session?.formDraft, draft.formID == form.id { return draft }
        return FormDraft(formID: form.id)
    }

    func save(_ draft: FormDraft?, _ context: PortalRequestContext) throws {
        let account = try context.requireAccount()
        var session = context.sessions.session ?? PortalSession(accountID: account.id)
        session.formDraft = draft
        _ = context.sessions.updateSession(session)
    }

    // MARK: Pages

    struct ListContent {
        struct Item { let id: String; let title: String; let summary: String }
        let forms: [Item]
    }

    func list(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let order: [String] = ["leave", "medical", "religious", "traveller", "performance", "lunchtime", "lunchtime-stop"]
        let items = forms.values.sorted { (order.firstIndex(of: $0.id) ?? 99, $0.id) < (order.firstIndex(of: $1.id) ?? 99, $1.id) }
            .map { ListContent.Item(id: $0.id, title: $0.title, summary: $0.summary) }
        return views.render("forms", ListContent(forms: items), layout: Layout(title: "What would you like to ask for?", account: account, csrfToken: context.csrfToken))
    }

    func start(_ context: PortalRequestContext) async throws -> Response {
        let form = try form(context)
        try save(FormDraft(formID: form.id), context)
        return .redirect(to: "/parent/forms/\(form.id)/\(form.pages[0].id)")
    }

    struct PageContent {
        let formID: String
        let formTitle: String
        let pageID: String
        let title: String
        let guidance: [GuidanceBlock]
        let formGuidance: [GuidanceBlock]
        let errors: ErrorSummary
        let questions: [QuestionView]
        let multipart: Bool
        let backHref: String
        let changing: Bool
    }

    func renderPage(_ form: FormDefinition, _ page: FormPage, draft: FormDraft, errors: [FieldError], changing: Bool,
                    context: PortalRequestContext, status: HTTPResponse.Status) async throws -> Response {
        let account = try context.requireAccount()
        let children = try await store.children(ofParent: account.id)
        let visible = draft.visiblePages(of: form)
        let index = visible.firstIndex { $0.id == page.id } ?? 0
        let back = changing ? "/parent/forms/\(form.id)/check" : index == 0 ? "/parent/forms" : "/parent/forms/\(form.id)/\(visible[index - 1].id)"
        let questions = draft.visibleQuestions(of: page)
        let content = PageContent(
            formID: form.id, formTitle: form.title, pageID: page.id, title: page.title, guidance: page.guidance,
            formGuidance: index == 0 && !changing ? form.guidance : [], errors: ErrorSummary(errors),
            questions: questions.map { QuestionView($0, draft: draft, errors: errors, children: children) },
            multipart: questions.contains { $0.kind == .file }, backHref: back, changing: changing)
        let layout = Layout(title: page.title, account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render("form-page", content, layout: layout, status: status)
    }

    func showPage(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let form = try form(context)
        guard let pageID = context.parameters.get("page"), let page = form.page(pageID) else { throw HTTPError(.notFound) }
        let draft = draft(context, form)
        guard draft.shows(page.showIf) else { return .redirect(to: "/parent/forms/\(form.id)/check") }
        return try await renderPage(form, page, draft: draft, errors: [], changing: request.uri.queryParameters.get("change") != nil,
                                    context: context, status: .ok)
    }

    func answerPage(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = try form(context)
        guard let pageID = context.parameters.get("page"), let page = form.page(pageID) else { throw HTTPError(.notFound) }
        var draft = draft(context, form)
        for question in page.questions {
            for name in FormDraft.inputs(of: question) {
                draft.values[name] = context.form.all(name)
            }
        }
        // "Remove" beside a file sent earlier takes it out of the request and shows the page again.
        let removing = context.form["removeFile"]
        if !removing.isEmpty {
            for key in draft.uploads.keys { draft.uploads[key]?.removeAll { $0.id == removing } }
            try save(draft, context)
            return try await renderPage(form, page, draft: draft, errors: [], changing: context.form["change"] == "1",
                                        context: context, status: .ok)
        }
        var uploadErrors: [FieldError] = []
        for question in draft.visibleQuestions(of: page) where question.kind == .file {
            guard let file = context.form.files[question.id], !file.data.isEmpty else { continue }
            let sentBytes = try await sentSize(draft, schoolID: account.schoolID)
            switch try await evidence.accept(file, for: question, alreadySent: sentBytes, parent: account, at: clock.now) {
            case .success(let reference): draft.uploads[question.id, default: []].append(reference)
            case .failure(let error): uploadErrors.append(error)
            }
        }
        try save(draft, context)
        let children = Set(try await store.children(ofParent: account.id).map(\.id))
        let validator = FormValidator(form: form, draft: draft, today: clock.today, children: children)
        var errors = validator.errors(on: page)
        for error in uploadErrors where !errors.contains(where: { $0.field == error.field }) { errors.append(error) }
        let changing = context.form["change"] == "1"
        guard errors.isEmpty else {
            return try await renderPage(form, page, draft: draft, errors: errors, changing: changing, context: context, status: .unprocessableContent)
        }
        let visible = draft.visiblePages(of: form)
        if !changing, let index = visible.firstIndex(where: { $0.id == page.id }), index + 1 < visible.count {
            return .redirect(to: "/parent/forms/\(form.id)/\(visible[index + 1].id)")
        }
        // A change that opens a page not yet answered goes there before the check page.
        if let unanswered = visible.first(where: { !validator.errors(on: $0).isEmpty }) {
            return .redirect(to: "/parent/forms/\(form.id)/\(unanswered.id)")
        }
        return .redirect(to: "/parent/forms/\(form.id)/check")
    }

    func sentSize(_ draft: FormDraft, schoolID: Int64) async throws -> Int {
        var total = 0
        for reference in draft.uploads.values.flatMap({ $0 }) {
            total += try await store.upload(id: reference.id, schoolID: schoolID)?.size ?? 0
        }
        return total
    }

    // MARK: Check and send

    struct CheckContent {
        let formID: String
        let title: String
        let rows: [SummaryRow]
        let notes: [String]
        let hasNotes: Bool
        let siblings: Bool
    }

    /// What the check page and sending both work from: the draft, its checker, and the requests it makes.
    struct Sending {
        let account: Account
        let form: FormDefinition
        let draft: FormDraft
        let children: [Pupil]
        let validator: FormValidator
        let calendar: SchoolCalendar
        let submission: FormSubmission
    }

    func sending(_ context: PortalRequestContext) async throws -> Sending {
        let account = try context.requireAccount()
        let form = try form(context)
        let draft = draft(context, form)
        let children = try await store.children(ofParent: account.id)
        let calendar = try await store.calendar(schoolID: account.schoolID)
        var submission = FormSubmission(form: form, draft: draft, children: children)
        submission.endOfTerm = { date in calendar.term(containing: date)?.end ?? calendar.terms.first { $0.start > date }?.end }
        return Sending(account: account, form: form, draft: draft, children: children,
                       validator: FormValidator(form: form, draft: draft, today: clock.today, children: Set(children.map(\.id))),
                       calendar: calendar, submission: submission)
    }

    func check(_ context: PortalRequestContext) async throws -> Response {
        let sending = try await sending(context)
        let (account, form, draft, children, validator, calendar, submission) =
            (sending.account, sending.form, sending.draft, sending.children, sending.validator, sending.calendar, sending.submission)
        if let firstWithErrors = draft.visiblePages(of: form).first(where: { !validator.errors(on: $0).isEmpty }) {
            return .redirect(to: "/parent/forms/\(form.id)/\(firstWithErrors.id)")
        }
        var rows: [SummaryRow] = []
        for page in draft.visiblePages(of: form) {
            for question in draft.visibleQuestions(of: page) {
                let text = FormAnswerText(question: question, draft: draft, children: children).text
                rows.append(SummaryRow(key: question.label, value: text.isEmpty ? "Not given" : text,
                                       changeHref: "/parent/forms/\(form.id)/\(page.id)?change=1#\(question.kind == .date ? "\(question.id)-day" : question.id)",
                                       changeLabel: question.label.lowercased()))
            }
        }
        var notes: [String] = []
        if let application = submission.applications()?.first, let child = submission.chosenChildren.first {
            let count = calendar.count(from: application.start, to: application.end)
            if form.requestType != .lunchtime {
                rows.append(SummaryRow(key: "School time missed", value: ParentController.describe(count), changeHref: nil, changeLabel: ""))
            }
            let evaluation = try await evaluations.evaluate(application, pupil: child, requestID: nil, submittedOn: clock.today)
            notes = evaluation.findings.compactMap(\.parentMessage)
        }
        let content = CheckContent(formID: form.id, title: form.title, rows: rows, notes: notes, hasNotes: !notes.isEmpty,
                                   siblings: submission.chosenChildren.count > 1)
        return views.render("form-check", content,
                            layout: Layout(title: "Check your answers before sending your request", account: account, csrfToken: context.csrfToken))
    }

    func submit(_ context: PortalRequestContext) async throws -> Response {
        let sending = try await sending(context)
        let (account, form, children, validator, calendar, submission) =
            (sending.account, sending.form, sending.children, sending.validator, sending.calendar, sending.submission)
        if form.action == .stopLunchtime {
            guard validator.allErrors().isEmpty else { return .redirect(to: "/parent/forms/\(form.id)/check") }
            return try await stopLunchtime(form, submission: submission, context: context)
        }
        guard validator.allErrors().isEmpty, let applications = submission.applications() else {
            return .redirect(to: "/parent/forms/\(form.id)/check")
        }
        let counts = applications.map { $0.type == .lunchtime ? SessionCount.none : calendar.count(from: $0.start, to: $0.end) }
        let requests = try await store.submitGroup(applications, schoolID: account.schoolID, by: Actor(account), counts: counts, at: clock.now)
        try save(nil, context)
        for request in requests {
            if let child = children.first(where: { $0.id == request.application.pupilID }) {
                _ = try await evaluations.refresh(RequestWithPupil(request: request, pupil: child))
            }
        }
        return .redirect(to: "/parent/requests/\(requests[0].reference.text)/confirmation")
    }

    /// The parent ends a lunchtime permission: no decision is needed, the record says who and why.
    func stopLunchtime(_ form: FormDefinition, submission: FormSubmission, context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let detail = submission.answerRows().map { "\($0.question) \($0.answer)" }.joined(separator: "; ")
        var lines: [String] = []
        for child in submission.chosenChildren {
            let ended = try await store.stopLunchtimePermissions(pupilID: child.id, schoolID: account.schoolID, by: Actor(account),
                                                                  at: clock.now, detail: detail)
            lines.append(ended.isEmpty ? "\(child.fullName) had no lunchtime permission to stop."
                         : "\(child.fullName)'s lunchtime permission (\(ended.map(\.reference.text).joined(separator: ", "))) has stopped.")
        }
        try save(nil, context)
        struct Content { let lines: [String]; let whatHappensNext: [GuidanceBlock] }
        return views.render("form-done", Content(lines: lines, whatHappensNext: form.whatHappensNext),
                            layout: Layout(title: "Lunchtime permission stopped", account: account, csrfToken: context.csrfToken))
    }

    // MARK: Evidence files

    func file(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let id = context.parameters.get("id"), let upload = try await store.upload(id: id, schoolID: account.schoolID),
              account.role != .parent || upload.parentID == account.id,
              let data = evidence.data(of: upload.id)
        else { throw HTTPError(.notFound) }
        let safeName = upload.fileName.filter { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_ ".contains($0)) }
        return Response(status: .ok, headers: [
            .contentType: upload.contentType,
            .contentDisposition: "attachment; filename=\"\(safeName.isEmpty ? "evidence" : safeName)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
