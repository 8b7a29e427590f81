import LeaveCore

/// Everything a decision letter says, gathered when the decision is made so the letter
/// stays as it was sent even if names, settings or the calendar change afterwards.
public struct DecisionLetter: Hashable, Sendable {
    public let school: School
    public let letterDate: SchoolDate
    public let parentName: String
    public let pupil: Pupil
    public let request: LeaveRequest
    public let outcome: DecisionOutcome
    public let reason: String
    public let decidedBy: Actor
    /// For a grant in part: the first and last sessions granted.
    public var grantedFrom: SessionPoint?
    /// A performance whose licence names its days: the licence authorises it (000), the school records it.
    public var byLicence = false
    /// Set when this letter changes an earlier decision: it says so first, and why.
    public var amendment: DecisionAmendment?
    /// The day the decision it replaces was made, in the school's time zone.
    public var previousDecidedOn: SchoolDate?
    /// The school's penalty-notice terms, for what a refusal says follows if the leave is taken
    /// (001 §5.2): the amounts per parent per child, and the threshold the school works to.
    public var penalty: PenaltyTerms?
    /// The parent's postal address, line by line, for the envelope's window (from the MIS's
    /// contact, when it gives one).
    public var parentAddress: [String] = []
    /// How a parent asks for a review or complains, as the school's settings word it.
    public var reviewProcedure: String?
    /// Set for the letter that asks for evidence before anything is decided: `reason` is then what
    /// the headteacher needs, and `outcome` is not said.
    public var asksForEvidence = false
    /// Where the parent reads the request and sends what is asked for.
    public var portalAddress: String?
    /// When a child out at lunchtime is due back ("1pm"), for a lunchtime permission's letter.
    public var lunchtimeReturnBy: String?
    /// The school's crest as uploaded (PNG), for the letterhead.
    public var crest: [UInt8]?
    public var grantedTo: SessionPoint?

    public init(school: School, letterDate: SchoolDate, parentName: String, pupil: Pupil,
                request: LeaveRequest, outcome: DecisionOutcome, reason: String, decidedBy: Actor) {
        self.school = school
        self.letterDate = letterDate
        self.parentName = parentName
        self.pupil = pupil
        self.request = request
        self.outcome = outcome
        self.reason = reason
        self.decidedBy = decidedBy
    }

    /// Refused leave that is taken anyway: G for leave of absence (004, 000's code list), O otherwise.
    var refusedCode: AttendanceCode { request.application.type == .leave ? .unauthorisedHoliday : .unauthorisedOther }

    /// Who signs: the headteacher, or the deputy or the office acting for them.
    public var signatory: (name: String, title: String) {
        switch decidedBy.role {
        case .deputy: (decidedBy.name, "Deputy Headteacher, for \(school.headteacherName), Headteacher")
        case .office: (decidedBy.name, "School Office, for \(school.headteacherName), Headteacher")
        default: (school.headteacherName, "Headteacher")
        }
    }
}
