import LeaveCore

/// Everything the headteacher's request page shows besides the request itself, read in one
/// transaction: one consistent picture, and one trip to the database instead of eleven.
public struct RequestFile: Sendable {
    /// Oldest first; the last one stands.
    public let decisions: [Decision]
    public let notes: [RequestNote]
    public let evidenceAsks: [EvidenceAsk]
    /// Files the parent sent after the request, in answer to an ask.
    public let laterEvidence: [StoredUpload]
    public let parent: Account?
    public let audit: [AuditEvent]
    /// The requests made with this one for brothers and sisters.
    public let linked: [RequestWithPupil]
    /// The pupil's and their brothers' and sisters' requests at this school, latest dates first.
    public let family: [RequestWithPupil]
    public let attendance: AttendanceHistory
    public let calendar: SchoolCalendar
    public let policy: PolicySettings
    /// The rules' newest stored result, read with the rest (nil for a request sent before results were kept).
    public let evaluation: StoredEvaluation?

    public init(decisions: [Decision], notes: [RequestNote], evidenceAsks: [EvidenceAsk], laterEvidence: [StoredUpload],
                parent: Account?, audit: [AuditEvent], linked: [RequestWithPupil], family: [RequestWithPupil],
                attendance: AttendanceHistory, calendar: SchoolCalendar, policy: PolicySettings, evaluation: StoredEvaluation?) {
        self.evaluation = evaluation
        self.decisions = decisions
        self.notes = notes
        self.evidenceAsks = evidenceAsks
        self.laterEvidence = laterEvidence
        self.parent = parent
        self.audit = audit
        self.linked = linked
        self.family = family
        self.attendance = attendance
        self.calendar = calendar
        self.policy = policy
    }
}
