import Foundation

/// Slows down password guessing: after `limit` failed sign-ins for one email address within
/// `window`, that address is refused until the window has passed. Kept in memory: a restart
/// forgets it, which is acceptable for a brake rather than a lock.
public actor SignInThrottle {
    public let limit: Int
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// When the address may try again, if it is held back now.
    public func heldUntil(_ email: String, now: Date) -> Date? {
        let recent = prune(email, now: now)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return oldest.addingTimeInterval(window)
    }

    public func failed(_ email: String, now: Date) {
        failures[email.lowercased(), default: []].append(now)
        _ = prune(email, now: now)
    }

    public func succeeded(_ email: String) {
        failures[email.lowercased()] = nil
    }

    private func prune(_ email: String, now: Date) -> [Date] {
        let key = email.lowercased()
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
