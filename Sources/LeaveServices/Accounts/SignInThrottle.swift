import Foundation

/// Slows down password guessing. An attempt is counted before its password is checked, so
/// attempts made at the same moment cannot slip past the limit together. Two limits: one
/// address from one client (`pairLimit`), and one address from anywhere (`addressLimit`,
/// higher, so a guesser elsewhere does not lock the owner out at once). Kept in memory and
/// bounded: a restart forgets it, which is acceptable for a brake rather than a lock.
public actor SignInThrottle {
    public let pairLimit: Int
    public let addressLimit: Int
    /// Attempts from one client whatever the address, against one client trying many addresses.
    public let clientLimit: Int
    public let window: TimeInterval
    /// The most keys kept; past it the oldest are dropped, so a flood of made-up addresses
    /// cannot grow the process without bound.
    public let capacity: Int
    private var attempts: [String: [Date]] = [:]
    private var calls = 0

    public init(pairLimit: Int = 5, addressLimit: Int = 20, clientLimit: Int = 100, window: TimeInterval = 15 * 60, capacity: Int = 50_000) {
        self.pairLimit = pairLimit
        self.addressLimit = addressLimit
        self.clientLimit = clientLimit
        self.window = window
        self.capacity = capacity
    }

    public enum Reservation: Sendable, Equatable {
        /// Go on and check the password.
        case allowed
        /// Held back until then; nothing was checked.
        case heldUntil(Date)
    }

    /// Counts an attempt for the address from this client, unless one of the limits is reached.
    public func reserve(address: String, client: String, now: Date) -> Reservation {
        sweepIfDue(now: now)
        let pair = Self.pairKey(address, client)
        let clientKey = Self.clientKey(client)
        let forAddress = recent(address, now: now)
        let forPair = recent(pair, now: now)
        let forClient = recent(clientKey, now: now)
        if forPair.count >= pairLimit, let oldest = forPair.first { return .heldUntil(oldest.addingTimeInterval(window)) }
        if forAddress.count >= addressLimit, let oldest = forAddress.first { return .heldUntil(oldest.addingTimeInterval(window)) }
        if forClient.count >= clientLimit, let oldest = forClient.first { return .heldUntil(oldest.addingTimeInterval(window)) }
        attempts[address] = forAddress + [now]
        attempts[pair] = forPair + [now]
        attempts[clientKey] = forClient + [now]
        return .allowed
    }

    /// The right password: this client's attempts for the address are forgotten, and the one
    /// just counted no longer counts against the address.
    public func succeeded(address: String, client: String) {
        attempts[Self.pairKey(address, client)] = nil
        if var list = attempts[address], !list.isEmpty {
            list.removeLast()
            attempts[address] = list.isEmpty ? nil : list
        }
    }

    /// How many keys are held now (for tests of the bound).
    public var keyCount: Int { attempts.count }

    static func pairKey(_ address: String, _ client: String) -> String { address + "\u{1F}" + client }

    static func clientKey(_ client: String) -> String { "\u{1F}" + client }

    private func recent(_ key: String, now: Date) -> [Date] {
        (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    /// Expired entries go every so often, and the oldest keys when over capacity.
    private func sweepIfDue(now: Date) {
        calls += 1
        guard calls % 256 == 0 || attempts.count >= capacity else { return }
        attempts = attempts.compactMapValues { list in
            let kept = list.filter { now.timeIntervalSince($0) < window }
            return kept.isEmpty ? nil : kept
        }
        if attempts.count >= capacity {
            let byAge = attempts.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
            for (key, _) in byAge.prefix(attempts.count - capacity * 3 / 4) { attempts[key] = nil }
        }
    }
}
