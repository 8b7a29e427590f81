import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// A request as one row of a list or the head of its own page. Each value is worked out only
/// when the template asks for it: a list shows a few of them for fifty rows, a page all of them for one.
struct RequestRow: TemplateRow {
    let item: RequestWithPupil
    let clock: SchoolClock
    /// The rules' newest advice, for the queue.
    let advice: Recommendation?
    /// In the queue, the brothers' and sisters' requests sent with this one.
    let sentWith: String

    init(_ item: RequestWithPupil, clock: SchoolClock, recommendation: Recommendation? = nil, sentWith: String = "") {
        self.item = item
        self.clock = clock
        self.advice = recommendation
        self.sentWith = sentWith
    }

    private var application: LeaveApplication { item.request.application }

    var reference: String { item.request.reference.text }
    var pupilName: String { item.pupil.fullName }
    var yearGroup: String { item.pupil.yearGroup.name }
    var kind: String { application.title }
    var purpose: String { application.purpose }
    var firstSession: String { application.start.longForm }
    var lastSession: String { application.end.longForm }
    var firstDay: String { "\(application.start.date.shortForm) \(application.start.session.rawValue)" }
    var lastDay: String { "\(application.end.date.shortForm) \(application.end.session.rawValue)" }
    var returnDate: String { TimeMissed.describeReturn(application.returnDate, end: application.end) }
    var timeMissed: String { TimeMissed.describe(sessions: item.request.sessions) }
    var schoolDays: Int { item.request.schoolDays }
    var sessions: Int { item.request.sessions }
    var status: String { item.request.status.title }
    var statusClass: String { item.request.status.rawValue }
    var isOpen: Bool { item.request.status.isOpen }
    var submittedAt: String { clock.describe(item.request.submittedAt) }
    /// Every answer the parent gave, and the files they sent.
    var answers: [AnswerRow] { application.details.answers.map { AnswerRow(question: $0.question, answer: $0.answer) } }
    var hasAnswers: Bool { !application.details.answers.isEmpty }
    var evidence: [FileLink] { application.details.evidence.map(FileLink.init) }
    var hasEvidence: Bool { !application.details.evidence.isEmpty }
    /// The request's page for its parent, for the headteacher, and the parent's withdraw page.
    var parentHref: String { Paths.Parent.request(item.request.reference) }
    var decisionHref: String { Paths.Decisions.request(item.request.reference) }
    var withdrawHref: String { Paths.Parent.withdraw(item.request.reference) }
    var recommendation: String { advice?.title ?? "" }
    var recommendationClass: String { advice?.rawValue ?? "" }
    /// Lunchtime permission is not an absence: it has weekdays, a period and a collector instead.
    var isLunchtime: Bool { application.type == .lunchtime }
    var lunchtimeDays: String { Self.plural(days: application.details.days) }
    var fromDate: String { application.start.date.longForm }
    var untilDate: String { application.end.date.longForm }
    var collector: String { application.details.collector ?? "" }
    /// What the queue shows of the request's dates in one line.
    var when: String {
        isLunchtime ? "\(lunchtimeDays.isEmpty ? "Lunchtimes" : lunchtimeDays), \(application.start.date.shortForm) to \(application.end.date.shortForm)"
            : application.start == application.end ? firstDay : "\(firstDay) to \(lastDay)"
    }
    var whenDetail: String { isLunchtime ? (collector.isEmpty ? "" : "Collected by \(collector)") : timeMissed }
    var decideBy: String? { item.request.decideBy?.describe(today: clock.today) }
    var decideByWhy: String { item.request.decideBy?.why ?? "" }
    var decideByOverdue: Bool { item.request.decideBy?.isOverdue(today: clock.today) ?? false }

    /// "Mondays, Wednesdays and Fridays".
    static func plural(days: [Weekday]) -> String { list(days.map { $0.name + "s" }) }

