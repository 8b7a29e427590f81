import LeaveCore

/// Everything the headteacher's queue page shows, read in one transaction: every store call is a
/// trip to the database and back (on PostgreSQL, three round trips at least), and the page
/// needed four.
public struct QueuePage: Sendable {
    /// The page of requests under the filter, most urgent first.
    public let requests: [RequestWithPupil]
    /// How many the filter finds in all.
    public let total: Int
    /// Each of the page's requests' newest advice from the rules.
    public let advice: [Int64: Recommendation]
    /// How many wait under each advice, and in all, whatever the filter.
    public let adviceCounts: [Recommendation: Int]
    public let waitingInAll: Int
    /// Requests sent back to parents for evidence, oldest first (none unless asked for).
    public let evidenceWaiting: [RequestWithPupil]

    public init(requests: [RequestWithPupil], total: Int, advice: [Int64: Recommendation], adviceCounts: [Recommendation: Int],
                waitingInAll: Int, evidenceWaiting: [RequestWithPupil]) {
        self.requests = requests
        self.total = total
        self.advice = advice
        self.adviceCounts = adviceCounts
        self.waitingInAll = waitingInAll
        self.evidenceWaiting = evidenceWaiting
    }
}
