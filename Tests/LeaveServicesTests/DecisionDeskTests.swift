import Foundation
import LeaveCore
@testable import LeaveServices
import LeaveStore
import Testing

/// Deciding without HTTP: the answers checked against the findings, one decision only, its
/// letter, and brothers' and sisters' requests decided together.
@Suite("Deciding a request")
struct DecisionDeskTests {
    static func grant(_ reason: String = "A funeral is exceptional (001 §4)") -> DecisionAnswers {
        DecisionAnswers(outcome: DecisionOutcome.granted.rawValue, reason: reason)
    }

    @Test func aDecisionWithoutAReasonIsRefusedWithTheMessage() async throws {
        let h = try await ServiceHarness()
        let item = try await RequestReviewTests.send(h)
        let head = try await h.account("head@oakhollow.example")
        let outcome = try await h.services.decisions.decide(item, answers: Self.grant(""), applyToLinked: false, by: head)
        guard case .invalid(let errors, _) = outcome else { Issue.record("expected errors, got \(outcome)"); return }
        #expect(errors.contains { $0.field == "reason" })
        #expect(try h.count("decision") == 0)
    }

    @Test func aDecisionIsRecordedOnceWithItsLetter() async throws {
        let h = try await ServiceHarness()
        let item = try await RequestReviewTests.send(h)
        let head = try await h.account("head@oakhollow.example")
        let outcome = try await h.services.decisions.decide(item, answers: Self.grant(), applyToLinked: false, by: head)
        guard case .decided(let references) = outcome else { Issue.record("expected a decision, got \(outcome)"); return }
        #expect(references == [item.request.reference])
        #expect(try h.count("decision") == 1)
        #expect(try h.count("letter") == 1)
        // Issue 14: the letter is addressed for the envelope window from the MIS contact.
        let html = try await h.database.writer.read { db in try String.fetchOne(db, sql: "SELECT html FROM letter") }
        #expect(try #require(html).contains("<address class=\"letter__to\">"))
        #expect(try #require(html).contains("Sampleton<br>SA1 "))
        let deputy = try await h.account("deputy@oakhollow.example")
        await #expect(throws: ServiceError.self) {
            _ = try await h.services.decisions.decide(item, answers: Self.grant(), applyToLinked: false, by: deputy)
        }
        #expect(try h.count("decision") == 1)
    }

    @Test func onlyTheSchoolsHeadteacherOrDeputyCanDecide() async throws {
        let h = try await ServiceHarness()
        let item = try await RequestReviewTests.send(h)
        for email in ["office@oakhollow.example", "head@willowmere.example", FormSendingTests.parent] {
            let someone = try await h.account(email)
            await #expect(throws: ServiceError.notFound) {
                _ = try await h.services.decisions.decide(item, answers: Self.grant(), applyToLinked: false, by: someone)
            }
        }
        #expect(try h.count("decision") == 0)
    }

    @Test func siblingsRequestsTakeTheSameDecisionWhenAsked() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(FormSendingTests.parent)
        let children = try await h.children(of: parent)
        let sent = try await h.services.sending.send(try h.form("leave"), draft: h.draft("leave", FormSendingTests.leaveAnswers(children: children)),
                                                     parent: parent)
        guard case .sent(let requests) = sent else { Issue.record("not sent"); return }
        let first = RequestWithPupil(request: requests[0], pupil: try #require(children.first { $0.id == requests[0].application.pupilID }))
        let head = try await h.account("head@oakhollow.example")
        let outcome = try await h.services.decisions.decide(first, answers: Self.grant(), applyToLinked: true, by: head)
        guard case .decided(let references) = outcome else { Issue.record("expected a decision, got \(outcome)"); return }
        #expect(Set(references) == Set(requests.map(\.reference)))
        #expect(try h.count("letter") == 2)
    }

    @Test func aParentWithdrawsTheirOwnRequestOnce() async throws {
        let h = try await ServiceHarness()
        let item = try await RequestReviewTests.send(h)
        let stranger = try await h.account("parent1@example.com")
        await #expect(throws: ServiceError.notFound) { try await h.services.withdrawal.withdraw(item, by: stranger) }
        let parent = try await h.account(FormSendingTests.parent)
        try await h.services.withdrawal.withdraw(item, by: parent)
        await #expect(throws: ServiceError.conflict("This request cannot be withdrawn because it has already been withdrawn.")) {
            try await h.services.withdrawal.withdraw(item, by: parent)
        }
    }
}
