import Hummingbird
import LeaveCore
import LeaveServices

/// The steps on a request besides deciding it: a meeting or consultation kept, a licence
/// recorded, a decision amended or rescinded.
extension HeadteacherController {
    /// A meeting with the parent or a consultation, kept with the request; the rules then look again.
    func recordNote(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await schoolRequest(context)
        guard let kind = RequestNote.Kind(rawValue: context.parameters.get("kind") ?? "") else { throw HTTPError(.notFound) }
        let f = context.form
        let typed = NoteAnswers(kind: kind, heldOn: DateAnswer(day: f["\(kind.rawValue)HeldOn-day"], month: f["\(kind.rawValue)HeldOn-month"],
                                                               year: f["\(kind.rawValue)HeldOn-year"]),
                                note: f["\(kind.rawValue)Note"])
        let errors = try await services.decisions.recordNote(kind, found, heldOn: typed.heldOn, note: typed.note, by: account)
        guard errors.isEmpty else {
            let evaluation = try await services.review.stored(found)
            return try await page(account, found, evaluation: evaluation, answers: DecisionAnswers(), errors: errors, context: context,
                                  status: .unprocessableContent, noteAnswers: typed)
        }
        return .redirect(to: Paths.Decisions.request(found.request.reference))
    }

    func recordLicence(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await schoolRequest(context)
        try await services.decisions.recordAuthorisedByLicence(found, by: account)
        return .redirect(to: Paths.Decisions.recorded(found.request.reference))
    }

    /// Amends or rescinds the standing decision: the form, then the letter to confirm, then recorded.
    func amend(_ context: PortalRequestContext) async throws -> Response {
        let (account, found) = try await schoolRequest(context)
        let f = context.form
        guard let kind = DecisionAmendment.Kind(rawValue: f["kind"]) else { throw HTTPError(.badRequest, message: "Choose whether to amend or rescind.") }
        let answers = Self.answers(f)
        let why = f["amendmentReason"]
        switch try await services.decisions.amend(found, kind: kind, answers: answers, why: why, confirmed: f["confirmed"] == "yes", by: account) {
        case .invalid(let errors, let evaluation):
            return try await page(account, found, evaluation: evaluation, answers: answers, errors: errors, context: context,
                                  status: .unprocessableContent, amendAnswers: (kind.rawValue, why))
        case .toConfirm(let letter, _):
            var carried = CarriedAnswer.all(answers, applyToLinked: false)
            carried += [CarriedAnswer(name: "kind", value: kind.rawValue), CarriedAnswer(name: "amendmentReason", value: why)]
            let confirmation = DecisionConfirmation(
                request: RequestRow(found, clock: clock), outcome: letter.outcome.title, outcomeClass: letter.outcome.rawValue,
                letter: LetterPreview(letter), action: Paths.Decisions.amend(found.request.reference), carried: carried, linkedToo: false,
                verb: kind == .rescinded ? "rescind the grant of" : "change the decision on")
            return views.render(.decideConfirm, confirmation,
                                layout: Layout(title: "Confirm the change to \(found.request.reference.text)", account: account,
                                               csrfToken: context.csrfToken))
        case .decided:
            return .redirect(to: Paths.Decisions.recorded(found.request.reference))
        }
    }
}
