import Foundation
import LeaveCore
import LeaveStore

/// The daily summary of new requests, for schools whose headteacher asked for one instead of an
/// e-mail for each: sent once a day, at the school's hour, when something has arrived.
public struct RequestDigests: Sendable {
    let store: any PortalStore
    let clock: SchoolClock
    let texts: MailTexts

    public init(store: any PortalStore, clock: SchoolClock, texts: MailTexts) {
        self.store = store
        self.clock = clock
        self.texts = texts
    }

    /// Sends the summaries due now; returns how many schools got one.
    @discardableResult
    public func sendDue() async throws -> Int {
        var sent = 0
        let hourNow = clock.hour
        for school in try await store.dailyDigestSchools() where hourNow >= school.hour {
            if let last = school.lastDigestAt, clock.date(of: last) == clock.today { continue }
            guard let details = try await store.school(id: school.schoolID) else { continue }
            let waiting = try await store.requestsWaiting(schoolID: school.schoolID, submittedAfter: school.lastDigestAt)
            let deciders = try await store.staff(schoolID: school.schoolID).filter { $0.isActive && ($0.role == .headteacher || $0.role == .deputy) }
            let messages = waiting.isEmpty ? [] : deciders.map { texts.newRequest(to: $0, requests: waiting, school: details) }
            // Another server may have sent it since: then this one sends nothing.
            let recorded = try await store.recordDigest(schoolID: school.schoolID, at: clock.now, previous: school.lastDigestAt, messages: messages)
            if recorded && !messages.isEmpty { sent += 1 }
        }
        return sent
    }
}
