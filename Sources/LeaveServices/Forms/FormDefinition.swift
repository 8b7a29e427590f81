import LeaveCore

/// A request form as declared in forms/*.yaml: its pages of questions, the guidance the
/// policies give parents, and how its answers become a request the rules can judge.
public struct FormDefinition: Sendable {
    public let id: String
    public let file: String
    public let title: String
    public let summary: String
    public let requestType: RequestType
    /// Paragraphs shown before the first question (lines starting "- " become a list).
    public let guidance: [GuidanceBlock]
    public let whatHappensNext: [GuidanceBlock]
    public let pages: [FormPage]
    /// What sending does: make a request (the default), or end the child's lunchtime permission.
    public let action: Action

    public enum Action: String, Sendable {
        case request
        case stopLunchtime = "stop-lunchtime"
    }

    public var questions: [Question] { pages.flatMap(\.questions) }

    public func page(_ id: String) -> FormPage? { pages.first { $0.id == id } }

    public func question(bound bind: Bind) -> Question? { questions.first { $0.bind == bind } }
}

/// A paragraph or a bulleted list of guidance text.
public struct GuidanceBlock: Sendable {
    public let paragraph: String?
    public let items: [String]
    public let hasItems: Bool

    public init(paragraph: String?, items: [String]) {
        self.paragraph = paragraph
        self.items = items
        hasItems = !items.isEmpty
    }
}

public struct FormPage: Sendable {
    public let id: String
    public let title: String
    public let guidance: [GuidanceBlock]
    /// Shown only when an earlier answer has one of these values.
    public let showIf: Condition?
    public let questions: [Question]
}

public struct Condition: Sendable {
    public let question: String
    public let values: Set<String>
}

/// How an answer feeds the request the rules judge (rules.md and evaluate.md's fields).
public enum Bind: String, Sendable, CaseIterable {
    case children, category, purpose, start, startSession, end, endSession, returnDate, evidence
    case licenceNumber, licenceAuthority, licenceNamesDates, licenceDates, hoursPerWeek, hoursPerDay, maxHoursOnADay
    case occupational, religion, days, from, until, collector
}

extension Question {
    /// The answers the question offers: its declared options, or those its kind implies
    /// (yes/no, part of the day, weekdays, the parent's children).
    public func choices(children: [Pupil]) -> [Option] {
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

public struct Question: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case text, textarea, choice, checkboxes, date, session, number, yesno, file, children, weekdays, dates
        /// A time of day, typed as people write it ("10:30am", "14:00"), checked to be one.
        case time
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let hint: String?
    }

    public let id: String
    public let kind: Kind
    public let label: String
    public let hint: String?
    public let bind: Bind?
    /// The message when left empty; nil when the question is optional.
    public let required: String?
    public let maxLength: Int?
    public let options: [Option]
    /// For a children question: whether several children can be chosen (siblings).
    public let multiple: Bool
    /// Date rules, each with its message.
    public let notInPast: String?
    public let notBefore: (question: String, message: String)?
    public let after: (question: String, message: String)?
    public let withinDaysOf: (question: String, days: Int, message: String)?
    /// Number rules.
    public let minimum: (value: Double, message: String)?
    public let maximum: (value: Double, message: String)?
    /// The thing this question asks about, used in date messages ("the first day of leave").
    public let subject: String
    /// The file kinds accepted.
    public let fileTypes: [String]
    public let showIf: Condition?
}