    /// "A, B and C".
    static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }

    var pupilHref: String { Paths.Decisions.pupil(String(item.pupil.id)) }

    enum Field: String {
        case reference, pupilName, yearGroup, kind, purpose, firstSession, lastSession, firstDay, lastDay, returnDate
        case timeMissed, schoolDays, sessions, status, statusClass, isOpen, submittedAt, answers, hasAnswers, evidence
        case hasEvidence, parentHref, decisionHref, withdrawHref, recommendation, recommendationClass, isLunchtime
        case lunchtimeDays, fromDate, untilDate, collector, when, whenDetail, decideBy, decideByWhy, decideByOverdue
        case sentWith, pupilHref
    }

    static func field(named name: String) -> Field? { Field(rawValue: name) }

    func value(_ field: Field) -> RowValue {
        switch field {
        case .reference: .text(self.reference)
        case .pupilName: .text(self.pupilName)
        case .yearGroup: .text(self.yearGroup)
        case .kind: .text(self.kind)
        case .purpose: .text(self.purpose)
        case .firstSession: .text(self.firstSession)
        case .lastSession: .text(self.lastSession)
        case .firstDay: .text(self.firstDay)
        case .lastDay: .text(self.lastDay)
        case .returnDate: .text(self.returnDate)
        case .timeMissed: .text(self.timeMissed)
        case .schoolDays: .other(self.schoolDays)
        case .sessions: .other(self.sessions)
        case .status: .text(self.status)
        case .statusClass: .text(self.statusClass)
        case .isOpen: .flag(self.isOpen)
        case .submittedAt: .text(self.submittedAt)
        case .answers: .other(self.answers)
        case .hasAnswers: .flag(self.hasAnswers)
        case .evidence: .other(self.evidence)
        case .hasEvidence: .flag(self.hasEvidence)
        case .parentHref: .text(self.parentHref)
        case .decisionHref: .text(self.decisionHref)
        case .withdrawHref: .text(self.withdrawHref)
        case .recommendation: .text(self.recommendation)
        case .recommendationClass: .text(self.recommendationClass)
        case .isLunchtime: .flag(self.isLunchtime)
        case .lunchtimeDays: .text(self.lunchtimeDays)
        case .fromDate: .text(self.fromDate)
        case .untilDate: .text(self.untilDate)
        case .collector: .text(self.collector)
        case .when: .text(self.when)
        case .whenDetail: .text(self.whenDetail)
        case .decideBy: .optional(self.decideBy)
        case .decideByWhy: .text(self.decideByWhy)
        case .decideByOverdue: .flag(self.decideByOverdue)
        case .sentWith: .text(self.sentWith)
        case .pupilHref: .text(self.pupilHref)
        }
    }
}

/// A question and answer on a "Check your answers" or details page.
struct SummaryRow: MustacheParent {
    let key: String
    let value: String
    let changeHref: String?
    let changeLabel: String

    func child(named key: String) -> Any? {
        switch key {
        case "key": self.key
        case "value": self.value
        case "changeHref": orAbsent(self.changeHref)
        case "changeLabel": self.changeLabel
        default: nil
        }
    }
}

/// A decision as the parent and the headteacher see it after it is made.
struct DecisionView: MustacheParent {
    let outcome: String
    let outcomeClass: String
    let reason: String
    let decidedBy: String
    let decidedAt: String
    let overrideReason: String?
    let consultation: String?
    let granted: String?
    let amendedBecause: String?

    init(_ decision: Decision, clock: SchoolClock) {
        amendedBecause = decision.amendment.map { "\($0.kind == .rescinded ? "rescinded" : "amended") from \($0.previousOutcome.title.lowercased()): \($0.reason)" }
        granted = decision.grantedFrom.flatMap { from in decision.grantedTo.map { "\(from.longForm) to \($0.longForm)" } }
        overrideReason = decision.overrideReason
        consultation = decision.consultation
        outcome = decision.outcome.title
        outcomeClass = decision.outcome.rawValue
        reason = decision.reason
        decidedBy = "\(decision.decidedBy.name), \(decision.decidedBy.role.title)"
        decidedAt = clock.describe(decision.decidedAt)
    }

    func child(named key: String) -> Any? {
        switch key {
        case "outcome": self.outcome
        case "outcomeClass": self.outcomeClass
        case "reason": self.reason
        case "decidedBy": self.decidedBy
        case "decidedAt": self.decidedAt
        case "overrideReason": orAbsent(self.overrideReason)
        case "consultation": orAbsent(self.consultation)
        case "granted": orAbsent(self.granted)
        case "amendedBecause": orAbsent(self.amendedBecause)
        default: nil
        }
    }
}

struct AuditRow: MustacheParent {
    let at: String
    let who: String
    let action: String
    let detail: String
    /// The request the line is about, on the school-wide record.
    var reference: String? = nil

