/// A leave-of-absence request whose answers have all been checked.
public struct LeaveApplication: Hashable, Sendable, Codable {
    public let pupilID: Int64
    public let kind: LeaveKind
    public let purpose: String
    public let start: SessionPoint
    public let end: SessionPoint
    public let returnDate: SchoolDate

    public init(pupilID: Int64, kind: LeaveKind, purpose: String, start: SessionPoint, end: SessionPoint, returnDate: SchoolDate) {
        self.pupilID = pupilID
        self.kind = kind
        self.purpose = purpose
        self.start = start
        self.end = end
        self.returnDate = returnDate
    }

    /// Turns the application back into answers, so "Change" on the check page refills the form.
    public var answers: LeaveAnswers {
        LeaveAnswers(pupilID: String(pupilID), kind: kind.rawValue, purpose: purpose,
                     firstDay: DateAnswer(start.date), firstSession: start.session.rawValue,
                     lastDay: DateAnswer(end.date), lastSession: end.session.rawValue,
                     returnDay: DateAnswer(returnDate))
    }
}
