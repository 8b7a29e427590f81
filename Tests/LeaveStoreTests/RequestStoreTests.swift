import Foundation
import GRDB
import Testing
@testable import LeaveCore
@testable import LeaveStore

@Suite("Requests, decisions and their record")
struct RequestStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    func application(for pupil: Pupil) -> LeaveApplication {
        LeaveApplication(pupilID: pupil.id, kind: .exceptional, purpose: "Funeral",
                         start: SessionPoint(SchoolDate(iso: "2026-12-07")!, .am),
                         end: SessionPoint(SchoolDate(iso: "2026-12-09")!, .pm),
                         returnDate: SchoolDate(iso: "2026-12-10")!)
    }

    func submitted(_ temp: TemporaryDatabase) async throws -> (Account, LeaveRequest) {
        let (parent, children) = try await temp.parent("parent2@example.com")
        let count = try await temp.store.calendar(schoolID: parent.schoolID)
            .count(from: application(for: children[0]).start, to: application(for: children[0]).end)
        let request = try await temp.store.submit(application(for: children[0]), schoolID: parent.schoolID,
                                                  by: Actor(parent), count: count, at: Self.now)
        return (parent, request)
    }

    func head(_ temp: TemporaryDatabase) async throws -> Account {
        try await temp.store.account(email: "head@oakhollow.example")!.account
    }

    @Test func submittingStoresTheRequestAndItsAuditEvent() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (parent, request) = try await submitted(temp)
        #expect(request.status == .awaitingDecision)
        #expect(request.sessions == 6)
        #expect(request.schoolDays == 3)
        let trail = try await temp.store.auditTrail(requestID: request.id, schoolID: parent.schoolID)
        #expect(trail.map(\.action) == [.submitted])
        #expect(trail.first?.actor == Actor(parent))
        let queue = try await temp.store.decisionQueue(schoolID: parent.schoolID)
        #expect(queue.map(\.request.reference) == [request.reference])
    }

    @Test func aParentCannotSubmitForAChildWhoIsNotTheirs() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (parent, _) = try await temp.parent("parent2@example.com")
        let (_, others) = try await temp.parent("parent3@example.com")
        await #expect(throws: StoreError.notFound) {
            _ = try await temp.store.submit(application(for: others[0]), schoolID: parent.schoolID,
                                            by: Actor(parent), count: .none, at: Self.now)
        }
        #expect(try temp.count("leaveRequest") == 0)
        #expect(try temp.count("auditEvent") == 0)
    }

    @Test func aDecisionItsLetterAndItsAuditEventAreWrittenTogether() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (parent, request) = try await submitted(temp)
        let head = try await head(temp)
        let decision = Decision(requestID: request.id, outcome: .refused, reason: "Not exceptional",
                                decidedBy: Actor(head), decidedAt: Self.now)
        try await temp.store.decide(decision, schoolID: head.schoolID, letterHTML: "<article>letter</article>", message: nil)
        #expect(try await temp.store.decision(requestID: request.id, schoolID: head.schoolID) == decision)
        let letters = try await temp.store.letters(schoolID: head.schoolID, printed: false, offset: 0, limit: 10).letters
        #expect(letters.map(\.html) == ["<article>letter</article>"])
        let trail = try await temp.store.auditTrail(requestID: request.id, schoolID: parent.schoolID)
        #expect(trail.map(\.action) == [.submitted, .decided])
        #expect(try await temp.store.decisionQueue(schoolID: head.schoolID).isEmpty)
    }

    @Test func aSecondDecisionIsRefusedAndWritesNothing() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (_, request) = try await submitted(temp)
        let head = try await head(temp)
        let first = Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(head), decidedAt: Self.now)
        try await temp.store.decide(first, schoolID: head.schoolID, letterHTML: "one", message: nil)
        let second = Decision(requestID: request.id, outcome: .refused, reason: "No", decidedBy: Actor(head), decidedAt: Self.now)
        await #expect(throws: StoreError.notOpen(.granted)) {
            try await temp.store.decide(second, schoolID: head.schoolID, letterHTML: "two", message: nil)
        }
        #expect(try temp.count("decision") == 1)
        #expect(try temp.count("letter") == 1)
        #expect(try temp.count("auditEvent") == 2)
    }

    /// If any part of a decision cannot be written, none of it is: here the letter insert fails.
    @Test func aDecisionWhoseLetterCannotBeStoredLeavesNoTrace() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (_, request) = try await submitted(temp)
        let head = try await head(temp)
        try await temp.database.writer.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER fail_letter BEFORE INSERT ON letter BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        }
        let decision = Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(head), decidedAt: Self.now)
        await #expect(throws: (any Error).self) {
            try await temp.store.decide(decision, schoolID: head.schoolID, letterHTML: "letter", message: nil)
        }
        #expect(try temp.count("decision") == 0)
        #expect(try temp.count("auditEvent") == 1)
        #expect(try await temp.store.decisionQueue(schoolID: head.schoolID).count == 1)
    }

    /// The record's transitions are the database's to enforce, not only the code's (000 and 001 on
    /// keeping records): a decided request keeps its status, its facts never change, and a letter
    /// is marked printed once.
    @Test func theDatabaseRefusesToRewriteADecidedRequestOrAPrintedLetter() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (_, request) = try await submitted(temp)
        let head = try await head(temp)
        let decision = Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(head), decidedAt: Self.now)
        try await temp.store.decide(decision, schoolID: head.schoolID, letterHTML: "letter", message: nil)
        let refusals = [
            "UPDATE leaveRequest SET status = 'refused' WHERE id = \(request.id)",
            "UPDATE leaveRequest SET status = 'awaiting-decision' WHERE id = \(request.id)",
            "UPDATE leaveRequest SET startDate = '2026-12-08' WHERE id = \(request.id)",
        ]
        for sql in refusals {
            await #expect(throws: DatabaseError.self, "\(sql)") { try await temp.database.writer.write { db in try db.execute(sql: sql) } }
        }
        try await temp.database.writer.write { db in try db.execute(sql: "UPDATE letter SET printedAt = 1 WHERE requestId = \(request.id)") }
        await #expect(throws: DatabaseError.self) {
            try await temp.database.writer.write { db in try db.execute(sql: "UPDATE letter SET printedAt = 2 WHERE requestId = \(request.id)") }
        }
    }

    @Test func staffOfAnotherSchoolCannotReachTheRequest() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (_, request) = try await submitted(temp)
        let otherHead = try await temp.store.account(email: "head@willowmere.example")!.account
        #expect(try await temp.store.request(reference: request.reference, schoolID: otherHead.schoolID) == nil)
        #expect(try await temp.store.decisionQueue(schoolID: otherHead.schoolID).isEmpty)
        let decision = Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(otherHead), decidedAt: Self.now)
        await #expect(throws: StoreError.notFound) {
            try await temp.store.decide(decision, schoolID: otherHead.schoolID, letterHTML: "x", message: nil)
        }
    }

    @Test func withdrawingKeepsTheRequestOnRecord() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (parent, request) = try await submitted(temp)
        let withdrawn = try await temp.store.withdraw(requestID: request.id, schoolID: parent.schoolID, by: Actor(parent), at: Self.now)
        #expect(withdrawn.status == .withdrawn)
        await #expect(throws: StoreError.notOpen(.withdrawn)) {
            _ = try await temp.store.withdraw(requestID: request.id, schoolID: parent.schoolID, by: Actor(parent), at: Self.now)
        }
        #expect(try await temp.store.requests(parentID: parent.id, pupilID: nil, offset: 0, limit: 50).requests.map(\.request.status) == [.withdrawn])
    }

    @Test func requestsDecisionsAndAuditLinesCannotBeDeletedOrRewritten() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (_, request) = try await submitted(temp)
        let head = try await head(temp)
        try await temp.store.decide(Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(head), decidedAt: Self.now),
                                    schoolID: head.schoolID, letterHTML: "letter", message: nil)
        for sql in ["DELETE FROM leaveRequest", "DELETE FROM decision", "UPDATE decision SET reason = 'changed'",
                    "DELETE FROM auditEvent", "UPDATE auditEvent SET detail = 'changed'", "UPDATE letter SET html = 'changed'"] {
            #expect(throws: DatabaseError.self, "\(sql) should be refused") {
                try temp.database.writer.write { db in try db.execute(sql: sql) }
            }
        }
    }

    @Test func markingALetterPrintedIsAuditedAndHappensOnce() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (_, request) = try await submitted(temp)
        let head = try await head(temp)
        try await temp.store.decide(Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(head), decidedAt: Self.now),
                                    schoolID: head.schoolID, letterHTML: "letter", message: nil)
        let office = try await temp.store.account(email: "office@oakhollow.example")!.account
        let letter = try await temp.store.letters(schoolID: office.schoolID, printed: false, offset: 0, limit: 5).letters[0]
        try await temp.store.markPrinted(letterID: letter.id, schoolID: office.schoolID, by: Actor(office), at: Self.now)
        await #expect(throws: StoreError.alreadyPrinted) {
            try await temp.store.markPrinted(letterID: letter.id, schoolID: office.schoolID, by: Actor(office), at: Self.now)
        }
        #expect(try await temp.store.letters(schoolID: office.schoolID, printed: false, offset: 0, limit: 5).letters.isEmpty)
        #expect(try await temp.store.auditTrail(requestID: request.id, schoolID: office.schoolID).map(\.action) == [.submitted, .decided, .letterPrinted])
    }

    @Test func sessionsExpire() async throws {
        let temp = try TemporaryDatabase()
        try await temp.store.setSessionValue(key: "a", value: Data("x".utf8), expiresAt: Self.now.addingTimeInterval(60), keepExpiry: false, now: Self.now)
        #expect(try await temp.store.sessionValue(key: "a", now: Self.now)?.value == Data("x".utf8))
        #expect(try await temp.store.sessionValue(key: "a", now: Self.now.addingTimeInterval(61)) == nil)
        try await temp.store.removeSessionValue(key: "a")
        #expect(try await temp.store.sessionValue(key: "a", now: Self.now) == nil)
    }
}

