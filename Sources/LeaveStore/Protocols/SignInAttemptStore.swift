import Foundation

/// One count the sign-in throttle keeps (an address, a client, the two together), and how many
/// attempts it allows within the window.
public struct SignInLimit: Sendable, Equatable {
    public let key: String
    public let limit: Int

    public init(key: String, limit: Int) {
        self.key = key
        self.limit = limit
    }
}

/// Sign-in attempts, kept where every server process sees them.
public protocol SignInAttemptStore: Sendable {
    /// Counts one attempt under every key, unless a key already holds its limit within the
    /// window: then nothing is counted, and the moment that key's oldest attempt leaves the
    /// window comes back. One transaction, so attempts at the same moment, on one server or
    /// several, cannot pass a limit together. Attempts older than the window are forgotten.
    func reserveSignInAttempt(_ limits: [SignInLimit], window: TimeInterval, now: Date) async throws -> Date?
    /// Forgets every attempt under `key`, and the newest one under `newestOf`.
    func forgetSignInAttempts(key: String, newestOf other: String) async throws
    /// How many attempts are held: bounded by the window, whatever is typed.
    func signInAttemptCount() async throws -> Int
}
