/// Every template the portal renders or includes, so a name is checked when the service
/// starts and a missing template stops the start instead of rendering an apology with 200.
enum Template: String, CaseIterable, Sendable {
    // Pages
    case adminAudit = "admin-audit"
    case adminCalendar = "admin-calendar"
    case adminPolicy = "admin-policy"
    case adminPreset = "admin-preset"
    case admin
    case decide
    case decideConfirm = "decide-confirm"
    case decided
    case confirm
    case error
    case formCheck = "form-check"
    case formDone = "form-done"
    case formPage = "form-page"
    case forms
    case policySources = "policy-sources"
    case imports
    case invitation
    case invitations
    case letterPrint = "letter-print"
    case letters
    case login
    case notice
    case password
    case parentChild = "parent-child"
    case parentHome = "parent-home"
    case queue
    case requestConfirmation = "request-confirmation"
    case requestDetails = "request-details"
    case requestWithdraw = "request-withdraw"
    case register
    case lunchtime
    case officeToday = "office-today"
    // The frame and the partials pages include
    case layout
    case dateInput = "date-input"
    case errorSummary = "error-summary"
    case evidenceHistory = "evidence-history"
    case fieldError = "field-error"
    case finding
    case formQuestion = "form-question"
    case guidance
    case pagination
    case radios
    case pupilPicture = "pupil-picture"
    case pupil
    case requestNotes = "request-notes"
    case requestSummary = "request-summary"
    case requestTable = "request-table"
    case requestFilter = "request-filter"
    case decisionGrant = "decision-grant"
}

/// The rows of the long lists, in `Templates/rows`, rendered by `RowTemplate`.
enum RowTemplateName: String, CaseIterable, Sendable {
    case queue = "queue-row"
    case request = "request-row"
    case decided = "decided-row"
    case letter = "letter-row"
    case history = "history-row"
}

/// Each long list's row template, compiled at start against the view-model its rows are, so a
/// name the view-model lacks stops the start. Placed in a page with `{{{rows}}}`.
struct RowTemplates: Sendable {
    let queue: RowTemplate<RequestRow>
    let request: RowTemplate<RequestRow>
    let decided: RowTemplate<HeadteacherController.DecidedRow>
    let letter: RowTemplate<OfficeController.LetterRow>
    let history: RowTemplate<PupilPictureView.HistoryRow>

    init(folder: String) throws {
        func load<Row>(_ name: RowTemplateName) throws -> RowTemplate<Row> {
            guard let text = try? String(contentsOfFile: folder + "/" + name.rawValue + ".mustache", encoding: .utf8) else {
                throw Views.ViewsError.templatesMissing(["rows/" + name.rawValue])
            }
            return try RowTemplate(name: name.rawValue, text: text)
        }
        queue = try load(.queue)
        request = try load(.request)
        decided = try load(.decided)
        letter = try load(.letter)
        history = try load(.history)
    }
}
