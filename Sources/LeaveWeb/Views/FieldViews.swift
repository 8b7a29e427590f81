import Foundation
import LeaveCore
import Mustache

/// The error summary at the top of a form: GOV.UK's "There is a problem" box.
struct ErrorSummary: MustacheParent {
    struct Item: MustacheParent {
        let anchor: String
        let message: String

        func child(named key: String) -> Any? {
            switch key {
            case "anchor": self.anchor
            case "message": self.message
            default: nil
            }
        }
    }

    let items: [Item]
    /// Stored, not computed: templates see only stored properties.
    let any: Bool

    init(_ errors: [FieldError]) {
        items = errors.map { Item(anchor: $0.anchor, message: $0.message) }
        any = !errors.isEmpty
    }

    func child(named key: String) -> Any? {
        switch key {
        case "items": self.items
        case "any": self.any
        default: nil
        }
    }
}

/// A text question with what was typed and its error, if any.
struct TextField: MustacheParent {
    let id: String
    let value: String
    let error: String?

    init(_ id: String, _ value: String, _ errors: [FieldError]) {
        self.id = id
        self.value = value
        self.error = errors.first { $0.field == id }?.message
    }

    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "value": self.value
        case "error": orAbsent(self.error)
        default: nil
        }
    }
}

/// A day/month/year question; only the boxes at fault are marked, as the pattern asks.
struct DateField: MustacheParent {
    let id: String
    let legend: String
    let hint: String
    let day: String
    let month: String
    let year: String
    let error: String?
    let dayError: Bool
    let monthError: Bool
    let yearError: Bool

    init(_ id: String, legend: String, hint: String, _ answer: DateAnswer, _ errors: [FieldError]) {
        self.id = id
        self.legend = legend
        self.hint = hint
        day = answer.day
        month = answer.month
        year = answer.year
        let found = errors.first { $0.field == id }
        error = found?.message
        // A missing part marks just that box; anything else is about the whole date.
        let message = found?.message ?? ""
        let partial = message.contains("must include")
        func marked(_ part: String) -> Bool {
            found != nil && (!partial || message.range(of: part, options: [], range: message.range(of: "must include")!.upperBound..<message.endIndex) != nil)
        }
        dayError = marked("day")
        monthError = marked("month")
        yearError = marked("year")
    }

    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "legend": self.legend
        case "hint": self.hint
        case "day": self.day
        case "month": self.month
        case "year": self.year
        case "error": orAbsent(self.error)
        case "dayError": self.dayError
        case "monthError": self.monthError
        case "yearError": self.yearError
        default: nil
        }
    }
}

/// One radio button or option.
struct Choice: MustacheParent {
    let value: String
    let label: String
    let hint: String?
    var checked: Bool
    /// The first radio carries the question's own id, so the error summary's link lands on it.
    var inputID = ""

    func child(named key: String) -> Any? {
        switch key {
        case "value": self.value
        case "label": self.label
        case "hint": orAbsent(self.hint)
        case "checked": self.checked
        case "inputID": self.inputID
        default: nil
        }
    }
}

/// A set of radios with its error.
struct ChoiceField: MustacheParent {
    let id: String
    let choices: [Choice]
    let error: String?

    init(_ id: String, _ choices: [Choice], _ errors: [FieldError]) {
        self.id = id
        self.choices = choices.enumerated().map { index, choice in
            var choice = choice
            choice.inputID = index == 0 ? id : "\(id)-\(choice.value)"
            return choice
        }
        self.error = errors.first { $0.field == id }?.message
    }

    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "choices": self.choices
        case "error": orAbsent(self.error)
        default: nil
        }
    }
}
