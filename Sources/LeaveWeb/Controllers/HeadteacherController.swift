import Foundation
import Hummingbird
import LeaveCore
import LeaveLetters
import LeaveStore

/// The headteacher's (or deputy's) decision queue and decision form, for their own school only.
struct HeadteacherController {
    let views: Views
    let store: any PortalStore
    let clock: SchoolClock

    func addRoutes(to router: Router<PortalRequestContext>) {
        let decisions = router.group("decisions").add(middleware: RoleMiddleware(.headteacher, .deputy))
        decisions.get("/") { _, context in try await queue(context) }
        decisions.get(":reference") { _, context in try await requestPage(context) }
        decisions.post(":reference") { _, context in try await decide(context) }
    }

    struct QueueContent {
        let requests: [RequestRow]
        let count: Int
        let isEmpty: Bool
    }

    var evaluations: RequestEvaluations { RequestEvaluations(store: store, clock: clock) }

    func queue(_ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let advice = try await store.recommendations(schoolID: account.schoolID)
        let rows = try await store.decisionQueue(schoolID: account.schoolID).map {
            RequestRow($0, clock: clock, recommendation: advice[$0.request.id])
        }
        return views.render("queue", QueueContent(requests: rows, count: rows.count, isEmpty: rows.isEmpty),
                            layout: Layout(title: "Decision queue", account: account, csrfToken: context.csrfToken))
    }

    struct RequestContent {
        let request: RequestRow
        let parentName: String
        let decision: DecisionView?
        let errors: ErrorSummary
        let outcome: ChoiceField
        let reason: TextField
        let reasonLimit: Int
        let audit: [AuditRow]
        let recommendation: String
        let recommendationClass: String
        let findings: [FindingView]
        let blocked: Bool
        /// Granting needs an override reason when a finding says refuse.
        let needsOverride: Bool
        let overrideReason: TextField
        /// The consultation the policy asks for, and with whom.
        let consultWith: String?
        let consultation: TextField
        /// The part granted, when granting some of it.
        let grantedFrom: DateField
        let grantedFromSession: ChoiceField
        let grantedTo: DateField
        let grantedToSession: ChoiceField
        let decidedFindings: [FindingView]
        let hasDecidedFindings: Bool
        /// Requests sent together for brothers and sisters, decided together or one by one.
        let linked: [RequestRow]
        let hasLinked: Bool
        let openLinked: Bool
    }

    /// A request of this school with this reference; another school's answers 404.
    func schoolRequest(_ context: PortalRequestContext) async throws -> (Account, RequestWithPupil) {
        let account = try context.requireAccount()
        guard let reference = ReferenceNumber(context.parameters.get("reference") ?? ""),
              let found = try await store.request(reference: reference, schoolID: account.schoolID)
        else { throw HTTPError(.notFound) }
        return (account, found)
    }

    func requestPage(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await schoolRequest(context)
        // History may have changed since the request was made, so the rules run again now.
        let evaluation = try await evaluations.refresh(found)
        return try await page(account, found, evaluation: evaluation, answers: DecisionAnswers(), errors: [], context: context, status: .ok)
    }

