import Foundation
import Hummingbird
import LeaveCore
import LeaveStore

/// The administrator's pages: the school's letterhead and calendar, and its policy settings
/// (a preset from the bundled policies plus the school's own overrides).
struct AdminController {
    let views: Views
    let store: any PortalStore
    let clock: SchoolClock

    func addRoutes(to router: Router<PortalRequestContext>) {
        let admin = router.group("admin").add(middleware: RoleMiddleware(.admin))
        admin.get("/") { _, context in try await settings(context) }
        admin.get("policy") { _, context in
            let account = try context.requireAccount()
            return try await policyPage(context, settings: try await store.policy(schoolID: account.schoolID), typed: [:], errors: [],
                                        saved: false, status: .ok)
        }
        admin.post("policy") { _, context in try await savePolicy(context) }
    }

    func settings(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard let school = try await store.school(id: account.schoolID) else { throw HTTPError(.notFound) }
        let calendar = try await store.calendar(schoolID: account.schoolID)
        let policy = try await store.policy(schoolID: account.schoolID)
        struct TermRow { let name: String; let start: String; let end: String }
        struct ClosureRow { let date: String; let name: String }
        struct Content { let school: School; let preset: String; let terms: [TermRow]; let closures: [ClosureRow]; let assessments: [TermRow] }
        let content = Content(
            school: school, preset: policy.preset,
            terms: calendar.terms.map { TermRow(name: $0.name, start: $0.start.longForm, end: $0.end.longForm) },
            closures: calendar.closures.map { ClosureRow(date: $0.date.longForm, name: $0.name) },
            assessments: calendar.assessments.map {
                TermRow(name: "\($0.name) (\($0.yearGroups.map { YearGroup($0)?.name ?? "" }.joined(separator: ", ")))",
                        start: $0.start.longForm, end: $0.end.longForm)
            })
        return views.render("admin", content, layout: Layout(title: "School settings", account: account, csrfToken: context.csrfToken))
    }

    /// One setting on the policy form: its label, what it means, and its value as text.
    struct SettingField {
        let name: String
        let label: String
        let hint: String
        let value: String
        let error: String?
    }

    struct PolicyContent {
        let errors: ErrorSummary
        let preset: ChoiceField
        let fields: [SettingField]
        let saved: Bool
    }

    static let labels: [String: (String, String)] = [
        "noticeDays": ("Notice for leave (calendar days)", "000: two weeks; 001: 15 days"),
        "preferredNoticeDays": ("Notice asked for where possible (days)", "001: four weeks. Leave empty for none"),
        "assessmentBufferSchoolDays": ("School days before statutory assessments that count as part of them", "Default 5"),
        "authorisedAbsenceLimit": ("Authorised absence limit", "A fraction: 0.10 is 10%"),
        "performanceFloor": ("Attendance floor for performance absence", "000: 0.95"),
        "persistentAbsenceThreshold": ("Persistent absence threshold", "000: 0.10 (10% of sessions missed)"),
        "notExceptional": ("Reasons that are not exceptional", "Categories, separated by commas"),
        "evidenceRequired": ("Reasons that need evidence", "Categories, separated by commas"),
        "escalateUnforeseenTo": ("Consult on unforeseen circumstances", "001: the trust CEO. Leave empty for nobody"),
        "retentionYears": ("Years records are kept", "001: 6; 000: 3"),
        "penaltyNoticeAmounts": ("Penalty notice amounts (£)", "Separated by commas, e.g. 80, 160"),
        "penaltyThresholdSessions": ("Unauthorised sessions that reach a penalty notice", "001 §5.2: 10"),
        "penaltyWindowSchoolWeeks": ("…within this many school weeks", "001 §5.2: 10"),
        "religiousNoticeDays": ("Notice for religious observance (days)", "000: 14"),
        "travellerNoticeDays": ("Notice for traveller absence (days)", "000: 14"),
        "travellerMinimumSessions": ("Sessions a traveller pupil must attend in 12 months", "002: 200"),
        "lunchtimeAttendanceFloor": ("Attendance below which lunchtime leave may be refused", "000: 0.95"),
        "lunchtimeDecisionSchoolDays": ("School days to decide lunchtime leave", "000: 5"),
        "returnDateRequired": ("A return date is required", "yes or no (004: yes)"),
        "attendanceExpectation": ("Attendance the school expects", "004: 0.96"),
    ]

