import Foundation
import LeaveCore
import LeaveStore

/// The one place the rules run on requests. They run once per change that can alter their
/// answer (a request sent, new marks, a policy or calendar change, a decision or a withdrawal
/// of one of the pupil's requests) and the result is stored; pages read the stored result.
public struct RequestReview: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    /// What the rules would say of an application not sent yet (the parent's check page).
    /// Nothing is stored: the application is not a request until it is sent.
    /// `inputs`: what the rules read for this pupil, where the caller has read it already.
    public func preview(_ application: LeaveApplication, pupil: Pupil, inputs: ReviewInputs? = nil) async throws -> Evaluation {
        try await evaluate(application, pupil: pupil, requestID: nil, submittedOn: clock.today, inputs: inputs)
    }

    /// Runs the rules on these requests as of today and keeps each result, a school's in one
    /// transaction; what the rules read (policy, calendar, each pupil's marks and requests) is
    /// read for the school's requests together, in one read.
    @discardableResult
    public func review(_ items: [RequestWithPupil]) async throws -> [Int64: Evaluation] {
        var results: [Int64: Evaluation] = [:]
        for (schoolID, ofSchool) in Dictionary(grouping: items, by: \.request.schoolID) {
            let inputs = try await store.reviewInputs(schoolID: schoolID, pupilIDs: Set(ofSchool.map(\.pupil.id)))
            results.merge(try await review(ofSchool, schoolID: schoolID, inputs: inputs)) { $1 }
        }
        return results
    }

    /// One school's requests, with what the rules read for their pupils.
    @discardableResult
    func review(_ ofSchool: [RequestWithPupil], schoolID: Int64, inputs: ReviewInputs) async throws -> [Int64: Evaluation] {
        var evaluated: [Int64: Evaluation] = [:]
        var deadlines: [Int64: DecisionDeadline] = [:]
        for item in ofSchool {
            let submittedOn = clock.date(of: item.request.submittedAt)
            let input = EvaluationInput(asOf: clock.today, policy: inputs.policy, calendar: inputs.calendar, yearGroup: item.pupil.yearGroup,
                                        history: inputs.history(of: item.pupil.id),
                                        previousRequests: inputs.previousRequests(of: item.pupil.id, excluding: item.request.id),
                                        request: Self.underReview(try await application(of: item), submittedOn: submittedOn,
                                                                  meetingHeld: try await meetingHeld(item)))
            evaluated[item.request.id] = Evaluator.evaluate(input)
            deadlines[item.request.id] = DecisionDeadline.of(item.request.application.type, start: item.request.application.start,
                                                             submittedOn: submittedOn, calendar: inputs.calendar,
                                                             lunchtimeSchoolDays: inputs.policy.lunchtimeDecisionSchoolDays)
        }
        try await store.saveEvaluations(evaluated, deadlines: deadlines, schoolID: schoolID, at: clock.now)
        return evaluated
    }

    /// After a change to these pupils' registers or requests: their undecided requests again.
    @discardableResult
    public func reviewOpenRequests(ofPupils pupilIDs: Set<Int64>, schoolID: Int64) async throws -> Int {
        guard !pupilIDs.isEmpty else { return 0 }
        let (open, inputs) = try await store.openRequestsUnderReview(pupilIDs: pupilIDs, schoolID: schoolID)
        guard !open.isEmpty else { return 0 }
        try await review(open, schoolID: schoolID, inputs: inputs)
        return open.count
    }

    /// After a change to the school's policy or calendar: every undecided request of the school.
    @discardableResult
    public func reviewOpenRequests(schoolID: Int64) async throws -> Int {
        let open = try await store.decisionQueue(schoolID: schoolID)
        try await review(open)
        return open.count
    }

    /// Requests sent before deadlines were kept get theirs (and a fresh review) when the server starts.
    @discardableResult
    public func reviewRequestsWithoutDeadline() async throws -> Int {
        let undated = try await store.openRequestsWithoutDeadline()
        try await review(undated)
        return undated.count
    }

    /// The request as the rules read it: a performance with the licence its parent added later.
    func application(of item: RequestWithPupil) async throws -> LeaveApplication {
        let application = item.request.application
        guard application.type == .performance, !application.details.hasLicence,
              let added = try await store.addedLicence(requestID: item.request.id) else { return application }
        return application.withLicence(number: added.number, authority: added.authority, dates: added.dates)
    }

    /// The request with the licence its parent added later, for the letter and the record.
    func withAddedLicence(_ item: RequestWithPupil) async throws -> RequestWithPupil {
        let application = try await application(of: item)
        guard application != item.request.application else { return item }
        let r = item.request
        return RequestWithPupil(request: LeaveRequest(id: r.id, reference: r.reference, schoolID: r.schoolID, parentID: r.parentID,
                                                      application: application, sessions: r.sessions, schoolDays: r.schoolDays,
                                                      status: r.status, submittedAt: r.submittedAt, decideBy: r.decideBy),
                                pupil: item.pupil, group: item.group)
    }

    /// Whether the meeting with the parent a lunchtime request needs has been recorded.
    func meetingHeld(_ item: RequestWithPupil) async throws -> Bool {
        guard item.request.application.type == .lunchtime else { return false }
        return try await store.notes(requestID: item.request.id, schoolID: item.request.schoolID).contains { $0.kind == .meeting }
    }

    /// What a page shows: the stored result. Reading never writes, so a request with no stored
    /// result yet (one sent before results were kept) is judged for the page without keeping it.
    public func stored(_ item: RequestWithPupil) async throws -> Evaluation {
        try await stored(item, read: try await store.latestEvaluation(requestID: item.request.id, schoolID: item.request.schoolID))
    }

    /// The same, where the stored result was read already, with the request (nil: there is none).
    public func stored(_ item: RequestWithPupil, read: StoredEvaluation?) async throws -> Evaluation {
        if let read { return read.evaluation }
        return try await evaluate(try await application(of: item), pupil: item.pupil, requestID: item.request.id,
                                  submittedOn: clock.date(of: item.request.submittedAt), meetingHeld: try await meetingHeld(item))
    }

    /// What a decision is checked against: the stored result if the rules ran today; otherwise
    /// the rules run now and the result is kept, since a new school day is itself a change
    /// (notice, dates now past, marks up to yesterday).
    public func current(_ item: RequestWithPupil) async throws -> Evaluation {
        if let stored = try await store.latestEvaluation(requestID: item.request.id, schoolID: item.request.schoolID),
           clock.date(of: stored.evaluatedAt) == clock.today {
            return stored.evaluation
        }
        let reviewed = try await review([item])
        if let evaluation = reviewed[item.request.id] { return evaluation }
        return try await stored(item)
    }

    func evaluate(_ application: LeaveApplication, pupil: Pupil, requestID: Int64?, submittedOn: SchoolDate,
                  meetingHeld: Bool = false, inputs known: ReviewInputs? = nil) async throws -> Evaluation {
        let inputs = if let known { known } else { try await store.reviewInputs(schoolID: pupil.schoolID, pupilIDs: [pupil.id]) }
        let input = EvaluationInput(asOf: clock.today, policy: inputs.policy, calendar: inputs.calendar,
                                    yearGroup: pupil.yearGroup, history: inputs.history(of: pupil.id),
                                    previousRequests: inputs.previousRequests(of: pupil.id, excluding: requestID),
                                    request: Self.underReview(application, submittedOn: submittedOn, meetingHeld: meetingHeld))
        return Evaluator.evaluate(input)
    }

    /// What the rules read of a request: its dates and kind, and the facts its answers give.
    static func underReview(_ application: LeaveApplication, submittedOn: SchoolDate, meetingHeld: Bool) -> RequestUnderReview {
        let d = application.details
        let education = d.hoursPerWeek == nil && d.hoursPerDay.isEmpty && d.maxHoursOnADay == nil ? nil
            : EducationArrangements(hoursPerWeek: d.hoursPerWeek, hoursPerDay: d.hoursPerDay, maxHoursOnADay: d.maxHoursOnADay)
        let licence = d.hasLicence
            ? PerformanceLicence(number: d.licenceNumber ?? "", authority: d.licenceAuthority ?? "", dates: d.licenceDates,
                                 education: education)
            : nil
        return RequestUnderReview(
            type: application.type, category: application.category, purpose: application.purpose,
            start: application.start, end: application.end, returnDate: application.returnDate,
            evidence: d.evidence.map(\.fileName), licence: licence, occupational: d.occupational, religion: d.religion,
            lunchtimeDays: d.days, meetingHeld: meetingHeld, submittedOn: submittedOn)
    }
}
