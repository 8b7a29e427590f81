import LeaveCore

/// A request form as declared in forms/*.yaml: its pages of questions, the guidance the
/// policies give parents, and how its answers become a request the rules can judge.
struct FormDefinition: Sendable {
    let id: String
    let file: String
    let title: String
    let summary: String
    let requestType: RequestType
    /// Paragraphs shown before the first question (lines starting "- " become a list).
    let guidance: [GuidanceBlock]
    let whatHappensNext: [GuidanceBlock]
    let pages: [FormPage]
    /// What sending does: make a request (the default), or end the child's lunchtime permission.
    let action: Action

    enum Action: String, Sendable {
        case request
        case stopLunchtime = "stop-lunchtime"
    }

    var questions: [Question] { pages.flatMap(\.questions) }

    func page(_ id: String) -> FormPage? { pages.first { $0.id == id } }

    func question(bound bind: Bind) -> Question? { questions.first { $0.bind == bind } }
}

/// A paragraph or a bulleted list of guidance text.
struct GuidanceBlock: Sendable {
    let paragraph: String?
    let items: [String]
    let hasItems: Bool

    init(paragraph: String?, items: [String]) {
        self.paragraph = paragraph
        self.items = items
        hasItems = !items.isEmpty
    }
}

struct FormPage: Sendable {
    let id: String
    let title: String
    let guidance: [GuidanceBlock]
    /// Shown only when an earlier answer has one of these values.
    let showIf: Condition?
    let questions: [Question]
}

struct Condition: Sendable {
    let question: String
    let values: Set<String>
}

/// How an answer feeds the request the rules judge (rules.md and evaluate.md's fields).
enum Bind: String, Sendable, CaseIterable {
    case children, category, purpose, start, startSession, end, endSession, returnDate, evidence
    case licenceNumber, licenceAuthority, licenceNamesDates, licenceDates, hoursPerWeek, hoursPerDay, maxHoursOnADay
    case occupational, religion, days, from, until, collector
}

extension Question {
    /// The answers the question offers: its declared options, or those its kind implies
    /// (yes/no, part of the day, weekdays, the parent's children).
    func choices(children: [Pupil]) -> [Option] {
        switch kind {
        case .yesno: [.init(value: "yes", label: "Yes", hint: nil), .init(value: "no", label: "No", hint: nil)]
        case .session: [.init(value: "AM", label: "The morning", hint: nil), .init(value: "PM", label: "The afternoon", hint: nil),
                        .init(value: "both", label: "The whole day", hint: nil)]
        case .weekdays: Weekday.allCases.prefix(5).map { .init(value: $0.name, label: $0.name, hint: nil) }
        case .children: children.map { .init(value: String($0.id), label: $0.fullName, hint: $0.yearGroup.name) }
        default: options
        }
    }
}

struct Question: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case text, textarea, choice, checkboxes, date, session, number, yesno, file, children, weekdays, dates
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let hint: String?
    }

    let id: String
    let kind: Kind
    let label: String
    let hint: String?
    let bind: Bind?
    /// The message when left empty; nil when the question is optional.
    let required: String?
    let maxLength: Int?
    let options: [Option]
    /// For a children question: whether several children can be chosen (siblings).
    let multiple: Bool
    /// Date rules, each with its message.
    let notInPast: String?
    let notBefore: (question: String, message: String)?
    let after: (question: String, message: String)?
    let withinDaysOf: (question: String, days: Int, message: String)?
    /// Number rules.
    let minimum: (value: Double, message: String)?
    let maximum: (value: Double, message: String)?
    /// The thing this question asks about, used in date messages ("the first day of leave").
    let subject: String
    /// The file kinds accepted.
    let fileTypes: [String]
    let showIf: Condition?
}
