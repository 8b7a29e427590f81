import Foundation
import LeaveCore
import LeaveLetters
import LeaveStore

/// The headteacher (or deputy) decides a request: the answers are checked against what the
/// rules found, the decision is recorded with its letter, and brothers' and sisters' requests
/// sent with it can take the same decision where their own findings allow.
public struct DecisionDesk: Sendable {
    let store: any PortalStore
    let clock: SchoolClock
    let texts: MailTexts
    /// The school's wording of its letters (letters/*.yaml).
    let wording: LetterWording

    public init(store: any PortalStore, clock: SchoolClock, texts: MailTexts = MailTexts(publicURL: ""), wording: LetterWording) {
        self.store = store
        self.clock = clock
        self.texts = texts
        self.wording = wording
    }

    public enum Outcome: Sendable {
        /// The answers need correcting; the evaluation they were checked against is given for the page.
        case invalid([FieldError], Evaluation)
        /// Right, but not confirmed yet: the letter it would send, for the headteacher to read first.
        case toConfirm(LetterContent, Evaluation)
        /// Recorded: the request, and any siblings that took the same decision.
        case decided(references: [ReferenceNumber])
    }

    /// The longest note the parent is sent: a few sentences on what is needed.
    public static let evidenceNoteLimit = 1_000

    /// Sends the request back to the parent with what is needed; they are e-mailed, and the
    /// request leaves the queue until they answer. Returns the problems with the note, if any.
    public func askForEvidence(_ item: RequestWithPupil, note: String, by decider: Account) async throws -> [FieldError] {
        guard decider.role == .headteacher || decider.role == .deputy, item.request.schoolID == decider.schoolID else {
            throw ServiceError.notFound
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.isEmpty { return [FieldError(field: "evidenceNote", message: "Enter what evidence the parent needs to send")] }
        if note.count > Self.evidenceNoteLimit {
            return [FieldError(field: "evidenceNote", message: "What the parent needs to send must be \(Self.evidenceNoteLimit) characters or fewer")]
        }
        let parent = try await store.account(id: item.request.parentID)
        let school = try await store.school(id: item.request.schoolID)
        let message = parent.flatMap { parent in
            school.map { texts.evidenceRequested(to: parent, request: item.request, pupil: item.pupil, note: note, school: $0) }
        }
        // A letter too, for the office to post: the parent may not read e-mail, and the record keeps
        // what was asked. Nothing is decided: the letter says so and names no outcome.
        var letter = try await letter(.refused, note, answers: DecisionAnswers(outcome: "", reason: note), for: item, by: decider)
        letter.asksForEvidence = true
        letter.portalAddress = texts.publicURL + "/parent/requests/" + item.request.reference.text
        do {
            try await store.askForEvidence(requestID: item.request.id, schoolID: item.request.schoolID, note: note,
                                           by: Actor(decider), at: clock.now, message: message, letter: LetterDocument(letter.content(wording)))
        } catch StoreError.notOpen(let status) {
            throw ServiceError.conflict("Request \(item.request.reference.text) has been \(status.title.lowercased()), so no evidence can be asked for.")
        }
        return []
    }

    /// Checks the answers; until `confirmed`, gives back the letter they would send instead of recording them.
    public func decide(_ item: RequestWithPupil, answers typed: DecisionAnswers, applyToLinked: Bool, confirmed: Bool = true,
                       by decider: Account) async throws -> Outcome {
        guard decider.role == .headteacher || decider.role == .deputy, item.request.schoolID == decider.schoolID else {
            throw ServiceError.notFound
        }
        let reference = item.request.reference.text
        if let existing = try await store.decision(requestID: item.request.id, schoolID: decider.schoolID) {
            throw ServiceError.conflict("Request \(reference) was already \(existing.outcome.title.lowercased()) by \(existing.decidedBy.name) on \(clock.describe(existing.decidedAt)). A decision cannot be made twice.")
        }
        guard item.request.status.isOpen else {
            throw ServiceError.conflict("Request \(reference) has been \(item.request.status.title.lowercased()) and no longer needs a decision.")
        }
        let review = RequestReview(store: store, clock: clock)
        let evaluation = try await review.current(item)
        var answers = typed
        // A consultation recorded as its own step stands for the decision's.
        if answers.consultation.trimmedOrNil == nil,
           let consulted = try await store.notes(requestID: item.request.id, schoolID: item.request.schoolID).last(where: { $0.kind == .consultation }) {
            answers.consultation = "\(consulted.heldOn.longForm): \(consulted.note)"
        }
        guard case .valid(let (outcome, reason)) = validate(answers, against: evaluation, for: item) else {
            return .invalid(validate(answers, against: evaluation, for: item).errors, evaluation)
        }
        if !confirmed {
            return .toConfirm(try await letter(outcome, reason, answers: answers, for: item, by: decider).content(wording), evaluation)
        }
        do {
            try await record(outcome, reason, answers: answers, evaluation: evaluation, for: item, by: decider)
        } catch StoreError.notOpen(let status) {
            throw ServiceError.conflict("Request \(reference) was \(status.title.lowercased()) while you were deciding. A decision cannot be made twice.")
        }
        var decided = [item.request.reference]
        var pupils: Set<Int64> = [item.pupil.id]
        if applyToLinked {
            for sibling in try await store.linkedRequests(to: item.request) where sibling.request.status.isOpen {
                let siblingEvaluation = try await review.current(sibling)
                guard case .valid = validate(answers, against: siblingEvaluation, for: sibling) else { continue }
                // A sibling decided by someone else meanwhile keeps that decision.
                do {
                    try await record(outcome, reason, answers: answers, evaluation: siblingEvaluation, for: sibling, by: decider)
                    decided.append(sibling.request.reference)
                    pupils.insert(sibling.pupil.id)
                } catch {
                    // The request decided is recorded; a sibling that cannot take the same decision
                    // now stays in the queue for its own.
                    continue
                }
            }
        }
        // A decision changes what the children's other open requests are judged against.
        try await review.reviewOpenRequests(ofPupils: pupils, schoolID: decider.schoolID)
        return .decided(references: decided)
    }

    /// The answers checked against the rules' findings and, for a grant in part, against what was asked.
    func validate(_ answers: DecisionAnswers, against evaluation: Evaluation, for item: RequestWithPupil)
        -> Validated<(outcome: DecisionOutcome, reason: String)> {
        let checked = answers.validate(against: evaluation, type: item.request.application.type)
        guard answers.outcome == DecisionOutcome.grantedInPart.rawValue else { return checked }
        let part = answers.grantedPart(of: (item.request.application.start, item.request.application.end)).errors
        if part.isEmpty { return checked }
        return .invalid(checked.errors + part)
    }

    /// The letter a decision sends, as it would be written today.
    func letter(_ outcome: DecisionOutcome, _ reason: String, answers: DecisionAnswers, for item: RequestWithPupil,
                by decider: Account, byLicence: Bool = false) async throws -> DecisionLetter {
        guard let school = try await store.school(id: decider.schoolID),
              let parent = try await store.account(id: item.request.parentID)
        else { throw ServiceError.notFound }
        var letter = DecisionLetter(school: school, letterDate: clock.today, parentName: parent.displayName,
                                    pupil: item.pupil, request: item.request, outcome: outcome,
                                    reason: reason, decidedBy: Actor(decider))
        letter.byLicence = byLicence
        letter.crest = try await store.crest(schoolID: decider.schoolID)
        letter.parentAddress = try await store.postalAddress(ofContact: parent.email, pupilID: item.pupil.id, schoolID: decider.schoolID)
        let policy = try await store.policy(schoolID: decider.schoolID)
        letter.penalty = PenaltyTerms(policy)
        letter.reviewProcedure = policy.reviewProcedure
        letter.lunchtimeReturnBy = TimeOfDay(clamping: policy.lunchtimeReturnMinutes).description
        if outcome == .grantedInPart, case .valid(let part) = answers.grantedPart(of: (item.request.application.start, item.request.application.end)) {
            letter.grantedFrom = part.from
            letter.grantedTo = part.to
        }
        return letter
    }

    /// Records one decision with its letter, written now and kept unchanged.
    func record(_ outcome: DecisionOutcome, _ reason: String, answers: DecisionAnswers, evaluation: Evaluation,
                for item: RequestWithPupil, by decider: Account, byLicence: Bool = false) async throws {
        guard let parent = try await store.account(id: item.request.parentID) else { throw ServiceError.notFound }
        let letter = try await letter(outcome, reason, answers: answers, for: item, by: decider, byLicence: byLicence)
        let decision = Decision(requestID: item.request.id, outcome: outcome, reason: reason,
                                decidedBy: letter.decidedBy, decidedAt: clock.now,
                                overrideReason: outcome.grants ? answers.overrideReason.trimmedOrNil : nil,
                                consultation: answers.consultation.trimmedOrNil,
                                grantedFrom: letter.grantedFrom, grantedTo: letter.grantedTo, findings: evaluation.findings)
        // The parent is told by e-mail, written with the decision so neither is kept without the other.
        let message = texts.decision(to: parent, request: item.request, pupil: item.pupil, decision: decision, school: letter.school)
        try await store.decide(decision, schoolID: decider.schoolID, letter: LetterDocument(letter.content(wording)), message: message)
    }

    /// Changes a decision already made (000 "Register amendments"): `amended` decides again with
    /// any outcome the request allows, `rescinded` withdraws a grant. The earlier decision is kept,
    /// the new one supersedes it, a new letter goes to the office and the parent is e-mailed.
    /// Until `confirmed`, gives back the letter it would send.
    public func amend(_ item: RequestWithPupil, kind: DecisionAmendment.Kind, answers typed: DecisionAnswers, why: String,
                      confirmed: Bool, by decider: Account) async throws -> Outcome {
        guard decider.role == .headteacher || decider.role == .deputy, item.request.schoolID == decider.schoolID else {
            throw ServiceError.notFound
        }
        let reference = item.request.reference.text
        guard let standing = try await store.decision(requestID: item.request.id, schoolID: decider.schoolID),
              item.request.status != .withdrawn
        else { throw ServiceError.conflict("Request \(reference) has no decision standing to change.") }
        let evaluation = try await RequestReview(store: store, clock: clock).current(item)
        let reasonWhy = why.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if reasonWhy.isEmpty {
            errors.append(FieldError(field: "amendmentReason", message: kind == .rescinded ? "Enter why the decision is rescinded" : "Enter why the decision is changed"))
        } else if reasonWhy.count > DecisionAmendment.reasonLimit {
            errors.append(FieldError(field: "amendmentReason", message: "Why the decision is changed must be \(DecisionAmendment.reasonLimit) characters or fewer"))
        }
        var answers = typed
        if kind == .rescinded {
            guard standing.outcome.grants else {
                throw ServiceError.conflict("Request \(reference) was refused; only a grant can be rescinded. Amend it instead.")
            }
            answers = DecisionAnswers(outcome: DecisionOutcome.refused.rawValue, reason: reasonWhy.isEmpty ? "-" : reasonWhy)
        }
        let checked = validate(answers, against: evaluation, for: item)
        guard errors.isEmpty, case .valid(let (outcome, reason)) = checked else {
            return .invalid(errors + checked.errors, evaluation)
        }
        let amendment = DecisionAmendment(kind: kind, reason: reasonWhy, previousOutcome: standing.outcome, previousDecidedAt: standing.decidedAt)
        let letterReason = kind == .rescinded ? reasonWhy : "\(reason)\n\nWhy the decision was changed: \(reasonWhy)"
        var letter = try await letter(outcome, letterReason, answers: answers, for: item, by: decider)
        letter.amendment = amendment
        letter.previousDecidedOn = clock.date(of: standing.decidedAt)
        if !confirmed { return .toConfirm(letter.content(wording), evaluation) }
        guard let parent = try await store.account(id: item.request.parentID) else { throw ServiceError.notFound }
        let decision = Decision(requestID: item.request.id, outcome: outcome, reason: reason, decidedBy: letter.decidedBy, decidedAt: clock.now,
                                overrideReason: outcome.grants ? answers.overrideReason.trimmedOrNil : nil,
                                consultation: answers.consultation.trimmedOrNil,
                                grantedFrom: letter.grantedFrom, grantedTo: letter.grantedTo, findings: evaluation.findings,
                                amendment: amendment)
        let message = texts.decision(to: parent, request: item.request, pupil: item.pupil, decision: decision, school: letter.school)
        do {
            try await store.amend(decision, replacing: standing.decidedAt, schoolID: decider.schoolID,
                                  letter: LetterDocument(letter.content(wording)), message: message)
        } catch StoreError.superseded {
            throw ServiceError.conflict("The decision on request \(reference) was changed by someone else while you were changing it. Look at it again.")
        }
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(ofPupils: [item.pupil.id], schoolID: decider.schoolID)
        return .decided(references: [item.request.reference])
    }

    /// The longest account of a meeting or consultation kept with a request.
    public static let noteLimit = RequestNote.noteLimit

    /// Keeps a meeting with the parent (lunchtime, 000) or a consultation (001 §5.1) with the
    /// request, then has the rules look again, since they ask whether it took place.
    public func recordNote(_ kind: RequestNote.Kind, _ item: RequestWithPupil, heldOn: DateAnswer, note: String,
                           by decider: Account) async throws -> [FieldError] {
        guard decider.role == .headteacher || decider.role == .deputy, item.request.schoolID == decider.schoolID else {
            throw ServiceError.notFound
        }
        let field = kind.rawValue
        var errors: [FieldError] = []
        var day: SchoolDate?
        switch heldOn.parse() {
        case .success(let date) where date > clock.today:
            errors.append(FieldError(field: "\(field)HeldOn", anchor: "\(field)HeldOn-day", message: "The date it took place must be today or in the past"))
        case .success(let date):
            day = date
        case .failure(.missing):
            errors.append(FieldError(field: "\(field)HeldOn", anchor: "\(field)HeldOn-day", message: "Enter the date it took place"))
        case .failure:
            errors.append(FieldError(field: "\(field)HeldOn", anchor: "\(field)HeldOn-day", message: "The date it took place must be a real date"))
        }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            errors.append(FieldError(field: "\(field)Note", message: kind == .meeting ? "Enter who met and what was agreed" : "Enter who was consulted and what they advised"))
        } else if text.count > Self.noteLimit {
            errors.append(FieldError(field: "\(field)Note", message: "The note must be \(Self.noteLimit) characters or fewer"))
        }
        guard errors.isEmpty, let day else { return errors }
        do {
            try await store.recordNote(RequestNote(kind: kind, heldOn: day, note: text, recordedBy: decider.displayName, recordedAt: clock.now),
                                       requestID: item.request.id, schoolID: item.request.schoolID, by: Actor(decider))
        } catch StoreError.notOpen(let status) {
            throw ServiceError.conflict("Request \(item.request.reference.text) has been \(status.title.lowercased()); nothing more can be recorded towards a decision.")
        }
        try await RequestReview(store: store, clock: clock).review([item])
        return []
    }

