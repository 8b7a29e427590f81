import Foundation
import Hummingbird
import LeaveStore

/// Keeps hummingbird-auth's sessions in the portal's own database, so sessions survive a
/// restart and a later multi-instance store shares them too.
struct StorePersistDriver: PersistDriver {
    let store: any WebSessionStore
    let now: @Sendable () -> Date

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await store.sessionValue(key: key, now: now()) != nil { throw PersistError.duplicate }
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let data = if let session = value as? PortalSession { Data(session.line.utf8) } else { try JSONEncoder().encode(value) }
        let expiresAt = expires.map { now().addingTimeInterval(TimeInterval($0.components.seconds)) }
        try await store.setSessionValue(key: key, value: data, expiresAt: expiresAt, keepExpiry: expires == nil, now: now())
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        // The portal's own sessions come with their account (and a parent's children), read in the same visit to the database.
        if Object.self == PortalSession.self {
            let found = try await store.session(key: key, now: now()) { data in
                guard let session = try? PortalSession(stored: data) else { throw PersistError.invalidConversion }
                return (session, session.accountID)
            }
            guard let found else { return nil }
            var session = found.session
            session.account = found.account
            session.children = found.children
            guard let object = session as? Object else { return nil }
            return (object, found.expiresAt.map(timeLeft))
        }
        guard let (data, expiresAt) = try await store.sessionValue(key: key, now: now()) else { return nil }
        do {
            let object = try JSONDecoder().decode(Object.self, from: data)
            return (object, expiresAt.map(timeLeft))
        } catch {
            throw PersistError.invalidConversion
        }
    }

    /// How long until `expiry`, without trapping on a stored time no clock could reach.
    func timeLeft(_ expiry: Date) -> Duration {
        let seconds = expiry.timeIntervalSince(now())
        return .seconds(seconds.isFinite ? min(max(seconds, 0), 1e10) : 0)
    }

    func remove(key: String) async throws {
        try await store.removeSessionValue(key: key)
    }

    func shutdown() async throws {}
}
