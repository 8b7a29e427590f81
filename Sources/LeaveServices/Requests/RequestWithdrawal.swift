import Foundation
import LeaveCore
import LeaveStore

/// A parent withdraws their own request before it is decided.
public struct RequestWithdrawal: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    public func withdraw(_ item: RequestWithPupil, by parent: Account) async throws {
        // The request's own school: a parent may have children at two schools of the trust.
        let schoolID = item.request.schoolID
        guard item.request.parentID == parent.id else { throw ServiceError.notFound }
        do {
            _ = try await store.withdraw(requestID: item.request.id, schoolID: schoolID, by: Actor(parent), at: clock.now)
        } catch StoreError.notOpen(let status) {
            throw ServiceError.conflict("This request cannot be withdrawn because it has already been \(status.title.lowercased()).")
        }
        // A withdrawn request no longer counts against the child's other requests.
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(ofPupils: [item.pupil.id], schoolID: schoolID)
    }
}
