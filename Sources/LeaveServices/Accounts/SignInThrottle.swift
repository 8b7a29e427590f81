import Crypto
import Foundation
import LeaveStore

/// Slows down password guessing. An attempt is counted before its password is checked, so
/// attempts made at the same moment cannot slip past the limit together. Two limits: one
/// address from one client (`pairLimit`), and one address from anywhere (`addressLimit`,
/// higher, so a guesser elsewhere does not lock the owner out at once); and one client
/// whatever the address (`clientLimit`).
///
/// The counts are kept in the database, so several server processes behind a load balancer
/// count one guesser once, and a restart does not forget them. What was typed is kept only as
/// a SHA-256 of the key, and only for the window.
public struct SignInThrottle: Sendable {
    public let store: any SignInAttemptStore
    public let pairLimit: Int
    public let addressLimit: Int
    public let clientLimit: Int
    public let window: TimeInterval

    public init(store: any SignInAttemptStore, pairLimit: Int = 5, addressLimit: Int = 20, clientLimit: Int = 100, window: TimeInterval = 15 * 60) {
        self.store = store
        self.pairLimit = pairLimit
        self.addressLimit = addressLimit
        self.clientLimit = clientLimit
        self.window = window
    }

    public enum Reservation: Sendable, Equatable {
        /// Go on and check the password.
        case allowed
        /// Held back until then; nothing was checked.
        case heldUntil(Date)
    }

    /// Counts an attempt for the address from this client, unless one of the limits is reached.
    public func reserve(address: String, client: String, now: Date) async throws -> Reservation {
        let limits = [SignInLimit(key: Self.key("pair", address, client), limit: pairLimit),
                      SignInLimit(key: Self.key("address", address), limit: addressLimit),
                      SignInLimit(key: Self.key("client", client), limit: clientLimit)]
        return try await store.reserveSignInAttempt(limits, window: window, now: now).map { .heldUntil($0) } ?? .allowed
    }

    /// The right password: this client's attempts for the address are forgotten, and the one
    /// just counted no longer counts against the address.
    public func succeeded(address: String, client: String) async throws {
        try await store.forgetSignInAttempts(key: Self.key("pair", address, client), newestOf: Self.key("address", address))
    }

    static func key(_ kind: String, _ parts: String...) -> String {
        let digest = SHA256.hash(data: Data(([kind] + parts).joined(separator: "\u{1F}").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
