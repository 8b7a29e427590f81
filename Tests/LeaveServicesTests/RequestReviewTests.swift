import Foundation
import GRDB
import LeaveCore
@testable import LeaveServices
import LeaveStore
import Testing

/// The rules run once per change that can alter their answer, and pages read what they said.
@Suite("The rules run once per change")
struct RequestReviewTests {
    /// Sends one leave request for the parent's first child and returns it with its pupil.
    static func send(_ h: ServiceHarness, parentEmail: String = FormSendingTests.parent) async throws -> RequestWithPupil {
        let parent = try await h.account(parentEmail)
        let children = try await h.children(of: parent)
        let outcome = try await h.services.sending.send(try h.form("leave"),
                                                        draft: h.draft("leave", FormSendingTests.leaveAnswers(children: [children[0]])),
                                                        parent: parent)
        guard case .sent(let requests) = outcome, let request = requests.first else { throw ServiceHarness.HarnessError("not sent") }
        return RequestWithPupil(request: request, pupil: children[0])
    }

    func evaluations(_ h: ServiceHarness, of requestID: Int64) throws -> Int {
        try h.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM requestEvaluation WHERE requestId = ?", arguments: [requestID]) ?? 0
        }
    }

    @Test func aSentRequestIsJudgedOnceAndReadingItWritesNothing() async throws {
        let h = try await ServiceHarness()
        let item = try await Self.send(h)
        #expect(try evaluations(h, of: item.request.id) == 1)
        let stored = try await h.services.review.stored(item)
        _ = try await h.services.review.stored(item)
        #expect(try evaluations(h, of: item.request.id) == 1)
        // Notice: asked on 23 November for 7 December, 14 days, under the default 14 (000 "Leave of absence").
        #expect(!stored.findings.isEmpty)
    }

    @Test func aPolicyChangeHasTheRulesLookAgainAtEveryOpenRequest() async throws {
        let h = try await ServiceHarness()
        let item = try await Self.send(h)
        let before = try await h.services.review.stored(item)
        #expect(!before.fired(.loaNotice))
        let admin = try await h.account("admin@oakhollow.example")
        var settings = try await h.store.policy(schoolID: admin.schoolID)
        // 001 §4 asks for 15 days' notice where 000 asks for two weeks.
        try settings.set(.noticeDays, to: .number(20))
        try await h.services.settings.savePolicy(settings, by: admin)
        #expect(try evaluations(h, of: item.request.id) == 2)
        #expect(try await h.services.review.stored(item).fired(.loaNotice))
    }

    @Test func anAssessmentWeekAddedByTheAdminReachesTheOpenRequests() async throws {
        let h = try await ServiceHarness()
        let item = try await Self.send(h)
        let admin = try await h.account("admin@oakhollow.example")
        let week = AssessmentPeriod(name: "Phonics screening check", yearGroups: [item.pupil.yearGroup.number],
                                    start: SchoolDate(iso: "2026-12-07")!, end: SchoolDate(iso: "2026-12-11")!)
        try await h.services.settings.addAssessment(week, by: admin)
        // 001 §4: leave during statutory assessments is not granted.
        #expect(try await h.services.review.stored(item).fired(.loaAssessment))
    }

    @Test func newMarksHaveTheRulesLookAgainOnlyAtThatPupilsRequests() async throws {
        let h = try await ServiceHarness()
        let mine = try await Self.send(h)
        let theirs = try await Self.send(h, parentEmail: "parent1@example.com")
        let upn = try #require(try await h.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT upn FROM pupil WHERE id = ?", arguments: [mine.pupil.id])
        })
        let csv = h.folder.appendingPathComponent("marks.csv")
        try "UPN,Date,Session,Mark\n\(upn),2026-11-20,AM,G\n\(upn),2026-11-20,PM,G\n".write(to: csv, atomically: true, encoding: .utf8)
        let (_, report) = try await h.services.imports.run(.attendance, path: csv.path, schoolID: mine.request.schoolID, actorName: "office")
        #expect(report.marks.changed == 2)
        #expect(try evaluations(h, of: mine.request.id) == 2)
        #expect(try evaluations(h, of: theirs.request.id) == 1)
    }

    @Test func aFileThatChangesNothingHasTheRulesLookAtNothing() async throws {
        let h = try await ServiceHarness()
        let mine = try await Self.send(h)
        let csv = h.folder.appendingPathComponent("unknown.csv")
        try "UPN,Date,Session,Mark\nZ999999999999,2026-11-20,AM,G\n".write(to: csv, atomically: true, encoding: .utf8)
        let (_, report) = try await h.services.imports.run(.attendance, path: csv.path, schoolID: mine.request.schoolID, actorName: "office")
        #expect(report.problems.map(\.location) == ["line 2"])
        #expect(report.summary.hasSuffix("1 problem"))
        #expect(try evaluations(h, of: mine.request.id) == 1)
    }
}

