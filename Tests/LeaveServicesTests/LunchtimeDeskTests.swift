import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveServices
@testable import LeaveStore

/// Issue 14, 000 "Leave during lunch times" and "Truancy": pupils are in class by 12:45 or 1pm;
/// a child signed back in after the school's time is flagged late, and so is one not back yet.
@Suite("Lunchtime signing out and in")
struct LunchtimeServiceTests {
    /// Bryn's permission for Mondays from today (Monday 23 November 2026), granted after the meeting.
    static func granted(_ h: ServiceHarness) async throws -> RequestWithPupil {
        let parent = try await h.account(FormSendingTests.parent)
        let bryn = try #require(try await h.children(of: parent).first)
        let answers: [String: [String]] = [
            "children": [String(bryn.id)], "days": ["Monday"], "from-day": ["23"], "from-month": ["11"], "from-year": ["2026"],
            "collector": ["Sam Marrowfield"], "purpose": ["Lunch at home"],
        ]
        guard case .sent(let requests) = try await h.services.sending.send(try h.form("lunchtime"), draft: h.draft("lunchtime", answers), parent: parent)
        else { throw ServiceError.notFound }
        let item = RequestWithPupil(request: requests[0], pupil: bryn)
        let head = try await h.account("head@oakhollow.example")
        #expect(try await h.services.decisions.recordNote(.meeting, item, heldOn: DateAnswer(day: "23", month: "11", year: "2026"),
                                                          note: "Met the parent", by: head).isEmpty)
        let decided = try await h.services.decisions.decide(item, answers: DecisionAnswers(outcome: "granted", reason: "Agreed"),
                                                            applyToLinked: false, by: head)
        guard case .decided = decided else { Issue.record("not granted: \(decided)"); throw ServiceError.notFound }
        return item
    }

    @Test func aChildBackAfterTheTimeIsLateAndOneStillOutPastItToo() async throws {
        let h = try await ServiceHarness()
        let item = try await Self.granted(h)
        let office = try await h.account("office@oakhollow.example")
        h.advance(minutes: 2 * 60)  // midday
        #expect(try await h.services.lunchtime.signOut(item.request.reference, collectedBy: "Sam Marrowfield", by: office).isEmpty)
        var day = try await h.services.lunchtime.day(schoolID: office.schoolID, on: SchoolDate(iso: "2026-11-23")!)
        #expect(day.dueBack.description == "1pm")
        #expect(day.children.count == 1 && !day.children[0].isLate)
        h.advance(minutes: 65)  // 1:05pm, still out: late
        day = try await h.services.lunchtime.day(schoolID: office.schoolID, on: SchoolDate(iso: "2026-11-23")!)
        #expect(day.children[0].isLate)
        try await h.services.lunchtime.signIn(item.request.reference, by: office)
        day = try await h.services.lunchtime.day(schoolID: office.schoolID, on: SchoolDate(iso: "2026-11-23")!)
        guard case .back(let at, let out, let who, let late) = day.children[0].state else { Issue.record("not back"); return }
        #expect((at.description, out.description, who, late) == ("1:05pm", "midday", "Sam Marrowfield", true))
        // The school moving its time later does not rewrite the day: the child was late then.
        let admin = try await h.account("admin@oakhollow.example")
        var policy = try await h.store.policy(schoolID: admin.schoolID)
        try policy.set(.lunchtimeReturnBy, to: .text("1:30pm"))
        try await h.services.settings.savePolicy(policy, by: admin)
        #expect(try await h.services.lunchtime.day(schoolID: office.schoolID, on: SchoolDate(iso: "2026-11-23")!).children[0].isLate)
    }

    /// The school sets its own time (000: 12:45 or 1pm, by lunch sitting).
    @Test func theTimeChildrenAreDueBackIsTheSchoolsSetting() throws {
        var policy = PolicySettings.standard
        try policy.set(.lunchtimeReturnBy, to: .text("12.45 pm"))
        #expect(policy.lunchtimeReturnMinutes == 12 * 60 + 45)
        #expect(policy.value(of: .lunchtimeReturnBy) == .text("12:45pm"))
        #expect(throws: PolicySettings.SettingError.self) { try policy.set(.lunchtimeReturnBy, to: .text("half twelve")) }
        #expect(throws: PolicySettings.SettingError.self) { try policy.set(.lunchtimeReturnBy, to: .text("6pm")) }
        try policy.set(.lunchtimeReturnBy, to: .text("1:15"))  // at lunchtime, a quarter past one in the afternoon
        #expect(policy.value(of: .lunchtimeReturnBy) == .text("1:15pm"))
    }

    /// A permission for Mondays is not used on a Tuesday.
    @Test func aChildWithoutPermissionTodayCannotBeSignedOut() async throws {
        let h = try await ServiceHarness()
        let item = try await Self.granted(h)
        let office = try await h.account("office@oakhollow.example")
        h.advance(days: 1)
        await #expect(throws: ServiceError.notFound) {
            _ = try await h.services.lunchtime.signOut(item.request.reference, collectedBy: "Sam", by: office)
        }
        let parent = try await h.account(FormSendingTests.parent)
        await #expect(throws: ServiceError.notFound) {
            _ = try await h.services.lunchtime.signOut(item.request.reference, collectedBy: "Sam", by: parent)
        }
    }
}
