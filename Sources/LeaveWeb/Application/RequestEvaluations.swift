import Foundation
import LeaveCore
import LeaveStore

/// Gathers what the rules need about a request (the school's policy and calendar, the
/// pupil's history and other requests) and runs them as of today.
struct RequestEvaluations: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    func evaluate(_ application: LeaveApplication, pupil: Pupil, requestID: Int64?, submittedOn: SchoolDate) async throws -> Evaluation {
        async let policy = store.policy(schoolID: pupil.schoolID)
        async let calendar = store.calendar(schoolID: pupil.schoolID)
        async let history = store.attendanceHistory(pupilID: pupil.id, schoolID: pupil.schoolID)
        async let previous = store.previousRequests(pupilID: pupil.id, schoolID: pupil.schoolID, excluding: requestID)
        let d = application.details
        let licence = d.hasLicence
            ? PerformanceLicence(number: d.licenceNumber ?? "", authority: d.licenceAuthority ?? "", dates: d.licenceDates,
                                 education: d.hoursPerWeek == nil && d.hoursPerDay.isEmpty && d.maxHoursOnADay == nil ? nil
                                     : EducationArrangements(hoursPerWeek: d.hoursPerWeek, hoursPerDay: d.hoursPerDay, maxHoursOnADay: d.maxHoursOnADay))
            : nil
        let request = RequestUnderReview(
            type: application.type, category: application.category, purpose: application.purpose,
            start: application.start, end: application.end, returnDate: application.returnDate,
            evidence: d.evidence.map(\.fileName), licence: licence, occupational: d.occupational, religion: d.religion,
            lunchtimeDays: d.days, meetingHeld: false, submittedOn: submittedOn)
        let input = EvaluationInput(asOf: clock.today, policy: try await policy, calendar: try await calendar,
                                    yearGroup: pupil.yearGroup, history: try await history,
                                    previousRequests: try await previous, request: request)
        return Evaluator.evaluate(input)
    }

    /// Evaluates a stored request afresh (history may have changed) and keeps the result.
    func refresh(_ item: RequestWithPupil) async throws -> Evaluation {
        let evaluation = try await evaluate(item.request.application, pupil: item.pupil, requestID: item.request.id,
                                            submittedOn: clock.date(of: item.request.submittedAt))
        try await store.saveEvaluation(evaluation, requestID: item.request.id, schoolID: item.request.schoolID, at: clock.now)
        return evaluation
    }
}

/// A finding as a page shows it.
struct FindingView {
    let rule: String
    let severity: String
    let severityTitle: String
    let message: String
    let source: String

    init(_ finding: Finding) {
        rule = finding.rule
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
}