    static func text(_ value: PolicyValue) -> String {
        switch value {
        case .number(let n): n == n.rounded() ? String(Int(n)) : String(n)
        case .text(let t): t
        case .flag(let f): f ? "yes" : "no"
        case .list(let items): items.joined(separator: ", ")
        case .null: ""
        }
    }

    /// Reads a typed value by the kind the setting already has.
    static func value(_ text: String, like current: PolicyValue, name: String) -> PolicyValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if name == "escalateUnforeseenTo" { return trimmed.isEmpty ? .null : .text(trimmed) }
        switch current {
        case .flag:
            if ["yes", "true", "1"].contains(trimmed.lowercased()) { return .flag(true) }
            if ["no", "false", "0"].contains(trimmed.lowercased()) { return .flag(false) }
            return .text(trimmed)
        case .list:
            return .list(trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        default:
            if trimmed.isEmpty && name == "preferredNoticeDays" { return .null }
            return Double(trimmed).map(PolicyValue.number) ?? .text(trimmed)
        }
    }

    func policyPage(_ context: PortalRequestContext, settings: PolicySettings, typed: [String: String], errors: [FieldError],
                    saved: Bool, status: HTTPResponse.Status) async throws -> Response {
        let account = try context.requireAccount()
        let preset = ChoiceField("preset", PolicySettings.presetNames.map {
            Choice(value: $0, label: $0, hint: nil, checked: settings.preset == $0)
        }, errors)
        let fields = PolicySettings.settingNames.map { name in
            SettingField(name: name, label: Self.labels[name]?.0 ?? name, hint: Self.labels[name]?.1 ?? "",
                         value: typed[name] ?? Self.text(settings.value(of: name)),
                         error: errors.first { $0.field == name }?.message)
        }
        let layout = Layout(title: "Policy settings", account: account, csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render("admin-policy", PolicyContent(errors: ErrorSummary(errors), preset: preset, fields: fields, saved: saved),
                            layout: layout, status: status)
    }

    func savePolicy(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let presetName = context.form["preset"]
        let current = try await store.policy(schoolID: account.schoolID)
        guard var settings = PolicySettings.preset(presetName) else {
            return try await policyPage(context, settings: current, typed: [:],
                                        errors: [FieldError(field: "preset", message: "Select one of the bundled policies")],
                                        saved: false, status: .unprocessableContent)
        }
        // Changing the preset starts from its values; otherwise each field keeps what was typed.
        let switching = presetName != current.preset
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
        if !switching {
            for name in PolicySettings.settingNames {
                let text = context.form[name]
                typed[name] = text
                do {
                    try settings.set(name, to: Self.value(text, like: settings.value(of: name), name: name))
                } catch let error as PolicySettings.SettingError {
                    errors.append(FieldError(field: name, message: "\(Self.labels[name]?.0 ?? name): \(Self.describe(error))"))
                }
            }
        }
        guard errors.isEmpty else {
            return try await policyPage(context, settings: current, typed: typed, errors: errors, saved: false, status: .unprocessableContent)
        }
        try await store.savePolicy(settings, schoolID: account.schoolID, by: Actor(account), at: clock.now)
        return try await policyPage(context, settings: settings, typed: [:], errors: [], saved: true, status: .ok)
    }

    static func describe(_ error: PolicySettings.SettingError) -> String {
        switch error {
        case .unknown: "not a setting"
        case .wrongType(_, let expected): "must be \(expected)"
        case .outOfRange(_, let range): "must be \(range)"
        }
    }
}
