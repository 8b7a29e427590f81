import Foundation
import LeaveCore
import LeaveServices
import LeaveStore
import Testing

/// Issue 13 "The demo": `--demo` starts with a queue worth deciding, made through the parents'
/// and headteacher's own use cases, dated from today, and only once.
@Suite("The demo's requests")
struct DemoRequestsTests {
    @Test func aDozenRequestsOfEveryKindAndStateAreMadeOnce() async throws {
        let h = try await ServiceHarness()
        let made = try await DemoRequests(services: h.services).make()
        #expect(made >= 14)
        let head = try await h.account("head@oakhollow.example")
        let queue = try await h.store.decisionQueue(schoolID: head.schoolID)
        let kinds = Set(queue.map(\.request.application.kind))
        #expect(kinds.isSuperset(of: [.exceptional, .holiday, .medical, .lunchtime, .performance, .religious, .traveller]), "\(kinds)")
        // Every waiting request has its deadline and the rules' advice of each kind.
        #expect(queue.allSatisfy { $0.request.decideBy != nil })
        let advice = Set(try await h.store.recommendations(requestIDs: queue.map(\.request.id), schoolID: head.schoolID).values)
        #expect(advice.isSuperset(of: [.consider, .refuse, .grant, .authorisedByLicence]), "\(advice)")
        #expect(queue.contains { $0.request.application.type == .lunchtime
            && ($0.request.decideBy.map { h.services.clock.today.days(until: $0.date) <= 7 } ?? false) })
        #expect(try await h.store.evidenceWaiting(schoolID: head.schoolID, limit: 10).count == 1)
        let decided = try await h.store.decidedRequests(schoolID: head.schoolID, offset: 0, limit: 50).requests
        #expect(Set(decided.map(\.outcome)) == [.granted, .grantedInPart, .refused])
        #expect(try h.count("leaveRequest WHERE status = 'withdrawn'") == 1)
        #expect(try h.count("requestNote") == 1)
        #expect(try h.count("decision WHERE amendment = 'amended'") == 1)
        // Sent once: a restart of a demo database makes none again.
        #expect(try await DemoRequests(services: h.services).make() == 0)
        #expect(try h.count("leaveRequest") == made)
    }
}
