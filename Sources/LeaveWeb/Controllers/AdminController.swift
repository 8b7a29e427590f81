import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// The administrator's pages: the school's letterhead and calendar, and its policy settings
/// (a preset from the bundled policies plus the school's own overrides).
struct AdminController {
    let views: Views
    let services: PortalServices

    var store: any PortalStore { services.store }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let admin = router.group().add(middleware: RoleMiddleware(.admin))
        admin.get(Paths.Admin.settings.routerPath) { _, context in try await settings(context) }
        admin.get(Paths.Admin.policy.routerPath) { _, context in
            let account = try context.requireAccount()
            return try await policyPage(context, settings: try await store.policy(schoolID: account.schoolID), typed: [:], errors: [],
                                        saved: false, status: .ok)
        }
        admin.post(Paths.Admin.policy.routerPath) { _, context in try await savePolicy(context) }
        admin.get(Paths.Admin.audit.routerPath) { request, context in try await audit(request, context) }
        admin.post(Paths.Admin.crest.routerPath) { _, context in try await uploadCrest(context) }
        admin.get(Paths.Admin.crestImage.routerPath) { _, context in try await crestImage(context) }
        admin.post(Paths.Admin.crestRemove.routerPath) { _, context -> Response in
            try await services.settings.removeCrest(by: try context.requireAccount())
            return .redirect(to: Paths.Admin.settings())
        }
    }

    struct SchoolView: MustacheParent {
        let name: String
        let addressLines: [String]
        let telephone: String
        let email: String
        let headteacherName: String

        init(_ school: School) {
            name = school.name
            addressLines = school.addressLines
            telephone = school.telephone
            email = school.email
            headteacherName = school.headteacherName
        }

        func child(named key: String) -> Any? {
            switch key {
            case "name": self.name
            case "addressLines": self.addressLines
            case "telephone": self.telephone
            case "email": self.email
            case "headteacherName": self.headteacherName
            default: nil
            }
        }
    }

    struct TermRow: MustacheParent {
        let name: String
        let start: String
        let end: String

        func child(named key: String) -> Any? {
            switch key {
            case "name": self.name
            case "start": self.start
            case "end": self.end
            default: nil
            }
        }
    }

    struct ClosureRow: MustacheParent {
        let date: String
        let name: String

        func child(named key: String) -> Any? {
            switch key {
            case "date": self.date
            case "name": self.name
            default: nil
            }
        }
    }

    struct SettingsContent: MustacheParent {
        let school: SchoolView
        let preset: String
        let terms: [TermRow]
        let closures: [ClosureRow]
        let assessments: [TermRow]
        let hasCrest: Bool
        let crestError: String?

        func child(named key: String) -> Any? {
            switch key {
            case "hasCrest": self.hasCrest
            case "crestHref": Paths.Admin.crestImage()
            case "crestAction": Paths.Admin.crest()
            case "crestRemoveAction": Paths.Admin.crestRemove()
            case "crestError": orAbsent(self.crestError)
            case "errors": ErrorSummary(crestError.map { [FieldError(field: "crest", message: $0)] } ?? [])
            case "school": self.school
            case "preset": self.preset
            case "terms": self.terms
            case "closures": self.closures
            case "assessments": self.assessments
            default: nil
            }
        }
    }

    func settings(_ context: PortalRequestContext, crestError: String? = nil) async throws -> Response {
        let account = try context.requireAccount()
        guard let school = try await store.school(id: account.schoolID) else { throw HTTPError(.notFound) }
        let calendar = try await store.calendar(schoolID: account.schoolID)
        let policy = try await store.policy(schoolID: account.schoolID)
        let content = SettingsContent(
            school: SchoolView(school), preset: PolicyForm.presetTitle(policy.preset),
            terms: calendar.terms.map { TermRow(name: $0.name, start: $0.start.longForm, end: $0.end.longForm) },
            closures: calendar.closures.map { ClosureRow(date: $0.date.longForm, name: $0.name) },
            assessments: calendar.assessments.map {
                TermRow(name: "\($0.name) (\($0.yearGroups.map { YearGroup($0)?.name ?? "" }.joined(separator: ", ")))",
                        start: $0.start.longForm, end: $0.end.longForm)
            }, hasCrest: try await store.crest(schoolID: account.schoolID) != nil, crestError: crestError)
        return views.render(.admin, content, layout: Layout(title: "School settings", account: account, csrfToken: context.csrfToken,
                                                            hasErrors: crestError != nil),
                            status: crestError == nil ? .ok : .unprocessableContent)
    }

    /// The crest uploaded: checked by its content, then drawn on every letter written from now on.
    func uploadCrest(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let png = context.form.files["crest"].map { [UInt8]($0.data) } ?? []
        let problems = try await services.settings.setCrest(png, by: account)
        if let problem = problems.first { return try await settings(context, crestError: problem.message) }
        return .redirect(to: Paths.Admin.settings())
    }

    func crestImage(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let png = try await store.crest(schoolID: account.schoolID) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, no-store",
                                               .contentDisposition: "inline; filename=\"crest.png\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    /// One setting on the policy form: its label, what it means, and its value as the school
    /// would write it (a box, yes or no, or the categories ticked).
    struct SettingField: MustacheParent {
        let name: String
        let label: String
        let hint: String
        let value: String
        let error: String?
        let kind: PolicyForm.FieldKind
        let choices: [Choice]

        init(_ name: PolicySettingName, value: String, chosen: Set<String>, error: String?) {
            self.name = name.rawValue
            (label, hint) = PolicyForm.label(name)
            self.value = value
            self.error = error
            kind = PolicyForm.kind(name)
            choices = switch kind {
            case .yesNo: [Choice(value: "yes", label: "Yes", hint: nil, checked: chosen.contains("yes")),
                          Choice(value: "no", label: "No", hint: nil, checked: chosen.contains("no"))]
            case .categories: LeaveCategory.allCases.map {
                Choice(value: $0.rawValue, label: PolicyForm.categoryLabel($0), hint: nil, checked: chosen.contains($0.rawValue))
            }
            case .text, .percentage: []
            }
        }

        func child(named key: String) -> Any? {
            switch key {
            case "name": self.name
            case "label": self.label
            case "hint": self.hint
            case "value": self.value
            case "error": orAbsent(self.error)
            case "isBox": kind == .text || kind == .percentage
            case "isPercentage": kind == .percentage
            case "isYesNo": kind == .yesNo
            case "isCategories": kind == .categories
            case "choices": ChoiceField(self.name, self.choices, self.error.map { [FieldError(field: self.name, message: $0)] } ?? [])
            default: nil
            }
        }
    }

    struct PolicyContent: MustacheParent {
        let errors: ErrorSummary
        let preset: ChoiceField
        let fields: [SettingField]
        let saved: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "errors": self.errors
            case "preset": self.preset
            case "fields": self.fields
            case "saved": self.saved
            default: nil
            }
        }
    }

    func policyPage(_ context: PortalRequestContext, settings: PolicySettings, typed: [PolicySettingName: String], errors: [FieldError],
                    saved: Bool, status: HTTPResponse.Status) async throws -> Response {
        let account = try context.requireAccount()
        let preset = ChoiceField("preset", PolicySettings.presetNames.map {
            Choice(value: $0, label: PolicyForm.presetTitle($0), hint: nil, checked: settings.preset == $0)
        }, errors)
        let fields = PolicySettings.settingNames.map { name in
            let value = typed[name] ?? PolicyForm.shown(name, settings.value(of: name))
            return SettingField(name, value: value, chosen: Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }),
                                error: errors.first { $0.field == name.rawValue }?.message)
        }
        let layout = Layout(title: "Policy settings", account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.adminPolicy, PolicyContent(errors: ErrorSummary(errors), preset: preset, fields: fields, saved: saved),
                            layout: layout, status: status)
    }

    func savePolicy(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let current = try await store.policy(schoolID: account.schoolID)
        let form = context.form
        // Ticked categories arrive one value each; the form reads them as one list.
        let typedValue: (PolicySettingName) -> String = { name in
            PolicyForm.kind(name) == .categories ? form.all(name.rawValue).joined(separator: ", ") : form[name.rawValue]
        }
        // Another bundled policy replaces every setting: say what will change, and ask first.
        if form["preset"] != current.preset, form["confirmPreset"] != "yes", let next = PolicySettings.preset(form["preset"]) {
            return try await presetSwitch(context, from: current, to: next)
        }
        switch PolicyForm.read(preset: form["preset"], typed: typedValue, current: current) {
        case .invalid(let errors):
            // A preset that is not offered shows the settings as they are; otherwise what was typed stays.
            let typed = errors.contains { $0.field == "preset" } ? [:]
                : Dictionary(uniqueKeysWithValues: PolicySettings.settingNames.map { ($0, typedValue($0)) })
            return try await policyPage(context, settings: current, typed: typed, errors: errors, saved: false, status: .unprocessableContent)
        case .valid(let settings):
            try await services.settings.savePolicy(settings, by: account)
            return try await policyPage(context, settings: settings, typed: [:], errors: [], saved: true, status: .ok)
        }
    }

    struct AuditContent: MustacheParent {
        let action: String
        let choices: [Choice]
        let reference: TextField
        let who: TextField
        let from: TextField
        let to: TextField
        let errors: ErrorSummary
        let rows: [AuditRow]
        let total: Int
        let filtered: Bool
        let pagination: Pagination

        func child(named key: String) -> Any? {
            switch key {
            case "action": action
            case "choices": choices
            case "reference": reference
            case "who": who
            case "from": from
            case "to": to
            case "errors": errors
            case "rows": rows
            case "isEmpty": rows.isEmpty
            case "total": total
            case "one": total == 1
            case "filtered": filtered
            case "pagination": pagination
            default: nil
            }
        }
    }

    /// The school-wide record for an inspection or a complaint: fifty lines a page, one kind of action or all.
    func audit(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let asked = AuditFilterForm(request.uri.queryParameters, clock: services.clock)
        let action = asked.filter.action
        let (page, pagination) = try await Pagination.load(page: Pagination.requested(request.uri.queryParameters.get("page")),
                                                           href: asked.href(page:)) { offset, limit in
            let found = try await store.auditEvents(schoolID: account.schoolID, filter: asked.filter, offset: offset, limit: limit)
            return (found.events, found.total)
        }
        let rows = page.map { line in
            var row = AuditRow(line.event, clock: services.clock)
            row.reference = line.reference
            return row
        }
        let choices = [Choice(value: "", label: "Everything", hint: nil, checked: action == nil)]
            + AuditEvent.Action.allCases.map { Choice(value: $0.rawValue, label: AuditRow.title(of: $0), hint: nil, checked: action == $0) }
        return views.render(.adminAudit, AuditContent(action: Paths.Admin.audit(), choices: choices,
                                                      reference: TextField("ref", asked.typed["ref"] ?? "", asked.errors),
                                                      who: TextField("who", asked.typed["who"] ?? "", asked.errors),
                                                      from: TextField("from", asked.typed["from"] ?? "", asked.errors),
                                                      to: TextField("to", asked.typed["to"] ?? "", asked.errors),
                                                      errors: ErrorSummary(asked.errors), rows: rows, total: pagination.total,
                                                      filtered: asked.isActive, pagination: pagination),
                            layout: Layout(title: "Record of requests", account: account, csrfToken: context.csrfToken,
                                           hasErrors: !asked.errors.isEmpty))
    }
}
