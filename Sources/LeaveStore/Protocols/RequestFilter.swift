import LeaveCore

/// What the headteacher narrows the queue or the decided list to. Every part is optional; an
/// empty filter is the whole list.
public struct RequestFilter: Hashable, Sendable {
    /// Part of the pupil's name, their UPN, or a request's reference.
    public var search: String
    public var yearGroup: YearGroup?
    public var kind: LeaveKind?
    /// The rules' newest advice.
    public var advice: Recommendation?
    /// The decided list only: what was decided.
    public var outcome: DecisionOutcome?
    /// The queue only: requests that must be decided on or before this day.
    public var decideByOnOrBefore: SchoolDate?

    public init(search: String = "", yearGroup: YearGroup? = nil, kind: LeaveKind? = nil, advice: Recommendation? = nil,
                outcome: DecisionOutcome? = nil, decideByOnOrBefore: SchoolDate? = nil) {
        self.search = search
        self.yearGroup = yearGroup
        self.kind = kind
        self.advice = advice
        self.outcome = outcome
        self.decideByOnOrBefore = decideByOnOrBefore
    }

    public static let none = RequestFilter()

    public var isEmpty: Bool { self == .none }
}
