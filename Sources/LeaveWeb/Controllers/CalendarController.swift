import Foundation
import Hummingbird
import LeaveCore
import LeaveImport
import LeaveServices
import LeaveStore
import Mustache

/// The admin keeps the school's statutory assessment weeks and its days set apart for
/// religious observance up to date; the rules read them (LOA-ASSESSMENT, REL-NOT-SET-APART).
struct CalendarController {
    let views: Views
    let services: PortalServices

    var store: any PortalStore { services.store }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let admin = router.group().add(middleware: RoleMiddleware(.admin))
        admin.get(Paths.Admin.calendar.routerPath) { _, context in try await page(context, typed: FormFields(), errors: [], status: .ok) }
        admin.post(Paths.Admin.assessments.routerPath) { _, context in try await addAssessment(context) }
        admin.post(Paths.Admin.calendarImport.routerPath) { _, context in try await previewCalendar(context) }
        admin.post(Paths.Admin.calendarSave.routerPath) { _, context in try await saveCalendar(context) }
        admin.post(Paths.Admin.terms.routerPath) { _, context in try await addTerm(context) }
        admin.post(Paths.Admin.closures.routerPath) { _, context in try await addClosure(context) }
        admin.post(Paths.Admin.religiousDays.routerPath) { _, context in try await addReligiousDay(context) }
        let settings = services.settings
        remove(Paths.Admin.removeTerm, on: admin) { try await settings.removeTerm(id: $0, by: $1) }
        remove(Paths.Admin.removeClosure, on: admin) { try await settings.removeClosure(id: $0, by: $1) }
        remove(Paths.Admin.removeAssessment, on: admin) { try await settings.removeAssessment(id: $0, by: $1) }
        remove(Paths.Admin.removeReligiousDay, on: admin) { try await settings.removeReligiousDay(id: $0, by: $1) }
    }

    /// A "Remove" button's route: the row's id from the path, then back to the calendar page.
    func remove(_ path: PathPattern, on group: RouterGroup<PortalRequestContext>,
                _ action: @escaping @Sendable (Int64, Account) async throws -> Void) {
        group.post(path.routerPath) { _, context in
            let account = try context.requireAccount()
            guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
            try await action(id, account)
            return Response.redirect(to: Paths.Admin.calendar())
        }
    }

    struct Row: MustacheParent {
        let name: String
        let detail: String
        let dates: String
        let removeAction: String

        func child(named key: String) -> Any? {
            switch key {
            case "name": self.name
            case "detail": self.detail
            case "dates": self.dates
            case "removeAction": self.removeAction
            default: nil
            }
        }
    }

    struct Content: MustacheParent {
        let errors: ErrorSummary
        let assessments: [Row]
        let religiousDays: [Row]
        let name: TextField
        let yearGroups: TextField
        let start: DateField
        let end: DateField
        let religion: TextField
        let dayName: TextField
        let date: DateField
        let termSummary: String
        let terms: [Row]
        let closures: [Row]
        let termName: TextField
        let termStart: DateField
        let termEnd: DateField
        let closureName: TextField
        let closureKind: ChoiceField
        let closureDate: DateField
        let calendarReport: String?
        let calendarProblems: [String]
        let hasCalendarProblems: Bool
        let calendarFile: TextField
        let previewing: Bool
        let previewLines: [String]
        let hasPreviewLines: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "errors": self.errors
            case "assessments": self.assessments
            case "religiousDays": self.religiousDays
            case "name": self.name
            case "yearGroups": self.yearGroups
            case "start": self.start
            case "end": self.end
            case "religion": self.religion
            case "dayName": self.dayName
            case "date": self.date
            case "termSummary": self.termSummary
            case "terms": self.terms
            case "closures": self.closures
            case "termName": self.termName
            case "termStart": self.termStart
            case "termEnd": self.termEnd
            case "closureName": self.closureName
            case "closureKind": self.closureKind
            case "closureDate": self.closureDate
            case "calendarReport": orAbsent(self.calendarReport)
            case "calendarProblems": self.calendarProblems
            case "hasCalendarProblems": self.hasCalendarProblems
            case "calendarFile": self.calendarFile
            case "previewing": self.previewing
            case "previewLines": self.previewLines
            case "hasPreviewLines": self.hasPreviewLines
            default: nil
            }
        }
    }

    func page(_ context: PortalRequestContext, typed: FormFields, errors: [FieldError], status: HTTPResponse.Status,
              report: CalendarImports.Report? = nil, preview: CalendarImports.Preview? = nil) async throws -> Response {
        let account = try context.requireAccount()
        let calendar = try await store.calendar(schoolID: account.schoolID)
        let termSummary = calendar.terms.isEmpty ? "No terms yet: until they are entered, no day counts as a school day."
            : "\(calendar.terms.count) terms, from \(calendar.terms[0].start.longForm) to \(calendar.terms[calendar.terms.count - 1].end.longForm), and \(calendar.closures.count) closures."
        let assessments = try await store.assessments(schoolID: account.schoolID).map {
            Row(name: $0.period.name, detail: $0.period.yearGroups.compactMap { YearGroup($0)?.name }.joined(separator: ", "),
                dates: "\($0.period.start.longForm) to \($0.period.end.longForm)", removeAction: Paths.Admin.removeAssessment($0.id))
        }
        let days = try await store.religiousDays(schoolID: account.schoolID).map {
            Row(name: $0.day.name, detail: $0.day.religion, dates: $0.day.date.longForm, removeAction: Paths.Admin.removeReligiousDay($0.id))
        }
        func date(_ id: String, _ legend: String) -> DateField {
            DateField(id, legend: legend, hint: "For example, 12 5 2027",
                      DateAnswer(day: typed["\(id)-day"], month: typed["\(id)-month"], year: typed["\(id)-year"]), errors)
        }
        let content = Content(
            errors: ErrorSummary(errors), assessments: assessments, religiousDays: days,
            name: TextField("name", typed["name"], errors), yearGroups: TextField("yearGroups", typed["yearGroups"], errors),
            start: date("start", "First day"), end: date("end", "Last day"),
            religion: TextField("religion", typed["religion"], errors), dayName: TextField("dayName", typed["dayName"], errors),
            date: date("date", "Date"), termSummary: termSummary,
            terms: try await store.terms(schoolID: account.schoolID).map {
                Row(name: $0.term.name, detail: "", dates: "\($0.term.start.longForm) to \($0.term.end.longForm)", removeAction: Paths.Admin.removeTerm(String($0.id)))
            },
            closures: try await store.closures(schoolID: account.schoolID).map {
                Row(name: $0.closure.name, detail: $0.closure.kind.rawValue, dates: $0.closure.date.longForm, removeAction: Paths.Admin.removeClosure(String($0.id)))
            },
            termName: TextField("termName", typed["termName"], errors), termStart: date("termStart", "First day of the term"),
            termEnd: date("termEnd", "Last day of the term"), closureName: TextField("closureName", typed["closureName"], errors),
            closureKind: ChoiceField("closureKind", [
                Choice(value: Closure.Kind.inset.rawValue, label: "INSET (training) day", hint: nil, checked: typed["closureKind"] == Closure.Kind.inset.rawValue),
                Choice(value: Closure.Kind.bankHoliday.rawValue, label: "Bank holiday", hint: nil, checked: typed["closureKind"] == Closure.Kind.bankHoliday.rawValue),
                Choice(value: Closure.Kind.other.rawValue, label: "Another closure (weather, a polling station, an emergency)", hint: nil,
                       checked: typed["closureKind"] == Closure.Kind.other.rawValue),
            ], errors),
            closureDate: date("closureDate", "Date"), calendarReport: report?.summary,
            calendarProblems: (report?.problems ?? preview?.batch.problems ?? []).map { "\($0.location): \($0.message)" },
            hasCalendarProblems: !(report?.problems.isEmpty ?? preview?.batch.problems.isEmpty ?? true),
            calendarFile: TextField("calendarFile", "", errors),
            previewing: preview != nil, previewLines: preview?.plan.lines ?? [], hasPreviewLines: !(preview?.plan.lines.isEmpty ?? true))
        let layout = Layout(title: "Term dates, assessments and religious days", account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.adminCalendar, content, layout: layout, status: status)
    }

    func date(_ form: FormFields, _ id: String, _ subject: String, into errors: inout [FieldError]) -> SchoolDate? {
        switch DateAnswer(day: form["\(id)-day"], month: form["\(id)-month"], year: form["\(id)-year"]).parse() {
        case .success(let date): return date
        case .failure(.missing): errors.append(FieldError(field: id, anchor: "\(id)-day", message: "Enter the \(subject)"))
        case .failure(.incomplete(let parts)):
            errors.append(FieldError(field: id, anchor: "\(id)-\(parts[0].rawValue)", message: "The \(subject) must include a \(parts.map(\.rawValue).joined(separator: " and "))"))
        case .failure(.notReal(let part)):
            errors.append(FieldError(field: id, anchor: "\(id)-\(part.rawValue)", message: "The \(subject) must be a real date"))
        }
        return nil
    }

    func addAssessment(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = context.form
        var errors: [FieldError] = []
        let name = form["name"].trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.append(FieldError(field: "name", message: "Enter the name of the assessment")) }
        let years = form["yearGroups"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = years.compactMap { Int($0) }.filter { (0...13).contains($0) }
        if years.isEmpty || numbers.count != years.count {
            errors.append(FieldError(field: "yearGroups", message: "Enter the year groups as numbers from 0 (Reception) to 13, separated by commas"))
        }
        let start = date(form, "start", "first day", into: &errors)
        let end = date(form, "end", "last day", into: &errors)
        if let start, let end, end < start {
            errors.append(FieldError(field: "end", anchor: "end-day", message: "The last day must be the same as or after the first day"))
        }
        guard errors.isEmpty, let start, let end else { return try await page(context, typed: form, errors: errors, status: .unprocessableContent) }
        try await services.settings.addAssessment(AssessmentPeriod(name: name, yearGroups: numbers, start: start, end: end), by: account)
        return .redirect(to: Paths.Admin.calendar())
    }

    func addTerm(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = context.form
        var errors: [FieldError] = []
        let start = date(form, "termStart", "first day of the term", into: &errors)
        let end = date(form, "termEnd", "last day of the term", into: &errors)
        if let start, let end {
            errors += try await services.settings.addTerm(name: form["termName"], start: start, end: end, by: account)
        } else if form["termName"].trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "termName", message: "Enter the term's name, like Autumn term 1 (120 characters or fewer)"))
        }
        guard errors.isEmpty else { return try await page(context, typed: form, errors: errors, status: .unprocessableContent) }
        return .redirect(to: Paths.Admin.calendar())
    }

    func addClosure(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = context.form
        var errors: [FieldError] = []
        let day = date(form, "closureDate", "date", into: &errors)
        let kind = Closure.Kind(rawValue: form["closureKind"])
        if kind == nil { errors.append(FieldError(field: "closureKind", message: "Select the kind of closure")) }
        if let day, let kind {
            errors += try await services.settings.addClosure(name: form["closureName"], date: day, kind: kind, by: account)
        }
        guard errors.isEmpty else { return try await page(context, typed: form, errors: errors, status: .unprocessableContent) }
        return .redirect(to: Paths.Admin.calendar())
    }

    /// The file is read and checked, and what it would change is shown; nothing is saved yet.
    func previewCalendar(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let file = context.form.files["calendarFile"], !file.data.isEmpty else {
            return try await page(context, typed: FormFields(), errors: [FieldError(field: "calendarFile", message: "Select the term dates file")],
                                  status: .unprocessableContent)
        }
        do {
            let preview = try await services.calendarImports.preview(file.data, fileName: file.fileName, schoolID: account.schoolID)
            var session = context.sessions.session ?? PortalSession(accountID: account.id)
            session.pendingCalendar = preview.batch
            _ = context.sessions.updateSession(session)
            return try await page(context, typed: FormFields(), errors: [], status: .ok, preview: preview)
        } catch let refusal as ImportRefusal {
            return try await page(context, typed: FormFields(),
                                  errors: [FieldError(field: "calendarFile", message: "The file was refused and nothing was imported: \(refusal)")],
                                  status: .unprocessableContent)
        }
    }

    /// The dates checked a moment ago, saved (against the calendar as it is now).
    func saveCalendar(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard var session = context.sessions.session, let batch = session.pendingCalendar else {
            return try await page(context, typed: FormFields(),
                                  errors: [FieldError(field: "calendarFile", message: "Choose the term dates file again: the one checked earlier is no longer held")],
                                  status: .unprocessableContent)
        }
        let report = try await services.calendarImports.save(batch, schoolID: account.schoolID, by: Actor(account))
        session.pendingCalendar = nil
        _ = context.sessions.updateSession(session)
        return try await page(context, typed: FormFields(), errors: [], status: .ok, report: report)
    }

    func addReligiousDay(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let form = context.form
        var errors: [FieldError] = []
        let religion = form["religion"].trimmingCharacters(in: .whitespaces)
        let name = form["dayName"].trimmingCharacters(in: .whitespaces)
        if religion.isEmpty { errors.append(FieldError(field: "religion", message: "Enter the religion")) }
        if name.isEmpty { errors.append(FieldError(field: "dayName", message: "Enter the name of the day")) }
        let day = date(form, "date", "date", into: &errors)
        guard errors.isEmpty, let day else { return try await page(context, typed: form, errors: errors, status: .unprocessableContent) }
        try await services.settings.addReligiousDay(ReligiousDay(religion: religion, name: name, date: day), by: account)
        return .redirect(to: Paths.Admin.calendar())
    }
}
