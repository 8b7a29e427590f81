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

    public init(store: any PortalStore, clock: SchoolClock, texts: MailTexts = MailTexts(publicURL: "")) {
        self.store = store
        self.clock = clock
        self.texts = texts
    }

    public enum Outcome: Sendable {
        /// The answers need correcting; the evaluation they were checked against is given for the page.
        case invalid([FieldError], Evaluation)
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
        do {
            try await store.askForEvidence(requestID: item.request.id, schoolID: item.request.schoolID, note: note,
                                           by: Actor(decider), at: clock.now, message: message)
        } catch StoreError.notOpen(let status) {
            throw ServiceError.conflict("Request \(item.request.reference.text) has been \(status.title.lowercased()), so no evidence can be asked for.")
        }
        return []
    }

    public func decide(_ item: RequestWithPupil, answers: DecisionAnswers, applyToLinked: Bool, by decider: Account) async throws -> Outcome {
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
        guard case .valid(let (outcome, reason)) = validate(answers, against: evaluation, for: item) else {
            return .invalid(validate(answers, against: evaluation, for: item).errors, evaluation)
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
        let checked = answers.validate(against: evaluation)
        guard answers.outcome == DecisionOutcome.grantedInPart.rawValue else { return checked }
        let part = answers.grantedPart(of: (item.request.application.start, item.request.application.end)).errors
        if part.isEmpty { return checked }
        return .invalid(checked.errors + part)
    }

    /// Records one decision with its letter, written now and kept unchanged.
    func record(_ outcome: DecisionOutcome, _ reason: String, answers: DecisionAnswers, evaluation: Evaluation,
                for item: RequestWithPupil, by decider: Account) async throws {
        guard let school = try await store.school(id: decider.schoolID),
              let parent = try await store.account(id: item.request.parentID)
        else { throw ServiceError.notFound }
        var part: (from: SessionPoint, to: SessionPoint)?
        if outcome == .grantedInPart, case .valid(let granted) = answers.grantedPart(of: (item.request.application.start, item.request.application.end)) {
            part = granted
        }
        let decision = Decision(requestID: item.request.id, outcome: outcome, reason: reason,
                                decidedBy: Actor(decider), decidedAt: clock.now,
                                overrideReason: outcome.grants ? answers.overrideReason.trimmedOrNil : nil,
                                consultation: answers.consultation.trimmedOrNil,
                                grantedFrom: part?.from, grantedTo: part?.to, findings: evaluation.findings)
        var letter = DecisionLetter(school: school, letterDate: clock.today, parentName: parent.displayName,
                                    pupil: item.pupil, request: item.request, outcome: outcome,
                                    reason: reason, decidedBy: decision.decidedBy)
        letter.grantedFrom = part?.from
        letter.grantedTo = part?.to
        // The parent is told by e-mail, written with the decision so neither is kept without the other.
        let message = texts.decision(to: parent, request: item.request, pupil: item.pupil, decision: decision, school: school)
        try await store.decide(decision, schoolID: decider.schoolID, letterHTML: LetterHTML.render(letter), message: message)
    }
}

extension String {
    var trimmedOrNil: String? {
        let text = trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