    func page(_ account: Account, _ found: RequestWithPupil, evaluation: Evaluation, answers: DecisionAnswers, errors: [FieldError],
              context: PortalRequestContext, status: HTTPResponse.Status) async throws -> Response {
        let decision = try await store.decision(requestID: found.request.id, schoolID: account.schoolID)
        let policy = try await store.policy(schoolID: account.schoolID)
        let parent = try await store.account(id: found.request.parentID)
        let audit = try await store.auditTrail(requestID: found.request.id, schoolID: account.schoolID)
        let linked = try await store.linkedRequests(to: found.request)
        let content = RequestContent(
            request: RequestRow(found, clock: clock), parentName: parent?.displayName ?? "",
            decision: decision.map { DecisionView($0, clock: clock) },
            errors: ErrorSummary(errors),
            outcome: ChoiceField("outcome", DecisionOutcome.allCases.map {
                let label = switch $0 {
                case .granted: "Grant all of it"
                case .grantedInPart: "Grant some of it"
                case .refused: "Refuse it"
                }
                return Choice(value: $0.rawValue, label: label,
                              hint: $0 == .grantedInPart ? "Say below which sessions are granted" : nil,
                              checked: answers.outcome == $0.rawValue)
            }, errors),
            reason: TextField("reason", answers.reason, errors),
            reasonLimit: DecisionAnswers.reasonLimit,
            audit: audit.map { AuditRow($0, clock: clock) },
            recommendation: evaluation.recommendation.title, recommendationClass: evaluation.recommendation.rawValue,
            findings: evaluation.findings.map(FindingView.init), blocked: evaluation.isBlocked,
            needsOverride: !evaluation.isBlocked && evaluation.findings.contains { $0.severity == .refuse },
            overrideReason: TextField("overrideReason", answers.overrideReason, errors),
            consultWith: evaluation.fired("LOA-UNFORESEEN") ? policy.escalateUnforeseenTo : nil,
            consultation: TextField("consultation", answers.consultation, errors),
            grantedFrom: DateField("grantedFrom", legend: "First session granted", hint: "For example, 7 12 2026", answers.grantedFrom, errors),
            grantedFromSession: Self.sessionChoice("grantedFromSession", answers.grantedFromSession, errors),
            grantedTo: DateField("grantedTo", legend: "Last session granted", hint: "For example, 8 12 2026", answers.grantedTo, errors),
            grantedToSession: Self.sessionChoice("grantedToSession", answers.grantedToSession, errors),
            decidedFindings: decision?.findings.map(FindingView.init) ?? [],
            hasDecidedFindings: !(decision?.findings.isEmpty ?? true),
            linked: linked.map { RequestRow($0, clock: clock) }, hasLinked: !linked.isEmpty,
            openLinked: linked.contains { $0.request.status.isOpen })
        let layout = Layout(title: "Request \(found.request.reference.text)", account: account,
                            csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render("decide", content, layout: layout, status: status)
    }

    func decide(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await schoolRequest(context)
        let f = context.form
        let answers = DecisionAnswers(
            outcome: f["outcome"], reason: f["reason"], overrideReason: f["overrideReason"], consultation: f["consultation"],
            grantedFrom: DateAnswer(day: f["grantedFrom-day"], month: f["grantedFrom-month"], year: f["grantedFrom-year"]),
            grantedFromSession: f["grantedFromSession"],
            grantedTo: DateAnswer(day: f["grantedTo-day"], month: f["grantedTo-month"], year: f["grantedTo-year"]),
            grantedToSession: f["grantedToSession"])
        if let existing = try await store.decision(requestID: found.request.id, schoolID: account.schoolID) {
            throw HTTPError(.conflict, message: "Request \(found.request.reference.text) was already \(existing.outcome.title.lowercased()) by \(existing.decidedBy.name) on \(clock.describe(existing.decidedAt)). A decision cannot be made twice.")
        }
        guard found.request.status.isOpen else {
            throw HTTPError(.conflict, message: "Request \(found.request.reference.text) has been \(found.request.status.title.lowercased()) and no longer needs a decision.")
        }
        let evaluation = try await evaluations.refresh(found)
        switch validate(answers, against: evaluation, for: found) {
        case .invalid(let errors):
            return try await page(account, found, evaluation: evaluation, answers: answers, errors: errors, context: context, status: .unprocessableContent)
        case .valid(let (outcome, reason)):
            do {
                try await record(outcome, reason, answers: answers, evaluation: evaluation, for: found, by: account)
            } catch StoreError.notOpen(let status) {
                throw HTTPError(.conflict, message: "Request \(found.request.reference.text) was \(status.title.lowercased()) while you were deciding. A decision cannot be made twice.")
            }
            if context.form["applyToLinked"] == "yes" {
                // Brothers' and sisters' requests take the same decision where their own findings allow it;
                // any that need something more stay in the queue.
                for sibling in try await store.linkedRequests(to: found.request) where sibling.request.status.isOpen {
                    let siblingEvaluation = try await evaluations.refresh(sibling)
                    guard case .valid = validate(answers, against: siblingEvaluation, for: sibling) else { continue }
                    try? await record(outcome, reason, answers: answers, evaluation: siblingEvaluation, for: sibling, by: account)
                }
            }
            return .redirect(to: "/decisions/\(found.request.reference.text)")
        }
    }

    static func sessionChoice(_ id: String, _ chosen: String, _ errors: [FieldError]) -> ChoiceField {
        ChoiceField(id, Session.allCases.map {
            Choice(value: $0.rawValue, label: $0.name.capitalisedFirst, hint: nil, checked: chosen == $0.rawValue)
        }, errors)
    }

    /// The answers checked against the rules' findings and, for a grant in part, against what was asked.
    func validate(_ answers: DecisionAnswers, against evaluation: Evaluation, for item: RequestWithPupil)
        -> Validated<(outcome: DecisionOutcome, reason: String)> {
        let checked = answers.validate(against: evaluation)
        guard answers.outcome == DecisionOutcome.grantedInPart.rawValue else { return checked }
        let part = answers.grantedPart(of: (item.request.application.start, item.request.application.end)).errors
        if part.isEmpty { return checked }
        return .invalid(checked.errors + part)
    }

    /// Records one decision with its letter, written now and kept unchanged.
    func record(_ outcome: DecisionOutcome, _ reason: String, answers: DecisionAnswers, evaluation: Evaluation,
                for item: RequestWithPupil, by account: Account) async throws {
        guard let school = try await store.school(id: account.schoolID),
              let parent = try await store.account(id: item.request.parentID)
        else { throw HTTPError(.notFound) }
        var part: (from: SessionPoint, to: SessionPoint)?
        if outcome == .grantedInPart, case .valid(let granted) = answers.grantedPart(of: (item.request.application.start, item.request.application.end)) {
            part = granted
        }
        let decision = Decision(requestID: item.request.id, outcome: outcome, reason: reason,
                                decidedBy: Actor(account), decidedAt: clock.now,
                                overrideReason: outcome.grants ? answers.overrideReason.trimmedOrNil : nil,
                                consultation: answers.consultation.trimmedOrNil,
                                grantedFrom: part?.from, grantedTo: part?.to, findings: evaluation.findings)
        var letter = DecisionLetter(school: school, letterDate: clock.today, parentName: parent.displayName,
                                    pupil: item.pupil, request: item.request, outcome: outcome,
                                    reason: reason, decidedBy: decision.decidedBy)
        letter.grantedFrom = part?.from
        letter.grantedTo = part?.to
        try await store.decide(decision, schoolID: account.schoolID, letterHTML: LetterHTML.render(letter))
    }
}

extension String {
    var trimmedOrNil: String? {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
