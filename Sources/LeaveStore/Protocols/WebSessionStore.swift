import Foundation
import LeaveCore

/// Where signed-in sessions are kept, so a restart does not sign everyone out.
public protocol WebSessionStore: Sendable {
    func sessionValue(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    /// A session and its account read in one go, as every signed-in page needs both: `decode`
    /// reads the stored value and names the account it belongs to. Nil when there is no such
    /// session or it has expired; the account is nil when it no longer exists.
    func session<Session: Sendable>(key: String, now: Date, decode: @escaping @Sendable (Data) throws -> (session: Session, accountID: Int64))
        async throws -> (session: Session, expiresAt: Date?, account: Account?)?
    func setSessionValue(key: String, value: Data, expiresAt: Date?, keepExpiry: Bool, now: Date) async throws
    func removeSessionValue(key: String) async throws
}
