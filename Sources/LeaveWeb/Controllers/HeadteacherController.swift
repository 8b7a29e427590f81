import Foundation
import Hummingbird
import LeaveCore
import LeaveServices
import LeaveStore
import Mustache

/// The headteacher's (or deputy's) decision queue and decision form, for their own school only.
/// The queue and the request page read what the rules said when they last ran; deciding is
/// `DecisionDesk`'s.
struct HeadteacherController {
    let views: Views
    let services: PortalServices

    var store: any PortalStore { services.store }
    var clock: SchoolClock { services.clock }

    func addRoutes(to router: Router<PortalRequestContext>) {
        let decisions = router.group().add(middleware: RoleMiddleware(.headteacher, .deputy))
        decisions.get(Paths.Decisions.queue.routerPath) { request, context in try await queue(request, context) }
        decisions.get(Paths.Decisions.decided.routerPath) { request, context in try await decided(request, context) }
        decisions.get(Paths.Decisions.policies.routerPath) { _, context in
            let account = try context.requireAccount()
            let policy = try await store.policy(schoolID: account.schoolID)
            return views.render(.policySources, PolicySourcesContent(policyAddress: policy.policyAddress),
                                layout: Layout(title: "The policy clauses the rules use", account: account, csrfToken: context.csrfToken))
        }
        decisions.get(Paths.Decisions.pupil.routerPath) { _, context in try await pupilPage(context) }
        decisions.get(Paths.Decisions.request.routerPath) { request, context in try await requestPage(request, context) }
        decisions.post(Paths.Decisions.request.routerPath) { _, context in try await decide(context) }
        decisions.post(Paths.Decisions.askForEvidence.routerPath) { _, context in try await askForEvidence(context) }
        decisions.post(Paths.Decisions.note.routerPath) { _, context in try await recordNote(context) }
        decisions.post(Paths.Decisions.licence.routerPath) { _, context in try await recordLicence(context) }
        decisions.post(Paths.Decisions.amend.routerPath) { _, context in try await amend(context) }
    }

    struct RequestContent: MustacheParent {
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
        /// Asking the parent for evidence instead of deciding now, and what was asked before.
        let evidenceNote: TextField
        let evidenceNoteLimit: Int
        let evidenceAction: String
        let evidence: EvidenceHistory
        let waitingForEvidence: Bool
        /// Just decided: the banner, and the next request in the queue's order.
        let recorded: Bool
        let next: RequestRow?
        /// Authorised by a licence naming its days: recorded in one step.
        let licenceAction: String?
        let offersPart: Bool
        let notes: [NoteView]
        let noteForms: [NoteForm]
        let picture: PupilPictureView
        let earlier: [EarlierDecisionView]
        let policyAddress: String?
        let amend: AmendForms?

        func child(named key: String) -> Any? {
            switch key {
            case "recorded": self.recorded
            case "next": orAbsent(self.next)
            case "licenceAction": orAbsent(self.licenceAction)
            case "offersPart": self.offersPart
            case "notes": self.notes
            case "hasNotes": !self.notes.isEmpty
            case "noteForms": self.noteForms
            case "picture": self.picture
            case "earlier": self.earlier
            case "policyAddress": orAbsent(self.policyAddress)
            case "hasEarlier": !self.earlier.isEmpty
            case "amend": orAbsent(self.amend)
            case "evidenceNote": self.evidenceNote
            case "evidenceNoteLimit": self.evidenceNoteLimit
            case "evidenceAction": self.evidenceAction
            case "evidence": self.evidence
            case "waitingForEvidence": self.waitingForEvidence
            case "request": self.request
            case "parentName": self.parentName
            case "decision": orAbsent(self.decision)
            case "errors": self.errors
            case "outcome": self.outcome
            case "reason": self.reason
            case "reasonLimit": self.reasonLimit
            case "audit": self.audit
            case "recommendation": self.recommendation
            case "recommendationClass": self.recommendationClass
            case "findings": self.findings
            case "blocked": self.blocked
            case "needsOverride": self.needsOverride
            case "overrideReason": self.overrideReason
            case "consultWith": orAbsent(self.consultWith)
            case "consultation": self.consultation
            case "grantedFrom": self.grantedFrom
            case "grantedFromSession": self.grantedFromSession
            case "grantedTo": self.grantedTo
            case "grantedToSession": self.grantedToSession
            case "decidedFindings": self.decidedFindings
            case "hasDecidedFindings": self.hasDecidedFindings
            case "linked": self.linked
            case "hasLinked": self.hasLinked
            case "openLinked": self.openLinked
            default: nil
            }
        }
    }

