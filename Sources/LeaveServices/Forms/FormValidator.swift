import Foundation
import LeaveCore

/// Checks answers against a form's declared rules, one message per question, in the order
/// the GOV.UK patterns use (for dates: missing, then incomplete, then impossible, then the rest).
public struct FormValidator {
    public let form: FormDefinition
    public let draft: FormDraft
    public let today: SchoolDate
    /// The parent's children, for children questions.
    public let children: Set<Int64>

    public init(form: FormDefinition, draft: FormDraft, today: SchoolDate, children: Set<Int64>) {
        self.form = form
        self.draft = draft
        self.today = today
        self.children = children
    }

    public func errors(on page: FormPage) -> [FieldError] {
        draft.visibleQuestions(of: page).compactMap(error)
    }

    public func allErrors() -> [FieldError] {
        draft.visiblePages(of: form).flatMap(errors(on:))
    }

    public func error(_ q: Question) -> FieldError? {
        let value = draft.value(q.id).trimmingCharacters(in: .whitespacesAndNewlines)
        func fail(_ message: String, anchor: String? = nil) -> FieldError { FieldError(field: q.id, anchor: anchor ?? q.id, message: message) }
        switch q.kind {
        case .text, .textarea:
            if value.isEmpty { return q.required.map { fail($0) } }
            if let limit = q.maxLength, value.count > limit { return fail("\(q.subject.capitalisedFirst) must be \(limit) characters or fewer") }
        case .time:
            if value.isEmpty { return q.required.map { fail($0) } }
            if value.count > 20 || TimeOfDay(value) == nil { return fail("Enter \(q.subject) as a time, like 10:30am or 2pm") }
        case .choice, .yesno, .session:
            if value.isEmpty { return q.required.map { fail($0) } }
            if !allowedValues(q).contains(value) { return fail(q.required ?? "Select one of the options") }
        case .checkboxes, .weekdays:
            let values = draft.all(q.id).filter { !$0.isEmpty }
            if values.isEmpty { return q.required.map { fail($0) } }
            if !Set(values).isSubset(of: allowedValues(q)) { return fail(q.required ?? "Select from the options") }
        case .children:
            let values = draft.all(q.id).filter { !$0.isEmpty }
            if values.isEmpty { return q.required.map { fail($0) } ?? fail("Select which child this is for") }
            let ids = values.compactMap { Int64($0) }
            if ids.count != values.count || !Set(ids).isSubset(of: children) || (!q.multiple && ids.count > 1) {
                return fail(q.required ?? "Select which child this is for")
            }
        case .number:
            if value.isEmpty { return q.required.map { fail($0) } }
            guard value.count <= 20, let number = Double(value), number.isFinite else { return fail("\(q.subject.capitalisedFirst) must be a number") }
            if let minimum = q.minimum, number < minimum.value { return fail(minimum.message) }
            if let maximum = q.maximum, number > maximum.value { return fail(maximum.message) }
        case .file:
            if (draft.uploads[q.id] ?? []).isEmpty { return q.required.map { fail($0) } }
        case .dates:
            if value.isEmpty { return q.required.map { fail($0) } }
            if let limit = q.maxLength, value.count > limit { return fail("\(q.subject.capitalisedFirst) must be \(limit) characters or fewer") }
            for (index, line) in Self.lines(value).enumerated() where Self.parseDate(line) == nil {
                return fail("Line \(index + 1) of \(q.subject), '\(line)', is not a real date; write dates like 9/3/2027")
            }
        case .date:
            return dateError(q)
        }
        return nil
    }

    public func dateError(_ q: Question) -> FieldError? {
        let subject = q.subject
        switch draft.date(q).parse() {
        case .failure(.missing):
            return q.required.map { FieldError(field: q.id, anchor: "\(q.id)-day", message: $0) }
        case .failure(.incomplete(let parts)):
            let names = parts.map(\.rawValue)
            let words = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            return FieldError(field: q.id, anchor: "\(q.id)-\(parts[0].rawValue)", message: "\(subject.capitalisedFirst) must include a \(words)")
        case .failure(.notReal(let part)):
            return FieldError(field: q.id, anchor: "\(q.id)-\(part.rawValue)", message: "\(subject.capitalisedFirst) must be a real date")
        case .success(let date):
            let anchor = "\(q.id)-day"
            if let message = q.notInPast, date < today { return FieldError(field: q.id, anchor: anchor, message: message) }
            if date.days(until: today) < -366 {
                return FieldError(field: q.id, anchor: anchor, message: "\(subject.capitalisedFirst) must be within the next 12 months")
            }
            if let rule = q.notBefore, let other = otherDate(rule.question), date < other {
                return FieldError(field: q.id, anchor: anchor, message: rule.message)
            }
            if let rule = q.after, let other = otherDate(rule.question), date <= other {
                return FieldError(field: q.id, anchor: anchor, message: rule.message)
            }
            if let rule = q.withinDaysOf, let other = otherDate(rule.question), other.days(until: date) > rule.days {
                return FieldError(field: q.id, anchor: anchor, message: rule.message)
            }
        }
        return nil
    }

    public func otherDate(_ id: String) -> SchoolDate? {
        guard let other = form.questions.first(where: { $0.id == id }), draft.shows(other.showIf),
              case .success(let date) = draft.date(other).parse() else { return nil }
        return date
    }

    public func allowedValues(_ q: Question) -> Set<String> {
        Set(q.choices(children: []).map(\.value))
    }

    public static func lines(_ text: String) -> [String] {
        // Browsers send a textarea's lines with CRLF, which Swift reads as one character.
        text.split(whereSeparator: { $0.isNewline || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "9/3/2027" as parents write dates, or "2027-03-09".
    public static func parseDate(_ text: String) -> SchoolDate? {
        if let iso = SchoolDate(iso: text) { return iso }
        let parts = text.split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 else { return nil }
        return SchoolDate(year: y, month: m, day: d)
    }
}
