import LeaveCore

/// Turns a completed draft into one request per chosen child, with every answer kept for
/// the record and the facts each kind of request gives the rules.
public struct FormSubmission {
    public let form: FormDefinition
    public let draft: FormDraft
    public let children: [Pupil]
    /// Where a request with no last day ends: lunchtime permission lasts to the end of term.
    public var endOfTerm: (SchoolDate) -> SchoolDate? = { _ in nil }
    /// When the child is back after leave ending then, for a form that does not ask.
    public var returnToSchool: (SessionPoint) -> SessionPoint? = { _ in nil }
    /// The questions on the pages shown for these answers, worked out once for every answer read.
    let askedQuestions: Set<String>

    public init(form: FormDefinition, draft: FormDraft, children: [Pupil], endOfTerm: @escaping (SchoolDate) -> SchoolDate? = { _ in nil },
                returnToSchool: @escaping (SessionPoint) -> SessionPoint? = { _ in nil }) {
        self.form = form
        self.draft = draft
        self.children = children
        self.endOfTerm = endOfTerm
        self.returnToSchool = returnToSchool
        askedQuestions = Set(draft.visiblePages(of: form).flatMap { draft.visibleQuestions(of: $0).map(\.id) })
    }

    public var chosenChildren: [Pupil] {
        guard let question = form.question(bound: .children) else { return [] }
        let ids = Set(draft.all(question.id).compactMap { Int64($0) })
        return children.filter { ids.contains($0.id) }
    }

    /// Whether the question was asked, its page and itself shown: an answer left on a page the
    /// parent later skipped (a licence number, then "no licence") is not taken.
    func asked(_ question: Question) -> Bool {
        askedQuestions.contains(question.id)
    }

    public func date(_ bind: Bind) -> SchoolDate? {
        guard let question = form.question(bound: bind), asked(question),
              case .success(let date) = draft.date(question).parse() else { return nil }
        return date
    }

    public func text(_ bind: Bind) -> String? {
        guard let question = form.question(bound: bind), asked(question) else { return nil }
        let value = draft.value(question.id).trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    public func number(_ bind: Bind) -> Double? { text(bind).flatMap(Double.init) }

    /// The applications, one per child; nil if the draft is not complete.
    public func applications() -> [LeaveApplication]? {
        let type = form.requestType
        let startDate = date(.start) ?? date(.from)
        guard let startDate, !chosenChildren.isEmpty else { return nil }
        let endDate = date(.end) ?? date(.until) ?? (type == .lunchtime ? endOfTerm(startDate) ?? startDate : startDate)
        var startSession = Session(rawValue: text(.startSession) ?? "AM") ?? .am
        var endSession = Session(rawValue: text(.endSession) ?? "PM") ?? .pm
        // A single-session question ("morning", "afternoon" or "both") gives both ends.
        if let missed = text(.startSession), form.question(bound: .startSession)?.kind == .session {
            startSession = missed == "PM" ? .pm : .am
            endSession = missed == "AM" ? .am : .pm
        }
        let category = text(.category).flatMap(LeaveCategory.init(rawValue:))
        var details = RequestDetails()
        details.formID = form.id
        details.answers = answerRows()
        details.evidence = form.questions.filter { $0.kind == .file && asked($0) }.flatMap { draft.uploads[$0.id] ?? [] }
        details.licenceNumber = text(.licenceNumber)
        details.licenceAuthority = text(.licenceAuthority)
        if text(.licenceNamesDates) == "yes" {
            details.licenceDates = (text(.licenceDates).map(FormValidator.lines) ?? []).compactMap(FormValidator.parseDate)
        }
        details.hoursPerWeek = number(.hoursPerWeek)
        details.hoursPerDay = number(.hoursPerDay).map { [$0] } ?? []
        details.maxHoursOnADay = number(.maxHoursOnADay)
        details.occupational = text(.occupational).map { $0 == "yes" }
        details.religion = text(.religion)
        if let question = form.question(bound: .days) {
            details.days = draft.all(question.id).compactMap { name in Weekday.allCases.first { $0.name == name } }
        }
        details.collector = text(.collector)
        let purpose = text(.purpose) ?? (type == .lunchtime ? "Leaving school at lunchtime" : form.title)
        // Asked, or worked out from the calendar: after a morning's appointment, the same afternoon.
        let returnDate = date(.returnDate) ?? returnToSchool(SessionPoint(endDate, endSession))?.date ?? endDate.adding(days: 1)
        return chosenChildren.map { child in
            LeaveApplication(pupilID: child.id, kind: LeaveKind(type: type, category: category), purpose: purpose,
                             start: SessionPoint(startDate, startSession), end: SessionPoint(endDate, endSession),
                             returnDate: returnDate, category: category, details: details)
        }
    }

    /// Every visible answer as the parent would read it back.
    public func answerRows() -> [RequestDetails.Answer] {
        draft.visiblePages(of: form).flatMap { draft.visibleQuestions(of: $0) }.compactMap { q in
            let text = FormAnswerText(question: q, draft: draft, children: children).text
            return text.isEmpty ? nil : RequestDetails.Answer(question: q.label, answer: text)
        }
    }
}

/// An answer written out for people: dates in full, choices by their labels, children by name.
public struct FormAnswerText {
    public let question: Question
    public let draft: FormDraft
    public let children: [Pupil]

    public init(question: Question, draft: FormDraft, children: [Pupil]) {
        self.question = question
        self.draft = draft
        self.children = children
    }

    public var text: String {
        let q = question
        switch q.kind {
        case .date:
            if case .success(let date) = draft.date(q).parse() { return date.longForm }
            return ""
        case .choice, .checkboxes, .yesno, .session, .weekdays, .children:
            // Chosen answers by their labels, in the order the question offers them.
            let chosen = Set(draft.all(q.id))
            return q.choices(children: children).filter { chosen.contains($0.value) }.map(\.label).joined(separator: ", ")
        case .file:
            return (draft.uploads[q.id] ?? []).map(\.fileName).joined(separator: ", ")
        case .time:
            // As GOV.UK writes a time, whatever way it was typed: "10:30am", "2pm".
            let typed = draft.value(q.id).trimmingCharacters(in: .whitespacesAndNewlines)
            return TimeOfDay(typed)?.description ?? typed
        case .text, .textarea, .number, .dates:
            return draft.value(q.id).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