    /// A request of this school with this reference; another school's answers 404.
    func schoolRequest(_ context: PortalRequestContext) async throws -> (Account, RequestWithPupil) {
        let account = try context.requireAccount()
        guard let found = try await store.request(reference: try context.reference(), schoolID: account.schoolID)
        else { throw HTTPError(.notFound) }
        return (account, found)
    }

    static func outcomeLabel(_ outcome: DecisionOutcome) -> String {
        switch outcome {
        case .granted: "Grant all of it"
        case .grantedInPart: "Grant some of it"
        case .refused: "Refuse it"
        }
    }

    /// How many of the family's other requests the request page lists before pointing to the pupil's page.
    static let familyShown = 10

    func requestPage(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        // The request, its file and the stored result in one visit to the database.
        guard let loaded = try await store.requestWithFile(reference: try context.reference(), schoolID: account.schoolID,
                                                           familyLimit: Self.familyShown + 2)
        else { throw HTTPError(.notFound) }
        let (found, file) = loaded
        let evaluation = try await services.review.stored(found, read: file.evaluation)
        return try await page(account, found, evaluation: evaluation, answers: DecisionAnswers(), errors: [], context: context, status: .ok,
                              justRecorded: request.uri.queryParameters.get("recorded") == "1", file: file)
    }

    /// Sends the request back to the parent for evidence; the note is required and kept as typed when it is not right.
    func askForEvidence(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await schoolRequest(context)
        let note = context.form["evidenceNote"]
        // A decided or withdrawn request answers 409 through the error page, as deciding does.
        let errors = try await services.decisions.askForEvidence(found, note: note, by: account)
        guard errors.isEmpty else {
            let evaluation = try await services.review.stored(found)
            return try await page(account, found, evaluation: evaluation, answers: DecisionAnswers(), errors: errors, context: context,
                                  status: .unprocessableContent, evidenceNote: note)
        }
        return .redirect(to: Paths.Decisions.request(found.request.reference))
    }

