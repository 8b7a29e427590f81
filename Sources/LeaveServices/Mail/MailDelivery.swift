import Foundation
import LeaveCore
import LeaveStore

/// Sends what the outbox holds: each message claimed (so another process does not send it too),
/// handed to the transport, marked sent; a failure is tried again with growing waits and given
/// up after the last try, where the office sees it.
public struct MailDelivery: Sendable {
    let store: any OutboxStore
    let transport: any MailTransport
    let from: String
    let clock: SchoolClock
    /// The waits between tries; after the last, the message is marked failed.
    public static let backoff: [TimeInterval] = [60, 300, 1_800, 7_200, 21_600]

    public init(store: any OutboxStore, transport: any MailTransport, from: String, clock: SchoolClock) {
        self.store = store
        self.transport = transport
        self.from = from
        self.clock = clock
    }

    /// Sends what is due now; returns how many were sent.
    @discardableResult
    public func deliverDue(limit: Int = 50) async throws -> Int {
        let now = clock.now
        // Claimed for ten minutes: long enough to send, short enough to be retried if this process dies.
        let due = try await store.claimDueMessages(now: now, until: now.addingTimeInterval(600), limit: limit)
        var sent = 0
        for item in due {
            do {
                try await transport.send(item.message, id: item.id, from: from, date: clock.now)
                try await store.markSent(id: item.id, at: clock.now)
                sent += 1
            } catch {
                let retry = item.attempts <= Self.backoff.count ? clock.now.addingTimeInterval(Self.backoff[item.attempts - 1]) : nil
                try await store.markFailed(id: item.id, error: String(describing: error).prefix(300).description, retryAt: retry, at: clock.now)
            }
        }
        return sent
    }
}
