/// A child performance licence as the parent declares it (000 "Performances and activities").
public struct PerformanceLicence: Hashable, Sendable {
    public var number: String
    public var authority: String
    /// The days the licence names, or nil when it names none.
    public var dates: [SchoolDate]?
    public var education: EducationArrangements?

    public init(number: String, authority: String, dates: [SchoolDate]?, education: EducationArrangements?) {
        self.number = number
        self.authority = authority
        self.dates = dates
        self.education = education
    }
}

/// The education a licensed child receives while away.
public struct EducationArrangements: Hashable, Sendable {
    public var hoursPerWeek: Double?
    /// Hours a day over each four-week period of the licence.
    public var hoursPerDay: [Double]
    public var maxHoursOnADay: Double?

    public init(hoursPerWeek: Double?, hoursPerDay: [Double], maxHoursOnADay: Double?) {
        self.hoursPerWeek = hoursPerWeek
        self.hoursPerDay = hoursPerDay
        self.maxHoursOnADay = maxHoursOnADay
    }
}

/// How an earlier request of the same pupil ended.
public enum PreviousOutcome: String, Sendable, Codable, CaseIterable {
    case pending, granted, refused, withdrawn
    case grantedInPart = "granted-in-part"

    /// Still asking for, or given, those sessions.
    var holdsSessions: Bool { self == .pending || self == .granted || self == .grantedInPart }
}

/// An earlier request of the same pupil, for overlap and "asked before" checks.
public struct PreviousRequest: Hashable, Sendable {
    public var type: RequestType
    public var category: LeaveCategory?
    public var start: SchoolDate
    public var end: SchoolDate
    public var outcome: PreviousOutcome

    public init(type: RequestType, category: LeaveCategory?, start: SchoolDate, end: SchoolDate, outcome: PreviousOutcome) {
        self.type = type
        self.category = category
        self.start = start
        self.end = end
        self.outcome = outcome
    }
}

/// The request being judged.
public struct RequestUnderReview: Hashable, Sendable {
    public var type: RequestType
    public var category: LeaveCategory?
    public var purpose: String
    public var start: SessionPoint
    public var end: SessionPoint
    public var returnDate: SchoolDate?
    public var evidence: [String]
    /// For performances: nil when no licence was given.
    public var licence: PerformanceLicence?
    /// For travellers: whether the travel is for occupational purposes.
    public var occupational: Bool?
    /// For religious observance.
    public var religion: String?
    /// For lunchtime leave: the weekdays, and whether the discussion meeting has been held.
    public var lunchtimeDays: [Weekday]
    public var meetingHeld: Bool
    /// The day the request was made; the as-of date when not given.
    public var submittedOn: SchoolDate?

    public init(type: RequestType, category: LeaveCategory? = nil, purpose: String = "", start: SessionPoint, end: SessionPoint,
                returnDate: SchoolDate? = nil, evidence: [String] = [], licence: PerformanceLicence? = nil,
                occupational: Bool? = nil, religion: String? = nil, lunchtimeDays: [Weekday] = [], meetingHeld: Bool = false,
                submittedOn: SchoolDate? = nil) {
        self.type = type
        self.category = category
        self.purpose = purpose
        self.start = start
        self.end = end
        self.returnDate = returnDate
        self.evidence = evidence
        self.licence = licence
        self.occupational = occupational
        self.religion = religion
        self.lunchtimeDays = lunchtimeDays
        self.meetingHeld = meetingHeld
        self.submittedOn = submittedOn
    }
}

/// Everything the engine judges a request on. No clock, database or file: the as-of date
/// and the history come in here, so the same input always gives the same findings.
public struct EvaluationInput: Sendable {
    public var asOf: SchoolDate
    public var policy: PolicySettings
    public var calendar: SchoolCalendar
    public var yearGroup: YearGroup
    public var history: AttendanceHistory
    public var previousRequests: [PreviousRequest]
    public var request: RequestUnderReview

    public init(asOf: SchoolDate, policy: PolicySettings, calendar: SchoolCalendar, yearGroup: YearGroup,
                history: AttendanceHistory, previousRequests: [PreviousRequest], request: RequestUnderReview) {
        self.asOf = asOf
        self.policy = policy
        self.calendar = calendar
        self.yearGroup = yearGroup
        self.history = history
        self.previousRequests = previousRequests
        self.request = request
    }
}
