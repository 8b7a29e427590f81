import Foundation
import LeaveCore
import LeaveStore

/// The administrator changes what the rules read: the school's policy, its statutory
/// assessment weeks and its days set apart for religious observance. Each change has the
/// rules look again at every undecided request of the school.
public struct SchoolSettings: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    public func savePolicy(_ settings: PolicySettings, by admin: Account) async throws {
        try await change(by: admin) { try await store.savePolicy(settings, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func addAssessment(_ period: AssessmentPeriod, by admin: Account) async throws {
        try await change(by: admin) { try await store.addAssessment(period, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func removeAssessment(id: Int64, by admin: Account) async throws {
        try await change(by: admin) { try await store.removeAssessment(id: id, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func addReligiousDay(_ day: ReligiousDay, by admin: Account) async throws {
        try await change(by: admin) { try await store.addReligiousDay(day, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func removeReligiousDay(id: Int64, by admin: Account) async throws {
        try await change(by: admin) { try await store.removeReligiousDay(id: id, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    /// Only the school's administrator changes these; afterwards the rules look again at every open request.
    func change(by admin: Account, _ write: () async throws -> Void) async throws {
        guard admin.role == .admin else { throw ServiceError.notFound }
        try await write()
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(schoolID: admin.schoolID)
    }
}
