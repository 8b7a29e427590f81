import LeaveCore

/// Accounts and their password hashes. Hashing is the caller's: the store only keeps the hash.
public protocol AccountStore: Sendable {
    func account(email: String) async throws -> (account: Account, passwordHash: String)?
    func account(id: Int64) async throws -> Account?
    func addAccount(schoolID: Int64, email: String, displayName: String, role: Role, passwordHash: String) async throws -> Account
}
