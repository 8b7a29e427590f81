import Foundation
import LeaveCore

/// A child performance licence added to a request sent before the licence was issued.
public struct AddedLicence: Hashable, Sendable {
    public let number: String
    public let authority: String
    public let dates: [SchoolDate]
    public let addedAt: Date

    public init(number: String, authority: String, dates: [SchoolDate], addedAt: Date) {
        self.number = number
        self.authority = authority
        self.dates = dates
        self.addedAt = addedAt
    }
}

public protocol LicenceStore: Sendable {
    /// Adds the licence to the parent's own open performance request that was sent without one,
    /// with a line in its audit trail. `StoreError.notFound` for anyone else's; `alreadyDone` if
    /// it has a licence; `notOpen` once decided or withdrawn.
    func addLicence(_ licence: AddedLicence, requestID: Int64, by parent: Actor) async throws
    func addedLicence(requestID: Int64) async throws -> AddedLicence?
}