    func page(_ account: Account, _ found: RequestWithPupil, evaluation: Evaluation, answers: DecisionAnswers, errors: [FieldError],
              context: PortalRequestContext, status: HTTPResponse.Status, evidenceNote: String = "",
              noteAnswers: NoteAnswers? = nil, justRecorded: Bool = false, amendAnswers: (kind: String, why: String)? = nil,
              file known: RequestFile? = nil) async throws -> Response {
        let file = if let known { known } else { try await store.requestFile(found, familyLimit: Self.familyShown + 2) }
        let allDecisions = file.decisions
        let earlier = zip(allDecisions, allDecisions.dropFirst()).map { before, after in
            EarlierDecisionView(decision: DecisionView(before, clock: clock),
                                replacedBecause: "\(after.decidedBy.name), \(clock.describe(after.decidedAt)): \(after.amendment?.reason ?? "")")
        }
        let notes = file.notes
        let isOpen = found.request.status.isOpen
        let type = found.request.application.type
        var noteKinds: [RequestNote.Kind] = []
        if isOpen { noteKinds = type == .lunchtime ? [.meeting] : [.consultation] }
        let consulted = notes.contains { $0.kind == .consultation }
        let allowed = DecisionOutcome.allowed(for: type, recommendation: evaluation.recommendation)
        // The banner's "Next request" is the queue's first: this one has just left it.
        let decision = allDecisions.last
        let recorded = justRecorded && decision != nil
        let next = recorded ? try await store.decisionQueue(schoolID: account.schoolID, offset: 0, limit: 1).requests.first : nil
        let policy = file.policy
        let linked = file.linked
        // The latest few here; all of them on the pupil's own page.
        let family = file.family.filter { $0.request.id != found.request.id }
        let picture = PupilPictureView(found.pupil, current: found.request,
                                       picture: PupilPicture(history: file.attendance, calendar: file.calendar, policy: policy, asOf: clock.today),
                                       others: Array(family.prefix(Self.familyShown)), clock: clock, views: views,
                                       moreHref: Paths.Decisions.pupil(String(found.pupil.id)), isShortened: family.count > Self.familyShown)
        let content = RequestContent(
            request: RequestRow(found, clock: clock), parentName: file.parent?.displayName ?? "",
            decision: decision.map { DecisionView($0, clock: clock) },
            errors: ErrorSummary(errors),
            outcome: ChoiceField("outcome", allowed.map {
                Choice(value: $0.rawValue, label: Self.outcomeLabel($0),
                              hint: $0 == .grantedInPart ? "Say below which sessions are granted" : nil,
                              checked: answers.outcome == $0.rawValue)
            }, errors),
            reason: TextField("reason", answers.reason, errors),
            reasonLimit: DecisionAnswers.reasonLimit,
            audit: file.audit.map { AuditRow($0, clock: clock) },
            recommendation: evaluation.recommendation.title, recommendationClass: evaluation.recommendation.rawValue,
            findings: evaluation.findings.map(FindingView.init), blocked: evaluation.isBlocked,
            needsOverride: !evaluation.isBlocked && evaluation.findings.contains { $0.severity == .refuse },
            overrideReason: TextField("overrideReason", answers.overrideReason, errors),
            consultWith: evaluation.fired(.loaUnforeseen) && !consulted ? policy.escalateUnforeseenTo : nil,
            consultation: TextField("consultation", answers.consultation, errors),
            grantedFrom: DateField("grantedFrom", legend: "First session granted", hint: "For example, 7 12 2026", answers.grantedFrom, errors),
            grantedFromSession: Self.sessionChoice("grantedFromSession", answers.grantedFromSession, errors),
            grantedTo: DateField("grantedTo", legend: "Last session granted", hint: "For example, 8 12 2026", answers.grantedTo, errors),
            grantedToSession: Self.sessionChoice("grantedToSession", answers.grantedToSession, errors),
            decidedFindings: decision?.findings.map(FindingView.init) ?? [],
            hasDecidedFindings: !(decision?.findings.isEmpty ?? true),
            linked: linked.map { RequestRow($0, clock: clock) }, hasLinked: !linked.isEmpty,
            openLinked: linked.contains { $0.request.status.isOpen },
            evidenceNote: TextField("evidenceNote", evidenceNote, errors), evidenceNoteLimit: DecisionDesk.evidenceNoteLimit,
            evidenceAction: Paths.Decisions.askForEvidence(found.request.reference),
            evidence: EvidenceHistory(asks: file.evidenceAsks, files: file.laterEvidence, clock: clock),
            waitingForEvidence: found.request.status == .evidenceRequested,
            recorded: recorded, next: next.map { RequestRow($0, clock: clock) },
            licenceAction: isOpen && evaluation.recommendation == .authorisedByLicence ? Paths.Decisions.licence(found.request.reference) : nil,
            offersPart: allowed.contains(.grantedInPart),
            notes: notes.map { NoteView($0, clock: clock) },
            noteForms: noteKinds.map { NoteForm($0, reference: found.request.reference, typed: noteAnswers, errors: errors, clock: clock) },
            picture: picture, earlier: earlier, policyAddress: policy.policyAddress,
            amend: decision == nil || found.request.status == .withdrawn ? nil : AmendForms(
                action: Paths.Decisions.amend(found.request.reference),
                outcome: ChoiceField("outcome", allowed.map {
                    Choice(value: $0.rawValue, label: Self.outcomeLabel($0), hint: $0 == .grantedInPart ? "Say below which sessions are granted" : nil,
                           checked: amendAnswers?.kind == "amended" && answers.outcome == $0.rawValue)
                }, amendAnswers?.kind == "amended" ? errors : []),
                reason: TextField("reason", amendAnswers?.kind == "amended" ? answers.reason : "", amendAnswers?.kind == "amended" ? errors : []),
                amendReason: TextField("amendmentReason", amendAnswers?.kind == "amended" ? amendAnswers?.why ?? "" : "",
                                       amendAnswers?.kind == "amended" ? errors : []),
                rescindReason: TextField("rescindReason", amendAnswers?.kind == "rescinded" ? amendAnswers?.why ?? "" : "",
                                         amendAnswers?.kind == "rescinded" ? errors.map { FieldError(field: $0.field == "amendmentReason" ? "rescindReason" : $0.field, message: $0.message) } : []),
                canRescind: decision?.outcome.grants ?? false,
                open: amendAnswers != nil))
        let layout = Layout(title: "Request \(found.request.reference.text)", account: account,
                            csrfToken: context.csrfToken, hasErrors: !errors.isEmpty)
        return views.render(.decide, content, layout: layout, status: status)
    }

