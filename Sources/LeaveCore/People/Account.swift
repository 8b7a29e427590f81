import Foundation

/// Someone who can sign in: a parent or carer, or a member of staff.
public struct Account: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let schoolID: Int64
    public let email: String
    public let displayName: String
    public let role: Role
    /// Set when the account is closed: it can no longer sign in, and its sessions end at once.
    public let deactivatedAt: Date?
    /// Sessions signed in before this have ended (a password changed or reset, "sign out everywhere").
    public let sessionsValidFrom: Date?
    /// The name of the account's school, for the header of every page it sees (empty when not read).
    public let schoolName: String

    public init(id: Int64, schoolID: Int64, email: String, displayName: String, role: Role,
                deactivatedAt: Date? = nil, sessionsValidFrom: Date? = nil, schoolName: String = "") {
        self.id = id
        self.schoolID = schoolID
        self.email = email
        self.displayName = displayName
        self.role = role
        self.deactivatedAt = deactivatedAt
        self.sessionsValidFrom = sessionsValidFrom
        self.schoolName = schoolName
    }

    public var isActive: Bool { deactivatedAt == nil }
}

/// Who did something, as the record of it must show for years afterwards
/// even if the account is later renamed or closed.
public struct Actor: Hashable, Sendable, Codable {
    public let accountID: Int64
    public let name: String
    public let role: Role

    public init(accountID: Int64, name: String, role: Role) {
        self.accountID = accountID
        self.name = name
        self.role = role
    }

    public init(_ account: Account) {
        self.init(accountID: account.id, name: account.displayName, role: account.role)
    }
}
