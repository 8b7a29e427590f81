import Foundation
import LeaveCore

/// Accounts and their password hashes. Hashing is the caller's: the store only keeps the hash.
public protocol AccountStore: Sendable {
    func account(email: String) async throws -> (account: Account, passwordHash: String)?
    func account(id: Int64) async throws -> Account?
    func addAccount(schoolID: Int64, email: String, displayName: String, role: Role, passwordHash: String) async throws -> Account
    /// The school's staff accounts (not parents'), by name.
    func staff(schoolID: Int64) async throws -> [Account]
    /// A role changed or an account closed by the admin, recorded; a closed account's sessions end.
    func changeRole(accountID: Int64, schoolID: Int64, to role: Role, by admin: Actor, at: Date) async throws
    func deactivate(accountID: Int64, schoolID: Int64, by admin: Actor, at: Date) async throws
    /// Sets a new password and ends every session signed in before `at`.
    func setPassword(accountID: Int64, passwordHash: String, at: Date) async throws
    /// Ends every session of the account signed in before `at`.
    func endSessions(accountID: Int64, at: Date) async throws
    /// A reset link for the account (by the hash of its secret), with its e-mail, in one transaction.
    func createPasswordReset(accountID: Int64, tokenHash: String, at: Date, expiresAt: Date, message: MailMessage) async throws
    /// The account a reset link is for, if the link is unused and in date.
    func passwordReset(tokenHash: String, at: Date) async throws -> (id: Int64, account: Account)?
    /// Uses the link and sets the password, in one transaction; false if the link was used meanwhile.
    func completePasswordReset(id: Int64, passwordHash: String, at: Date) async throws -> Bool
}