    /// A decision as typed into the form, for deciding and for amending alike.
    static func answers(_ f: FormFields) -> DecisionAnswers {
        DecisionAnswers(
            outcome: f["outcome"], reason: f["reason"], overrideReason: f["overrideReason"], consultation: f["consultation"],
            grantedFrom: DateAnswer(day: f["grantedFrom-day"], month: f["grantedFrom-month"], year: f["grantedFrom-year"]),
            grantedFromSession: f["grantedFromSession"],
            grantedTo: DateAnswer(day: f["grantedTo-day"], month: f["grantedTo-month"], year: f["grantedTo-year"]),
            grantedToSession: f["grantedToSession"])
    }

    func decide(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await schoolRequest(context)
        let f = context.form
        let answers = Self.answers(f)
        let applyToLinked = f["applyToLinked"] == "yes"
        // "Change the decision" on the confirmation: the form again, as it was filled in.
        if f["change"] == "yes" {
            let evaluation = try await services.review.stored(found)
            return try await page(account, found, evaluation: evaluation, answers: answers, errors: [], context: context, status: .ok)
        }
        switch try await services.decisions.decide(found, answers: answers, applyToLinked: applyToLinked,
                                                   confirmed: f["confirmed"] == "yes", by: account) {
        case .invalid(let errors, let evaluation):
            return try await page(account, found, evaluation: evaluation, answers: answers, errors: errors, context: context,
                                  status: .unprocessableContent)
        case .toConfirm(let letter, _):
            let confirmation = DecisionConfirmation(
                request: RequestRow(found, clock: clock), outcome: letter.outcome.title, outcomeClass: letter.outcome.rawValue,
                letter: LetterPreview(letter), action: Paths.Decisions.request(found.request.reference),
                carried: CarriedAnswer.all(answers, applyToLinked: applyToLinked), linkedToo: applyToLinked)
            return views.render(.decideConfirm, confirmation,
                                layout: Layout(title: "Confirm your decision on \(found.request.reference.text)", account: account,
                                               csrfToken: context.csrfToken))
        case .decided:
            return .redirect(to: Paths.Decisions.recorded(found.request.reference))
        }
    }

    static func sessionChoice(_ id: String, _ chosen: String, _ errors: [FieldError]) -> ChoiceField {
        ChoiceField(id, Session.allCases.map {
            Choice(value: $0.rawValue, label: $0.name.capitalisedFirst, hint: nil, checked: chosen == $0.rawValue)
        }, errors)
    }
}