    init(_ event: AuditEvent, clock: SchoolClock) {
        at = clock.describe(event.at)
        who = "\(event.actor.name) (\(event.actor.role.title))"
        action = Self.title(of: event.action)
        detail = event.detail
    }

    static func title(of action: AuditEvent.Action) -> String {
        switch action {
        case .submitted: "Submitted"
        case .withdrawn: "Withdrawn"
        case .decided: "Decided"
        case .letterPrinted: "Letter printed"
        case .evidenceRequested: "Evidence asked for"
        case .evidenceSent: "Evidence sent"
        case .meetingRecorded: "Meeting recorded"
        case .consultationRecorded: "Consultation recorded"
        case .amended: "Decision amended"
        case .rescinded: "Decision rescinded"
        case .letterReprinted: "Letter reprinted"
        case .licenceAdded: "Licence added"
        }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "at": self.at
        case "who": self.who
        case "action": self.action
        case "detail": self.detail
        case "reference": orAbsent(self.reference)
        default: nil
        }
    }
}

/// One of the parent's answers as they gave it.
struct AnswerRow: MustacheParent {
    let question: String
    let answer: String

    func child(named key: String) -> Any? {
        switch key {
        case "question": self.question
        case "answer": self.answer
        default: nil
        }
    }
}

/// A file sent as evidence: its name, and where staff and its parent open it.
struct FileLink: MustacheParent {
    let id: String
    let fileName: String
    let href: String

    init(_ evidence: RequestDetails.Evidence) {
        id = evidence.id
        fileName = evidence.fileName
        href = Paths.file(evidence.id)
    }

    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "fileName": self.fileName
        case "href": self.href
        default: nil
        }
    }
}

/// A finding as a page shows it.
struct FindingView: MustacheParent {
    let rule: String
    let severity: String
    let severityTitle: String
    let message: String
    let source: String

    init(_ finding: Finding) {
        rule = finding.rule.rawValue
        severity = finding.severity.rawValue
        severityTitle = switch finding.severity {
        case .blocked: "Cannot be granted"
        case .refuse: "Policy says refuse"
        case .attention: "Weigh this"
        case .info: "For information"
        }
        message = finding.message
        source = finding.source
        citations = PolicyCitations.citations(for: finding.rule).map(CitationView.init)
        sourcesHref = Paths.Decisions.policies() + "#" + finding.rule.rawValue
    }

    /// The clauses the rule rests on, in the policy's words, and the page listing them all.
    let citations: [CitationView]
    let sourcesHref: String

    func child(named key: String) -> Any? {
        switch key {
        case "rule": self.rule
        case "severity": self.severity
        case "severityTitle": self.severityTitle
        case "message": self.message
        case "citations": self.citations
        case "hasCitations": !self.citations.isEmpty
        case "sourcesHref": self.sourcesHref
        case "source": self.source
        default: nil
        }
    }
}

/// What the headteacher asked the parent for, and the answer, as both of them see it.
struct EvidenceAskView: MustacheParent {
    let note: String
    let askedAt: String
    let askedBy: String
    let answeredAt: String?
    let answer: String?

    init(_ ask: EvidenceAsk, clock: SchoolClock) {
        note = ask.note
        askedAt = clock.describe(ask.askedAt)
        askedBy = ask.askedBy
        answeredAt = ask.answeredAt.map(clock.describe)
        answer = ask.answer.flatMap { $0.isEmpty ? nil : $0 }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "note": self.note
        case "askedAt": self.askedAt
        case "askedBy": self.askedBy
        case "answeredAt": orAbsent(self.answeredAt)
        case "answer": orAbsent(self.answer)
        default: nil
        }
    }
}

/// Evidence asked for and sent later: the asks, and the files that came in answer.
struct EvidenceHistory: MustacheParent {
    let asks: [EvidenceAskView]
    let files: [FileLink]

    init(asks: [EvidenceAsk], files: [StoredUpload], clock: SchoolClock) {
        self.asks = asks.map { EvidenceAskView($0, clock: clock) }
        self.files = files.map { FileLink(RequestDetails.Evidence(id: $0.id, fileName: $0.fileName)) }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "asks": self.asks
        case "files": self.files
        case "hasAsks": !self.asks.isEmpty
        case "hasFiles": !self.files.isEmpty
        default: nil
        }
    }
}
