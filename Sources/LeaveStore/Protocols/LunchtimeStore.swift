import Foundation
import LeaveCore

/// A child signed out at the office at lunchtime, and back in (000 "Leave during lunch times").
public struct LunchtimeSignOut: Hashable, Sendable {
    public let requestID: Int64
    public let date: SchoolDate
    public let outAt: Date
    public let collectedBy: String
    public let outByName: String
    /// When the child was due back, in minutes after midnight, as the school's setting was then.
    public let dueBackMinutes: Int
    public let inAt: Date?
    public let inByName: String?

    public init(requestID: Int64, date: SchoolDate, outAt: Date, collectedBy: String, outByName: String, dueBackMinutes: Int,
                inAt: Date?, inByName: String?) {
        self.requestID = requestID
        self.date = date
        self.outAt = outAt
        self.collectedBy = collectedBy
        self.outByName = outByName
        self.dueBackMinutes = dueBackMinutes
        self.inAt = inAt
        self.inByName = inByName
    }
}

/// A lunchtime permission that runs on a day, with that day's signing out and in, if any.
public struct LunchtimeDay: Sendable {
    public let item: RequestWithPupil
    public let signOut: LunchtimeSignOut?

    public init(item: RequestWithPupil, signOut: LunchtimeSignOut?) {
        self.item = item
        self.signOut = signOut
    }
}

public protocol LunchtimeStore: Sendable {
    /// The granted lunchtime permissions whose dates include the day (the caller checks the
    /// weekday), by pupil's name, with the day's signing out; and any signing out on the day of a
    /// permission since stopped, so the day's record is whole.
    func lunchtime(schoolID: Int64, on date: SchoolDate) async throws -> [LunchtimeDay]
    /// Records the child signed out, due back at `dueBackMinutes`; `StoreError.alreadyDone` if
    /// the child was already signed out that day (under this permission or another).
    func signOutAtLunchtime(requestID: Int64, schoolID: Int64, on date: SchoolDate, collectedBy: String, dueBackMinutes: Int,
                            by actor: Actor, at: Date) async throws
    /// A parent's lunchtime requests that can still be stopped: permissions granted, and requests
    /// waiting for a decision.
    func lunchtimeToStop(parentID: Int64) async throws -> [LeaveRequest]
    /// Records the child back; `StoreError.alreadyDone` if already back, `.notFound` if never out.
    func signInAfterLunchtime(requestID: Int64, schoolID: Int64, on date: SchoolDate, by actor: Actor, at: Date) async throws
}
