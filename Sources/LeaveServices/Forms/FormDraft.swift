import LeaveCore

/// A form being filled in: every value typed so far, by input name, kept in the session
/// between pages so "Back" and "Change" bring answers back and nothing is asked twice.
public struct FormDraft: Codable, Sendable, Equatable {
    public var formID: String
    public var values: [String: [String]] = [:]
    /// Files already sent on earlier pages, by question.
    public var uploads: [String: [RequestDetails.Evidence]] = [:]
    /// Made with the draft, and again whenever an answer changes: the same answers sent twice
    /// make their requests once, and changed answers are never taken for ones already sent.
    public var submissionKey: String?
    /// The start link this draft began from, so coming back to the first page with the
    /// browser's Back button shows the answers rather than an empty form.
    public var startedWith: String?

    public init(formID: String, startedWith: String? = nil) {
        self.formID = formID
        self.submissionKey = RandomToken.make()
        self.startedWith = startedWith
    }

    /// A draft as it was kept (read back from a session), its key and answers as they were.
    public init(formID: String, values: [String: [String]], uploads: [String: [RequestDetails.Evidence]],
                submissionKey: String?, startedWith: String?) {
        self.formID = formID
        self.values = values
        self.uploads = uploads
        self.submissionKey = submissionKey
        self.startedWith = startedWith
    }

    /// `answers`: the values as one line (`DraftAnswers`); `values`, the object of arrays that
    /// sessions saved before held, is still read.
    enum CodingKeys: String, CodingKey {
        case formID, answers, values, uploads, submissionKey, startedWith
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formID = try container.decode(String.self, forKey: .formID)
        if let answers = try container.decodeIfPresent(String.self, forKey: .answers) {
            do {
                values = try DraftAnswers.decode(answers)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .answers, in: container, debugDescription: "answers not percent-encoded")
            }
        } else {
            values = try container.decodeIfPresent([String: [String]].self, forKey: .values) ?? [:]
        }
        uploads = try container.decodeIfPresent([String: [RequestDetails.Evidence]].self, forKey: .uploads) ?? [:]
        submissionKey = try container.decodeIfPresent(String.self, forKey: .submissionKey)
        startedWith = try container.decodeIfPresent(String.self, forKey: .startedWith)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formID, forKey: .formID)
        try container.encode(DraftAnswers.encode(values), forKey: .answers)
        if !uploads.isEmpty { try container.encode(uploads, forKey: .uploads) }
        try container.encodeIfPresent(submissionKey, forKey: .submissionKey)
        try container.encodeIfPresent(startedWith, forKey: .startedWith)
    }

    public func value(_ name: String) -> String { values[name]?.first ?? "" }
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether a page or question is shown, given the answers so far.
    public func shows(_ condition: Condition?) -> Bool {
        guard let condition else { return true }
        return !Set(all(condition.question)).isDisjoint(with: condition.values)
    }

    /// The pages shown for the answers given. A page shown for an answer on a page that is itself
    /// hidden is hidden too (the licence's dates once the parent says there is no licence).
    public func visiblePages(of form: FormDefinition) -> [FormPage] {
        var shown: Set<String> = []
        var pages: [FormPage] = []
        for page in form.pages {
            if let condition = page.showIf, !shown.contains(condition.question) || !shows(condition) { continue }
            pages.append(page)
            shown.formUnion(visibleQuestions(of: page).map(\.id))
        }
        return pages
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
