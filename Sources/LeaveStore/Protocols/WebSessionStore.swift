import Foundation
import LeaveCore

/// Where signed-in sessions are kept, so a restart does not sign everyone out.
public protocol WebSessionStore: Sendable {
    func sessionValue(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    /// A session with its account, and a parent's children, read in one go, as every signed-in
    /// page needs them: `decode` reads the stored value and names the account it belongs to.
    /// Nil when there is no such session or it has expired.
    func session<Session: Sendable>(key: String, now: Date, decode: @escaping @Sendable (Data) throws -> (session: Session, accountID: Int64))
        async throws -> StoredSession<Session>?
    func setSessionValue(key: String, value: Data, expiresAt: Date?, keepExpiry: Bool, now: Date) async throws
    func removeSessionValue(key: String) async throws
}

/// A stored session with what every page needs of the person it belongs to, read in one visit
/// to the database (each visit costs a page about as much as a small query's own work).
public struct StoredSession<Session: Sendable>: Sendable {
    public let session: Session
    public let expiresAt: Date?
    /// Nil when the account no longer exists.
    public let account: Account?
    /// A parent's children, as the parent's pages offer them and check what is asked for against
    /// them; empty for staff.
    public let children: [Pupil]

    public init(session: Session, expiresAt: Date?, account: Account?, children: [Pupil]) {
        self.session = session
        self.expiresAt = expiresAt
        self.account = account
        self.children = children
    }
}
