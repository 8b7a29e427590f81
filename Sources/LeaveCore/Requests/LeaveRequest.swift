#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request as the school holds it: what was asked, for whom, and where it stands.
public struct LeaveRequest: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let reference: ReferenceNumber
    public let schoolID: Int64
    public let parentID: Int64
    public let application: LeaveApplication
    /// Counted on the school calendar when the request was made, so the queue and
    /// letter show the figure the parent saw.
    public let sessions: Int
    public let schoolDays: Int
    public let status: RequestStatus
    public let submittedAt: Date
    /// When it must be decided by, as the rules last worked it out; nil until they have run.
    public let decideBy: DecisionDeadline?

    public init(id: Int64, reference: ReferenceNumber, schoolID: Int64, parentID: Int64,
                application: LeaveApplication, sessions: Int, schoolDays: Int,
                status: RequestStatus, submittedAt: Date, decideBy: DecisionDeadline? = nil) {
        self.id = id
        self.reference = reference
        self.schoolID = schoolID
        self.parentID = parentID
        self.application = application
        self.sessions = sessions
        self.schoolDays = schoolDays
        self.status = status
        self.submittedAt = submittedAt
        self.decideBy = decideBy
    }
}
