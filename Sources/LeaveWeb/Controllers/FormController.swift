import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// Every request form of forms/, page by page: questions with a back link and "Continue",
/// "Check your answers" with change links, then one request per chosen child. The answers
/// are checked and sent by `FormSending`; this maps pages and the session's draft to it.
struct FormController {
    let views: Views
    let services: PortalServices

    var store: any PortalStore { services.store }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let parent = router.group().add(middleware: RoleMiddleware(.parent))
        parent.get(Paths.Forms.list.routerPath) { _, context in try await list(context) }
        parent.get(Paths.Forms.start.routerPath) { _, context in try await start(context) }
        parent.get(Paths.Forms.check.routerPath) { _, context in try await check(context) }
        parent.post(Paths.Forms.submit.routerPath) { _, context in try await submit(context) }
        parent.get(Paths.Forms.page.routerPath) { request, context in try await showPage(request, context) }
        parent.post(Paths.Forms.page.routerPath) { _, context in try await answerPage(context) }
        let files = router.group().add(middleware: RoleMiddleware(.parent, .headteacher, .deputy, .office, .admin))
        files.get(Paths.file.routerPath) { _, context in try await file(context) }
    }

    // MARK: Finding things

    func form(_ context: PortalRequestContext) throws -> FormDefinition {
        guard let id = context.parameters.get("form"), let form = services.forms[id] else { throw HTTPError(.notFound) }
        return form
    }

    /// The draft of this form, or a new one when the session holds another form's.
    func draft(_ context: PortalRequestContext, _ form: FormDefinition) -> FormDraft {
        if let draft = context.sessions.session?.formDraft, draft.formID == form.id { return draft }
        return FormDraft(formID: form.id)
    }

    func save(_ draft: FormDraft?, sent: PortalSession.SentForm? = nil, _ context: PortalRequestContext) throws {
        let account = try context.requireAccount()
        var session = context.sessions.session ?? PortalSession(accountID: account.id)
        session.formDraft = draft
        if let sent { session.lastSent = sent }
        _ = context.sessions.updateSession(session)
    }

    /// The draft a page starts from: with a start link (`start=NONCE`), the draft begun from that
    /// link if the session has it (the parent came Back), otherwise a new one.
    func draft(_ context: PortalRequestContext, _ form: FormDefinition, start nonce: String?) -> FormDraft {
        let current = draft(context, form)
        guard let nonce, RandomToken.isWellFormed(nonce) else { return current }
        return current.startedWith == nonce ? current : FormDraft(formID: form.id, startedWith: nonce)
    }

    // MARK: Pages

    struct FormLink: MustacheParent {
        let title: String
        let summary: String
        let href: String

        func child(named key: String) -> Any? {
            switch key {
            case "title": self.title
            case "summary": self.summary
            case "href": self.href
            default: nil
            }
        }
    }

    struct ListContent: MustacheParent {
        let forms: [FormLink]

        func child(named key: String) -> Any? {
            switch key {
            case "forms": self.forms
            default: nil
            }
        }
    }

    func list(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let items = services.formsInOrder.map { FormLink(title: $0.title, summary: $0.summary, href: Paths.Forms.start($0.id)) }
        return views.render(.forms, ListContent(forms: items),
                            layout: Layout(title: "What would you like to ask for?", account: account, csrfToken: context.csrfToken))
    }

    /// Starting a form shows its first page empty; the answers of a form begun before are
    /// replaced when that page is sent, so opening a page never writes.
    func start(_ context: PortalRequestContext) async throws -> Response {
        let form = try form(context)
        return .redirect(to: Paths.Forms.page(form.id, form.pages[0].id) + "?" + Self.startQuery + "=" + RandomToken.make())
    }

    static let startQuery = "start"

    struct PageContent: MustacheParent {
        let formTitle: String
        let title: String
        let guidance: [GuidanceBlock]
        let formGuidance: [GuidanceBlock]
        let errors: ErrorSummary
        let questions: [QuestionView]
        let multipart: Bool
        let backHref: String
        let action: String
        let changing: Bool
        /// The start link's nonce on the first page of a fresh start: sending it begins the draft.
        let starting: String?

        func child(named key: String) -> Any? {
            switch key {
            case "formTitle": self.formTitle
            case "title": self.title
            case "guidance": self.guidance
            case "formGuidance": self.formGuidance
            case "errors": self.errors
            case "questions": self.questions
            case "multipart": self.multipart
            case "backHref": self.backHref
            case "action": self.action
            case "changing": self.changing
            case "starting": self.starting
            case "questionIsHeading": self.questions.contains { $0.heading == .isPageHeading }
            default: nil
            }
        }
    }

    func renderPage(_ form: FormDefinition, _ page: FormPage, draft: FormDraft, errors: [FieldError], changing: Bool,
                    starting: String? = nil, context: PortalRequestContext, status: HTTPResponse.Status) async throws -> Response {
        let account = try context.requireAccount()
        let children = try await services.sending.offeredChildren(form, parent: account, children: context.children)
        if form.action == .stopLunchtime, children.isEmpty {
            return views.render(.notice, PasswordController.NoticeContent(
                heading: "There is no lunchtime permission to stop",
                paragraphs: ["None of your children has permission to leave school at lunchtime, or a request for it waiting for a decision."],
                link: PasswordController.LinkView(href: Paths.Parent.home(), text: "Back to your requests"), signOutEverywhere: nil),
                layout: Layout(title: "There is no lunchtime permission to stop", account: account, csrfToken: context.csrfToken))
        }
        let visible = draft.visiblePages(of: form)
        let index = visible.firstIndex { $0.id == page.id } ?? 0
        let back = changing ? Paths.Forms.check(form.id) : index == 0 ? Paths.Forms.list() : Paths.Forms.page(form.id, visible[index - 1].id)
        let questions = draft.visibleQuestions(of: page)
        let formGuidance = index == 0 && !changing ? form.guidance : []
        var shown = questions.map { QuestionView($0, draft: draft, errors: errors, children: children) }
        // A parent with one child (or one with something to stop) has them ticked already.
        for index in shown.indices where shown[index].asksForChildren && shown[index].choices.count == 1 && errors.isEmpty {
            shown[index].choices[0].checked = true
        }
        // One question that asks what the heading says: it is the heading, unless guidance sits between.
        if shown.count == 1, shown[0].label.trimmingCharacters(in: .whitespaces) == page.title.trimmingCharacters(in: .whitespaces),
           shown[0].isRadios || shown[0].isCheckboxes {
            shown[0].heading = page.guidance.isEmpty && formGuidance.isEmpty ? .isPageHeading : .hiddenUnderHeading
        }
        let content = PageContent(
            formTitle: form.title, title: page.title, guidance: page.guidance,
            formGuidance: formGuidance, errors: ErrorSummary(errors),
            questions: shown,
            multipart: questions.contains { $0.kind == .file }, backHref: back, action: Paths.Forms.page(form.id, page.id),
            changing: changing, starting: starting)
        let layout = Layout(title: page.title, account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.formPage, content, layout: layout, status: status)
    }

    func showPage(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let form = try form(context)
        guard let pageID = context.parameters.get("page"), let page = form.page(pageID) else { throw HTTPError(.notFound) }
        let starting = request.uri.queryParameters.get(Self.startQuery).map { String($0) }
        let draft = draft(context, form, start: starting)
        guard draft.shows(page.showIf) else { return .redirect(to: Paths.Forms.check(form.id)) }
        return try await renderPage(form, page, draft: draft, errors: [], changing: request.uri.queryParameters.get("change") != nil,
                                    starting: starting, context: context, status: .ok)
    }

    func answerPage(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = try form(context)
        guard let pageID = context.parameters.get("page"), let page = form.page(pageID) else { throw HTTPError(.notFound) }
        let fields = context.form
        let changing = fields["change"] == "1"
        let starting = fields[Self.startQuery]
        let outcome = try await services.sending.answer(
            page, of: form, draft: draft(context, form, start: starting.isEmpty ? nil : starting), answers: { fields.all($0) }, files: fields.files,
            removeFile: fields["removeFile"], changing: changing, parent: account, children: context.children)
        switch outcome {
        case .showAgain(let draft, let errors):
            try save(draft, context)
            return try await renderPage(form, page, draft: draft, errors: errors, changing: changing, context: context,
                                        status: errors.isEmpty ? .ok : .unprocessableContent)
        case .goTo(let draft, let next):
            try save(draft, context)
            return .redirect(to: Paths.Forms.page(form.id, next))
        case .check(let draft):
            try save(draft, context)
            return .redirect(to: Paths.Forms.check(form.id))
        }
    }

    // MARK: Check and send

    struct CheckContent: MustacheParent {
        let title: String
        let rows: [SummaryRow]
        let notes: [String]
        let hasNotes: Bool
        let siblings: Bool
        let action: String
        /// The last page the parent answered: where "Back" goes from here.
        let backHref: String?

        func child(named key: String) -> Any? {
            switch key {
            case "backHref": orAbsent(self.backHref)
            case "title": self.title
            case "rows": self.rows
            case "notes": self.notes
            case "hasNotes": self.hasNotes
            case "siblings": self.siblings
            case "action": self.action
            default: nil
            }
        }
    }

    func check(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = try form(context)
        let answered = draft(context, form)
        switch try await services.sending.check(form, draft: answered, parent: account, children: context.children) {
        case .incomplete(let pageID):
            return .redirect(to: Paths.Forms.page(form.id, pageID))
        case .ready(let summary):
            var rows = summary.answers.map {
                SummaryRow(key: $0.question, value: $0.answer,
                           changeHref: Paths.Forms.change(form: form.id, page: $0.pageID, anchor: $0.anchor),
                           changeLabel: $0.question.lowercased())
            }
            if let missed = summary.timeMissed {
                rows.append(SummaryRow(key: "School time missed", value: ParentController.describe(missed), changeHref: nil, changeLabel: ""))
            }
            let content = CheckContent(title: form.title, rows: rows, notes: summary.notes, hasNotes: !summary.notes.isEmpty,
                                       siblings: summary.forSiblings, action: Paths.Forms.submit(form.id),
                                       backHref: answered.visiblePages(of: form).last.map { Paths.Forms.page(form.id, $0.id) })
            return views.render(.formCheck, content,
                                layout: Layout(title: "Check your answers before sending your request", account: account, csrfToken: context.csrfToken))
        }
    }

    struct DoneContent: MustacheParent {
        let lines: [String]
        let whatHappensNext: [GuidanceBlock]

        func child(named key: String) -> Any? {
            switch key {
            case "lines": self.lines
            case "whatHappensNext": self.whatHappensNext
            default: nil
            }
        }
    }

    func submit(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = try form(context)
        switch try await services.sending.send(form, draft: draft(context, form), parent: account, children: context.children) {
        case .incomplete:
            // Sent already from this session: the same confirmation again, never an empty form.
            if let last = context.sessions.session?.lastSent, last.formID == form.id, context.sessions.session?.formDraft == nil,
               let reference = ReferenceNumber(last.reference) {
                return .redirect(to: Paths.Parent.confirmation(reference))
            }
            return .redirect(to: Paths.Forms.check(form.id))
        case .sent(let requests):
            try save(nil, sent: .init(formID: form.id, reference: requests[0].reference.text), context)
            return .redirect(to: Paths.Parent.confirmation(requests[0].reference))
        case .stopped(let lines):
            try save(nil, context)
            return views.render(.formDone, DoneContent(lines: lines, whatHappensNext: form.whatHappensNext),
                                layout: Layout(title: "Lunchtime permission stopped", account: account, csrfToken: context.csrfToken))
        }
    }

    // MARK: Evidence files

    func file(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        // A parent's own files, whichever school of the trust they went to; staff, their school's.
        guard let id = context.parameters.get("id"),
              let upload = account.role == .parent ? try await store.upload(id: id, parentID: account.id)
                                                   : try await store.upload(id: id, schoolID: account.schoolID),
              let data = services.evidence.data(of: upload.id)
        else { throw HTTPError(.notFound) }
        let safeName = upload.fileName.filter { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_ ".contains($0)) }
        // A PDF or an image, as its content was found to be when it was sent, opens in the browser
        // (issue 15), under the portal's policy that no script runs; anything else downloads.
        let inline = ["application/pdf", "image/png", "image/jpeg"].contains(upload.contentType)
        return Response(status: .ok, headers: [
            .contentType: upload.contentType,
            .cacheControl: "private, no-store",
            .contentDisposition: "\(inline ? "inline" : "attachment"); filename=\"\(safeName.isEmpty ? "evidence" : safeName)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
