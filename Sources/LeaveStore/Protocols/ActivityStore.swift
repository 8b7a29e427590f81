import Foundation
import LeaveCore

/// The school's record of sign-ins, settings, calendar, evidence and account changes. Stores
/// write the lines for their own changes in the same transaction as the change; these are for
/// what changes nothing else (a sign-in).
public protocol ActivityStore: Sendable {
    func recordActivity(_ activity: SchoolActivity) async throws
    /// The school's most recent lines, newest first.
    func activity(schoolID: Int64, limit: Int) async throws -> [SchoolActivity]
}