/// The school's record of what changes the rules' inputs: who, when, what it was and became.
@Suite("The school's record of changes")
struct SchoolActivityTests {
    @Test func policyAndCalendarChangesAreRecordedWithOldAndNewValues() async throws {
        let h = try await ServiceHarness()
        let admin = try await h.account("admin@oakhollow.example")
        var settings = try await h.store.policy(schoolID: admin.schoolID)
        try settings.set(.noticeDays, to: .number(20))
        try await h.services.settings.savePolicy(settings, by: admin)
        let week = AssessmentPeriod(name: "Multiplication tables check", yearGroups: [4],
                                    start: SchoolDate(iso: "2027-06-07")!, end: SchoolDate(iso: "2027-06-18")!)
        try await h.services.settings.addAssessment(week, by: admin)
        let lines = try await h.store.activity(schoolID: admin.schoolID, limit: 10)
        let policy = try #require(lines.first { $0.action == .policyChanged })
        #expect(policy.detail.contains("noticeDays: 14 → 20"))
        #expect(policy.actor == Actor(admin))
        let calendar = try #require(lines.first { $0.action == .calendarChanged })
        #expect(calendar.detail == "assessment added: Multiplication tables check, years 4, 2027-06-07 to 2027-06-18")
    }

    @Test func signInsAreRecordedWithoutThePassword() async throws {
        let h = try await ServiceHarness()
        _ = try await h.services.signIn.attempt(email: "office@oakhollow.example", password: "a-wrong-password")
        _ = try await h.services.signIn.attempt(email: "office@oakhollow.example", password: DemoTrust.password)
        let office = try await h.account("office@oakhollow.example")
        let lines = try await h.store.activity(schoolID: office.schoolID, limit: 5)
        #expect(lines.map(\.action).prefix(2) == [.signedIn, .signInRefused])
        #expect(!lines.contains { $0.detail.contains("a-wrong-password") || $0.detail.contains(DemoTrust.password) })
    }

    @Test func aParentTheMISNoLongerListsLosesTheLinkToTheChild() async throws {
        let h = try await ServiceHarness()
        let parent = try await h.account(FormSendingTests.parent)
        let children = try await h.children(of: parent)
        let child = children[0]
        let upn = try #require(try await h.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT upn FROM pupil WHERE id = ?", arguments: [child.id])
        })
        let csv = h.folder.appendingPathComponent("contacts.csv")
        try """
            UPN,Forename,Surname,Contact name,Contact email,Relationship,Parental responsibility
            \(upn),\(child.forename),\(child.surname),A New Carer,new.carer@example.com,Carer,yes
            """.write(to: csv, atomically: true, encoding: .utf8)
        _ = try await h.services.imports.run(.pupils, path: csv.path, schoolID: parent.schoolID, actorName: "office")
        let after = try await h.children(of: parent)
        #expect(!after.contains { $0.id == child.id })
        #expect(after.count == children.count - 1)
        let lines = try await h.store.activity(schoolID: parent.schoolID, limit: 5)
        #expect(lines.contains { $0.action == .parentLinkRemoved && $0.detail.contains("from pupil \(child.id)") })
    }
}
