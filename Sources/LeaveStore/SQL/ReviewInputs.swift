import LeaveCore

/// One of a pupil's requests as the rules read it, with its id, so that a request can be left
/// out of its own history: a review of several requests reads their pupils' requests once.
public struct RequestOnRecord: Sendable, Hashable {
    public let id: Int64
    public let pupilID: Int64
    public let previous: PreviousRequest

    public init(id: Int64, pupilID: Int64, previous: PreviousRequest) {
        self.id = id
        self.pupilID = pupilID
        self.previous = previous
    }
}

/// Everything the rules read for some of a school's pupils, read in one transaction: the
/// school's policy and calendar, each pupil's register marks and each pupil's requests.
public struct ReviewInputs: Sendable {
    public let policy: PolicySettings
    public let calendar: SchoolCalendar
    public let histories: [Int64: AttendanceHistory]
    public let requests: [Int64: [RequestOnRecord]]

    public init(policy: PolicySettings, calendar: SchoolCalendar, histories: [Int64: AttendanceHistory], requests: [RequestOnRecord]) {
        self.policy = policy
        self.calendar = calendar
        self.histories = histories
        self.requests = Dictionary(grouping: requests, by: \.pupilID)
    }

    public func history(of pupilID: Int64) -> AttendanceHistory { histories[pupilID] ?? AttendanceHistory([]) }

    /// The pupil's requests but one (the request under review, if it is one already).
    public func previousRequests(of pupilID: Int64, excluding requestID: Int64?) -> [PreviousRequest] {
        (requests[pupilID] ?? []).filter { $0.id != requestID }.map(\.previous)
    }
}