    /// A performance whose licence names its days is authorised by the licence itself (000
    /// "Performances and activities": C1, no further decision): the office or the headteacher
    /// records it in one step, with the licence as the reason, and the parent gets the letter.
    public func recordAuthorisedByLicence(_ sent: RequestWithPupil, by account: Account) async throws {
        guard [.headteacher, .deputy, .office].contains(account.role), sent.request.schoolID == account.schoolID else {
            throw ServiceError.notFound
        }
        // A licence the parent added after sending is the licence that authorises it.
        let item = try await RequestReview(store: store, clock: clock).withAddedLicence(sent)
        let reference = item.request.reference.text
        guard item.request.status.isOpen else {
            throw ServiceError.conflict("Request \(reference) has been \(item.request.status.title.lowercased()) and no longer needs recording.")
        }
        let evaluation = try await RequestReview(store: store, clock: clock).current(item)
        guard evaluation.recommendation == .authorisedByLicence else {
            throw ServiceError.conflict("Request \(reference) is not covered by a licence naming its days, so the headteacher decides it.")
        }
        let d = item.request.application.details
        let reason = "The absence is authorised by the child performance licence \(d.licenceNumber ?? "") issued by \(d.licenceAuthority ?? "the local authority"), which names these days. It will be recorded as C1 (performance under licence)."
        do {
            try await record(.granted, reason, answers: DecisionAnswers(outcome: DecisionOutcome.granted.rawValue, reason: reason),
                             evaluation: evaluation, for: item, by: account, byLicence: true)
        } catch StoreError.notOpen(let status) {
            throw ServiceError.conflict("Request \(reference) was \(status.title.lowercased()) meanwhile.")
        }
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(ofPupils: [item.pupil.id], schoolID: item.request.schoolID)
    }
}

extension String {
    var trimmedOrNil: String? {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
