import LeaveCore
import LeaveStore

/// A request as one row of a list or the head of its own page.
struct RequestRow {
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
    let answers: [RequestDetails.Answer]
    let hasAnswers: Bool
    let evidence: [RequestDetails.Evidence]
    let hasEvidence: Bool
    /// The rules' newest advice, for the queue.
    var recommendation: String = ""
    var recommendationClass: String = ""

    init(_ item: RequestWithPupil, clock: SchoolClock, recommendation: Recommendation? = nil) {
        if let recommendation {
            self.recommendation = recommendation.title
            self.recommendationClass = recommendation.rawValue
        }
        let r = item.request, a = r.application
        answers = a.details.answers
        hasAnswers = !a.details.answers.isEmpty
        evidence = a.details.evidence
        hasEvidence = !a.details.evidence.isEmpty
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
}

/// A question and answer on a "Check your answers" or details page.
struct SummaryRow {
    let key: String
    let value: String
    let changeHref: String?
    let changeLabel: String
}

/// A decision as the parent and the headteacher see it after it is made.
struct DecisionView {
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
}

struct AuditRow {
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
}
