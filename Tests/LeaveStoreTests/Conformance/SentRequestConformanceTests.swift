import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// The parent's confirmation reads their request with its school, the requests sent with it and
/// the rules' stored result in one visit (issue 11), the same on both stores, and only their own.
@Suite("A sent request as its parent sees it")
struct SentRequestConformanceTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(arguments: StoreKind.available)
    func aParentReadsTheirRequestWithItsSchoolBrothersAndSistersAndResult(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let store = test.store
            let (parent, children) = try await StoreConformanceTests.parentWithChildren(store)
            try #require(children.count >= 2)
            let applications = children.prefix(2).map { StoreConformanceTests.application(for: $0) }
            let count = try await store.calendar(schoolID: parent.schoolID).count(from: applications[0].start, to: applications[0].end)
            let sent = try await store.submitGroup(applications, references: [.random(), .random()], schoolID: parent.schoolID,
                                                   by: Actor(parent), counts: [count, count], at: Self.now, submissionKey: "key", messages: [])
            let first = try #require(try await store.sentRequest(reference: sent[0].reference, parentID: parent.id))
            #expect(first.found.request.id == sent[0].id && first.school?.id == parent.schoolID)
            #expect(first.linked.map(\.request.id) == [sent[1].id])
            #expect(first.evaluation == nil, "not reviewed yet")

            let evaluation = Evaluation(recommendation: .consider, sessions: count.sessions, schoolDays: count.schoolDays,
                                        attendanceToDate: 0.97, projectedAttendance: 0.96, registerCode: nil, findings: [])
            try await store.saveEvaluation(evaluation, requestID: sent[0].id, schoolID: parent.schoolID, at: Self.now)
            let reviewed = try #require(try await store.sentRequest(reference: sent[0].reference, parentID: parent.id))
            #expect(reviewed.evaluation?.evaluation.recommendation == .consider)
            #expect(reviewed.evaluation?.evaluation.projectedAttendance == 0.96)

            // Another family's reference finds nothing.
            let head = try #require(try await store.account(email: "head@oakhollow.example")).account
            #expect(try await store.sentRequest(reference: sent[0].reference, parentID: head.id) == nil)
        }
    }
}

/// The headteacher's request page reads the request and its file in one visit (issue 11): the
/// same file as reading them one after the other, and only the school's own requests.
@Suite("A request with its file")
struct RequestWithFileConformanceTests {
    @Test(arguments: StoreKind.available)
    func theRequestComesWithTheFileItWouldHaveAndOnlyForItsSchool(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let store = test.store
            let (parent, children) = try await StoreConformanceTests.parentWithChildren(store)
            let child = try #require(children.first)
            let application = StoreConformanceTests.application(for: child)
            let count = try await store.calendar(schoolID: child.schoolID).count(from: application.start, to: application.end)
            let sent = try await store.submitGroup([application], references: [.random()], schoolID: child.schoolID, by: Actor(parent),
                                                   counts: [count], at: SentRequestConformanceTests.now, submissionKey: "key", messages: [])
            let schoolID = child.schoolID
            let evaluation = Evaluation(recommendation: .refuse, sessions: count.sessions, schoolDays: count.schoolDays,
                                        attendanceToDate: 0.91, projectedAttendance: 0.89, registerCode: nil, findings: [])
            try await store.saveEvaluation(evaluation, requestID: sent[0].id, schoolID: schoolID, at: SentRequestConformanceTests.now)
            let first = try #require(try await store.request(reference: sent[0].reference, schoolID: schoolID))
            let loaded = try #require(try await store.requestWithFile(reference: first.request.reference, schoolID: schoolID,
                                                                      familyLimit: 12))
            let file = try await store.requestFile(first, familyLimit: 12)
            #expect(loaded.found.request.id == first.request.id && loaded.found.pupil.id == first.pupil.id)
            #expect(loaded.file.family.map(\.request.id) == file.family.map(\.request.id))
            #expect(loaded.file.attendance.marks.count == file.attendance.marks.count)
            #expect(loaded.file.parent?.id == file.parent?.id && loaded.file.parent?.id == first.request.parentID)
            #expect(loaded.file.audit.count == file.audit.count && loaded.file.calendar.terms == file.calendar.terms)
            #expect(loaded.file.evaluation?.evaluation.recommendation == .refuse)
            #expect(loaded.file.evaluation?.evaluation.projectedAttendance == 0.89)
            #expect(loaded.file.family.contains { $0.request.id == sent[0].id })
            #expect(loaded.file.audit.contains { $0.action == .submitted })

            // Another school's reference, and one nobody has, find nothing.
            let schools = try await store.schools().map(\.id)
            let other = try #require(schools.first { $0 != schoolID })
            #expect(try await store.requestWithFile(reference: first.request.reference, schoolID: other, familyLimit: 12) == nil)
            #expect(try await store.requestWithFile(reference: .random(), schoolID: schoolID, familyLimit: 12) == nil)
        }
    }
}

/// The queue's pages in its second half are read from its end (issue 11): page by page, from
/// either end, the queue is the same requests in the same order, ties by when they were sent.
@Suite("The queue page by page")
struct QueuePagesConformanceTests {
    @Test(arguments: StoreKind.available)
    func everyPageFromEitherEndIsTheQueueInOrder(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let store = test.store
            let (parent, children) = try await StoreConformanceTests.parentWithChildren(store)
            // Many requests alike (same days, sent at the same moment) and a few earlier ones.
            for round in 0..<6 {
                for child in children {
                    let start = round < 2 ? "2026-12-0\(7 + round)" : "2026-12-14"
                    let application = StoreConformanceTests.application(for: child, start: start, end: start, back: "2026-12-15")
                    let count = try await store.calendar(schoolID: child.schoolID).count(from: application.start, to: application.end)
                    _ = try await store.submit(application, schoolID: child.schoolID, by: Actor(parent), count: count,
                                               at: SentRequestConformanceTests.now)
                }
            }
            let whole = try await store.decisionQueue(schoolID: parent.schoolID, offset: 0, limit: 500)
            try #require(whole.total >= 12 && whole.requests.count == whole.total)
            for size in [1, 4, 5, 7] {
                var paged: [Int64] = []
                for offset in stride(from: 0, to: whole.total, by: size) {
                    let page = try await store.decisionQueue(schoolID: parent.schoolID, offset: offset, limit: size)
                    #expect(page.total == whole.total)
                    paged += page.requests.map(\.request.id)
                }
                #expect(paged == whole.requests.map(\.request.id), "pages of \(size)")
            }
            #expect(try await store.decisionQueue(schoolID: parent.schoolID, offset: whole.total, limit: 5).requests.isEmpty)
            #expect(try await store.decisionQueue(schoolID: parent.schoolID, offset: whole.total + 10, limit: 5).requests.isEmpty)
        }
    }
}
