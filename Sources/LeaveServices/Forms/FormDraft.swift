import LeaveCore

/// A form being filled in: every value typed so far, by input name, kept in the session
/// between pages so "Back" and "Change" bring answers back and nothing is asked twice.
public struct FormDraft: Codable, Sendable, Equatable {
    public var formID: String
    public var values: [String: [String]] = [:]
    /// Files already sent on earlier pages, by question.
    public var uploads: [String: [RequestDetails.Evidence]] = [:]
    /// Made with the draft and sent with it: the same draft sent twice makes its requests once.
    public var submissionKey: String?

    public init(formID: String) {
        self.formID = formID
        self.submissionKey = RandomToken.make()
    }

    public func value(_ name: String) -> String { values[name]?.first ?? "" }
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether a page or question is shown, given the answers so far.
    public func shows(_ condition: Condition?) -> Bool {
        guard let condition else { return true }
        return !Set(all(condition.question)).isDisjoint(with: condition.values)
    }

    public func visiblePages(of form: FormDefinition) -> [FormPage] {
        form.pages.filter { shows($0.showIf) }
    }

    public func visibleQuestions(of page: FormPage) -> [Question] {
        page.questions.filter { shows($0.showIf) }
    }

    /// The input names a question uses.
    public static func inputs(of question: Question) -> [String] {
        question.kind == .date ? ["\(question.id)-day", "\(question.id)-month", "\(question.id)-year"] : [question.id]
    }

    public func date(_ question: Question) -> DateAnswer {
        DateAnswer(day: value("\(question.id)-day"), month: value("\(question.id)-month"), year: value("\(question.id)-year"))
    }
}
