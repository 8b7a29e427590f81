import Foundation

/// An invitation to make an account: sent by e-mail as a single-use link that expires. Only a
/// hash of the link's secret is kept, so the table cannot be used to sign anyone in.
public struct Invitation: Hashable, Sendable {
    public enum Status: String, Sendable {
        case pending, accepted, expired, undelivered

        public var title: String {
            switch self {
            case .pending: "Sent"
            case .accepted: "Accepted"
            case .expired: "Expired"
            case .undelivered: "Not delivered: check the address, then send again"
            }
        }
    }

    public let id: Int64
    public let schoolID: Int64
    public let email: String
    public let name: String
    public let role: Role
    public let createdAt: Date
    public let expiresAt: Date
    public let acceptedAt: Date?
    /// Its e-mail could not be delivered (the transport gave up on it).
    public let undelivered: Bool

    public init(id: Int64, schoolID: Int64, email: String, name: String, role: Role, createdAt: Date, expiresAt: Date, acceptedAt: Date?,
                undelivered: Bool = false) {
        self.id = id
        self.schoolID = schoolID
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.undelivered = undelivered
    }

    public func status(at now: Date) -> Status {
        if acceptedAt != nil { return .accepted }
        if undelivered { return .undelivered }
        return now < expiresAt ? .pending : .expired
    }
}