/// A page of the decision queue is read along an index, however long the queue (issue 11).
@Suite("The queue at a trust's scale")
struct QueuePlanTests {
    @Test func aPageOfTheQueueIsAnIndexRangeScanWithNoSorting() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let plan = try await temp.database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT leaveRequest.id FROM leaveRequest " + SQLiteStore.queueOrder() + " LIMIT 50 OFFSET 100",
                             arguments: [1, RequestStatus.awaitingDecision.rawValue]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX leaveRequest_queueOrder") || $0.contains("USING COVERING INDEX leaveRequest_queueOrder") },
                "plan: \(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "plan: \(plan)")
    }

    @Test func pagesOfTheQueueFollowOneAnother() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let (parent, children) = try await temp.parent("parent2@example.com")
        for day in 0..<60 {
            let date = SchoolDate(iso: "2027-01-04")!.adding(days: day)
            let application = LeaveApplication(pupilID: children[0].id, kind: .exceptional, purpose: "Day \(day)",
                                               start: SessionPoint(date, .am), end: SessionPoint(date, .pm), returnDate: date.adding(days: 1))
            _ = try await temp.store.submit(application, schoolID: parent.schoolID, by: Actor(parent), count: SessionCount(sessions: 2, schoolDays: 1, first: nil, last: nil),
                                            at: Date(timeIntervalSince1970: 1_795_000_000))
        }
        let first = try await temp.store.decisionQueue(schoolID: parent.schoolID, offset: 0, limit: 50)
        let second = try await temp.store.decisionQueue(schoolID: parent.schoolID, offset: 50, limit: 50)
        #expect(first.total == 60 && second.total == 60)
        #expect(first.requests.count == 50 && second.requests.count == 10)
        let all = try await temp.store.decisionQueue(schoolID: parent.schoolID)
        #expect((first.requests + second.requests).map(\.request.id) == all.map(\.request.id))
    }
}
