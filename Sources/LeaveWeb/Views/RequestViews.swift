import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// A request as one row of a list or the head of its own page.
struct RequestRow: MustacheParent {
    let reference: String
    let pupilName: String
    let yearGroup: String
    let kind: String
    let purpose: String
    let firstSession: String
    let lastSession: String
    let firstDay: String
    let lastDay: String
    let returnDate: String
    let schoolDays: Int
    let sessions: Int
    let status: String
    let statusClass: String
    let isOpen: Bool
    let submittedAt: String
    /// Every answer the parent gave, and the files they sent.
    let answers: [AnswerRow]
    let hasAnswers: Bool
    let evidence: [FileLink]
    let hasEvidence: Bool
    /// The request's page for its parent, for the headteacher, and the parent's withdraw page.
    let parentHref: String
    let decisionHref: String
    let withdrawHref: String
    /// The rules' newest advice, for the queue.
    var recommendation: String = ""
    var recommendationClass: String = ""

    init(_ item: RequestWithPupil, clock: SchoolClock, recommendation: Recommendation? = nil) {
        if let recommendation {
            self.recommendation = recommendation.title
            self.recommendationClass = recommendation.rawValue
        }
        let r = item.request, a = r.application
        answers = a.details.answers.map { AnswerRow(question: $0.question, answer: $0.answer) }
        hasAnswers = !a.details.answers.isEmpty
        evidence = a.details.evidence.map(FileLink.init)
        hasEvidence = !a.details.evidence.isEmpty
        parentHref = Paths.Parent.request(r.reference)
        decisionHref = Paths.Decisions.request(r.reference)
        withdrawHref = Paths.Parent.withdraw(r.reference)
        reference = r.reference.text
        pupilName = item.pupil.fullName
        yearGroup = item.pupil.yearGroup.name
        kind = a.title
        purpose = a.purpose
        firstSession = a.start.longForm
        lastSession = a.end.longForm
        firstDay = "\(a.start.date.shortForm) \(a.start.session.rawValue)"
        lastDay = "\(a.end.date.shortForm) \(a.end.session.rawValue)"
        returnDate = a.returnDate.longForm
        schoolDays = r.schoolDays
        sessions = r.sessions
        status = r.status.title
        statusClass = r.status.rawValue
        isOpen = r.status.isOpen
        submittedAt = clock.describe(r.submittedAt)
    }

    func child(named key: String) -> Any? {
        switch key {
        case "reference": self.reference
        case "pupilName": self.pupilName
        case "yearGroup": self.yearGroup
        case "kind": self.kind
        case "purpose": self.purpose
        case "firstSession": self.firstSession
        case "lastSession": self.lastSession
        case "firstDay": self.firstDay
        case "lastDay": self.lastDay
        case "returnDate": self.returnDate
        case "schoolDays": self.schoolDays
        case "sessions": self.sessions
        case "status": self.status
        case "statusClass": self.statusClass
        case "isOpen": self.isOpen
        case "submittedAt": self.submittedAt
        case "answers": self.answers
        case "hasAnswers": self.hasAnswers
        case "evidence": self.evidence
        case "hasEvidence": self.hasEvidence
        case "parentHref": self.parentHref
        case "decisionHref": self.decisionHref
        case "withdrawHref": self.withdrawHref
        case "recommendation": self.recommendation
        case "recommendationClass": self.recommendationClass
        default: nil
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

    init(_ decision: Decision, clock: SchoolClock) {
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
        default: nil
        }
    }
}

struct AuditRow: MustacheParent {
    let at: String
    let who: String
    let action: String
    let detail: String

    init(_ event: AuditEvent, clock: SchoolClock) {
        at = clock.describe(event.at)
        who = "\(event.actor.name) (\(event.actor.role.title))"
        action = switch event.action {
        case .submitted: "Submitted"
        case .withdrawn: "Withdrawn"
        case .decided: "Decided"
        case .letterPrinted: "Letter printed"
        }
        detail = event.detail
    }

    func child(named key: String) -> Any? {
        switch key {
        case "at": self.at
        case "who": self.who
        case "action": self.action
        case "detail": self.detail
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
    }

    func child(named key: String) -> Any? {
        switch key {
        case "rule": self.rule
        case "severity": self.severity
        case "severityTitle": self.severityTitle
        case "message": self.message
        case "source": self.source
        default: nil
        }
    }
}
