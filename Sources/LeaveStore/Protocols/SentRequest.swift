import LeaveCore

/// A request as its parent sees it just after sending: the school it went to, the requests sent
/// with it for brothers and sisters, and the rules' stored result (nil for one sent before results
/// were kept), read together.
public struct SentRequest: Sendable {
    public let found: RequestWithPupil
    public let school: School?
    public let linked: [RequestWithPupil]
    public let evaluation: StoredEvaluation?

    public init(found: RequestWithPupil, school: School?, linked: [RequestWithPupil], evaluation: StoredEvaluation?) {
        self.found = found
        self.school = school
        self.linked = linked
        self.evaluation = evaluation
    }
}
