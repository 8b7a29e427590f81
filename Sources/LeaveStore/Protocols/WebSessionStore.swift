import Foundation

/// Where signed-in sessions are kept, so a restart does not sign everyone out.
public protocol WebSessionStore: Sendable {
    func sessionValue(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    func setSessionValue(key: String, value: Data, expiresAt: Date?, keepExpiry: Bool, now: Date) async throws
    func removeSessionValue(key: String) async throws
}
