import LeaveCore
import LeaveServices
import Mustache

/// A question as its template needs it: which input to draw, what was typed, and its error.
struct QuestionView: MustacheParent {
    let id: String
    let label: String
    let hint: String?
    let error: String?
    let isText: Bool
    let isTextarea: Bool
    let isRadios: Bool
    let isCheckboxes: Bool
    let isDate: Bool
    let isNumber: Bool
    let isFile: Bool
    let value: String
    var choices: [Choice]
    let date: DateField?
    let files: [FileLink]
    let hasFiles: Bool
    let accept: String
    let maxLength: Int?
    /// How the question's words sit with the page's heading when they are the same (GOV.UK:
    /// never say it twice): as the page's heading, or kept for screen readers only when the
    /// page's guidance has to come between the heading and the question.
    var heading: QuestionHeading = .separate
    /// A question about which of the parent's children, not yet answered.
    let asksForChildren: Bool

    init(_ q: Question, draft: FormDraft, errors: [FieldError], children: [Pupil]) {
        id = q.id
        label = q.label
        hint = q.hint
        error = errors.first { $0.field == q.id }?.message
        isText = q.kind == .text || q.kind == .time
        isTextarea = q.kind == .textarea || q.kind == .dates
        isNumber = q.kind == .number
        isFile = q.kind == .file
        isDate = q.kind == .date
        value = draft.value(q.id)
        maxLength = q.maxLength
        let options = q.choices(children: children)
        let multiple = q.kind == .checkboxes || q.kind == .weekdays || (q.kind == .children && q.multiple)
        isCheckboxes = multiple
        isRadios = !multiple && [.choice, .yesno, .session, .children].contains(q.kind)
        let chosen = Set(draft.all(q.id))
        asksForChildren = q.kind == .children && chosen.isEmpty
        choices = ChoiceField(q.id, options.map {
            Choice(value: $0.value, label: $0.label, hint: $0.hint, checked: chosen.contains($0.value))
        }, errors).choices
        date = q.kind == .date ? DateField(q.id, legend: q.label, hint: q.hint ?? "", draft.date(q), errors) : nil
        files = (draft.uploads[q.id] ?? []).map(FileLink.init)
        hasFiles = !files.isEmpty
        accept = q.fileTypes.map { ["pdf": ".pdf,application/pdf", "jpeg": ".jpg,.jpeg,image/jpeg", "png": ".png,image/png"][$0] ?? "" }
            .joined(separator: ",")
    }

    /// A box as wide as its answer can be (GOV.UK: the width tells what is expected): a time or a
    /// licence number gets a narrow box, a sentence the full width.
    var widthClass: String {
        guard let maxLength else { return "" }
        return maxLength <= 20 ? " input--width-10" : maxLength <= 60 ? " input--width-20" : ""
    }

    /// What a screen reader reads after the question: its hint, then its error.
    var describedBy: String? {
        let ids = (hint == nil ? [] : [id + "-hint"]) + (error == nil ? [] : [id + "-error"])
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "label": self.label
        case "hint": orAbsent(self.hint)
        case "error": orAbsent(self.error)
        case "describedBy": orAbsent(self.describedBy)
        case "widthClass": self.widthClass
        case "isText": self.isText
        case "isTextarea": self.isTextarea
        case "isRadios": self.isRadios
        case "isCheckboxes": self.isCheckboxes
        case "isDate": self.isDate
        case "isNumber": self.isNumber
        case "isFile": self.isFile
        case "value": self.value
        case "choices": self.choices
        case "date": orAbsent(self.date)
        case "files": self.files
        case "hasFiles": self.hasFiles
        case "accept": self.accept
        case "maxLength": orAbsent(self.maxLength)
        case "asHeading": self.heading == .isPageHeading
        case "legendHidden": self.heading == .hiddenUnderHeading
        default: nil
        }
    }
}

enum QuestionHeading: Sendable {
    case separate
    case isPageHeading
    case hiddenUnderHeading
}
