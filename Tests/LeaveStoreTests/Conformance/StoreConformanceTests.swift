import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// The same promises from both stores (issue 16): each test runs on SQLite, and on PostgreSQL
/// where a server is given. What the record keeps, and what may happen once, is the database's
/// to enforce as well as the code's (000 and 001 on keeping records).
@Suite("Both stores keep the same promises")
struct StoreConformanceTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func application(for pupil: Pupil, start: String = "2026-12-07", end: String = "2026-12-09", back: String = "2026-12-10") -> LeaveApplication {
        LeaveApplication(pupilID: pupil.id, kind: .exceptional, purpose: "Funeral",
                         start: SessionPoint(SchoolDate(iso: start)!, .am), end: SessionPoint(SchoolDate(iso: end)!, .pm),
                         returnDate: SchoolDate(iso: back)!)
    }

    /// The demo's parent of brothers and sisters, and their children.
    static func parentWithChildren(_ store: any PortalStore) async throws -> (parent: Account, children: [Pupil]) {
        let parent = try #require(try await store.account(email: "parent2@example.com")).account
        return (parent, try await store.children(ofParent: parent.id))
    }

    /// parent2's first child's request, as the parent's form sends it.
    static func submitted(_ test: TestStore, start: String = "2026-12-07") async throws -> (parent: Account, request: LeaveRequest) {
        let parent = try await test.store.account(email: "parent2@example.com")!.account
        let child = try await test.store.children(ofParent: parent.id)[0]
        let application = application(for: child, start: start, end: start, back: "2026-12-11")
        let count = try await test.store.calendar(schoolID: parent.schoolID).count(from: application.start, to: application.end)
        return (parent, try await test.store.submit(application, schoolID: parent.schoolID, by: Actor(parent), count: count, at: now))
    }

    static func head(_ test: TestStore) async throws -> Account {
        try await test.store.account(email: "head@oakhollow.example")!.account
    }

    @Test(arguments: StoreKind.available)
    func aSessionLastsUntilItExpiresAndOneEndedStaysEnded(_ kind: StoreKind) async throws {
        try await TestStores.with(kind) { test in
            let store = test.store
            try await store.setSessionValue(key: "a", value: Data("one".utf8), expiresAt: Self.now + 60, keepExpiry: false, now: Self.now)
            #expect(try await store.sessionValue(key: "a", now: Self.now)?.value == Data("one".utf8))
            #expect(try await store.sessionValue(key: "a", now: Self.now + 61) == nil)
            // A request still in flight when the session ended must not bring it back.
            try await store.removeSessionValue(key: "a")
            try await store.setSessionValue(key: "a", value: Data("two".utf8), expiresAt: nil, keepExpiry: true, now: Self.now)
            #expect(try await store.sessionValue(key: "a", now: Self.now) == nil)
        }
    }

    /// Every signed-in page reads its session with its account, and a parent's with their
    /// children, in one visit to the database (issue 11).
    @Test(arguments: StoreKind.available)
    func aSessionComesWithItsAccountAndAParentsChildren(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let store = test.store
            let parent = try #require(try await store.account(email: "parent2@example.com")).account
            let head = try await Self.head(test)
            let children = try await store.children(ofParent: parent.id)
            #expect(children.count >= 2)
            for account in [parent, head] {
                try await store.setSessionValue(key: "s\(account.id)", value: Data("\(account.id)".utf8), expiresAt: Self.now + 60,
                                                keepExpiry: false, now: Self.now)
            }
            let decode: @Sendable (Data) throws -> (session: String, accountID: Int64) = { data in
                let text = String(decoding: data, as: UTF8.self)
                return (text, Int64(text) ?? -1)
            }
            let parents = try #require(try await store.session(key: "s\(parent.id)", now: Self.now, decode: decode))
            #expect(parents.account?.id == parent.id && parents.session == "\(parent.id)")
            #expect(parents.children.map(\.id) == children.map(\.id))
            let heads = try #require(try await store.session(key: "s\(head.id)", now: Self.now, decode: decode))
            #expect(heads.account?.id == head.id && heads.children.isEmpty)
            #expect(try await store.session(key: "s\(head.id)", now: Self.now + 61, decode: decode) == nil)
        }
    }

    /// Sending a form reads who is told of it in one visit: the school, and its deciders unless
    /// the school asked for a daily summary instead.
    @Test(arguments: StoreKind.available)
    func aNewRequestIsToldToTheSchoolsDecidersUnlessTheyWantASummary(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let head = try await Self.head(test)
            let each = try await test.store.newRequestRecipients(schoolID: head.schoolID)
            #expect(each.school?.id == head.schoolID)
            #expect(each.deciders.contains { $0.id == head.id })
            #expect(each.deciders.allSatisfy { $0.isActive && ($0.role == .headteacher || $0.role == .deputy) })
            try await test.store.setNewRequestEmails(.daily(hour: 16), schoolID: head.schoolID, by: Actor(head), at: Self.now)
            let daily = try await test.store.newRequestRecipients(schoolID: head.schoolID)
            #expect(daily.school?.id == head.schoolID && daily.deciders.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func anAddressHasOneAccountHoweverItIsTyped(_ kind: StoreKind) async throws {
        try await TestStores.with(kind) { test in
            let (school, _) = try await test.store.addSchool(NewSchool(name: "Testbrook Primary", trustName: "Testbrook Trust", laCode: "999", estab: "2001"))
            let admin = try await test.store.addAccount(schoolID: school.id, email: "Office@Testbrook.example", displayName: "Office",
                                                        role: .admin, passwordHash: "hash")
            #expect(admin.email == "office@testbrook.example")
            await #expect(throws: StoreError.duplicateEmail) {
                _ = try await test.store.addAccount(schoolID: school.id, email: "OFFICE@testbrook.example ", displayName: "Again",
                                                    role: .office, passwordHash: "hash")
            }
            #expect(try await test.store.account(email: " office@TESTBROOK.example")?.account.id == admin.id)
            #expect(try await test.store.school(id: school.id)?.name == "Testbrook Primary")
            await #expect(throws: StoreError.duplicateSchool) {
                _ = try await test.store.addSchool(NewSchool(name: "Another", trustName: "Testbrook Trust", laCode: "999", estab: "2001"))
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func aResetLinkUsedTwiceAtOnceWorksOnce(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let head = try await Self.head(test)
            let message = MailMessage(schoolID: head.schoolID, kind: .passwordReset, to: head.email, subject: "Reset", text: "link")
            try await test.store.createPasswordReset(accountID: head.id, tokenHash: "token", at: Self.now, expiresAt: Self.now + 3600, message: message)
            let found = try #require(try await test.store.passwordReset(tokenHash: "token", at: Self.now + 1))
            let store = test.store
            async let first = store.completePasswordReset(id: found.id, passwordHash: "new-1", at: Self.now + 2)
            async let second = store.completePasswordReset(id: found.id, passwordHash: "new-2", at: Self.now + 2)
            #expect([try await first, try await second].filter { $0 }.count == 1)
            #expect(try await test.store.passwordReset(tokenHash: "token", at: Self.now + 3) == nil)
        }
    }

    /// Each server process runs a sender: two claiming at once must not both take a message.
    @Test(arguments: StoreKind.available)
    func twoSendersNeverClaimTheSameMessage(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let head = try await Self.head(test)
            for index in 0..<30 {
                try await test.store.enqueue(MailMessage(schoolID: head.schoolID, kind: .decision, to: "p\(index)@example.com",
                                                         subject: "S", text: "T"), at: Self.now)
            }
            let store = test.store
            async let first = store.claimDueMessages(now: Self.now, until: Self.now + 300, limit: 20)
            async let second = store.claimDueMessages(now: Self.now, until: Self.now + 300, limit: 20)
            let (a, b) = (try await first.map(\.id), try await second.map(\.id))
            #expect(Set(a).isDisjoint(with: b))
            #expect(a.count + b.count == 30)
            #expect(try await store.claimDueMessages(now: Self.now + 1, until: Self.now + 300, limit: 20).isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func aSubmissionIsQueuedWithItsAuditLine(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let (parent, request) = try await Self.submitted(test)
            #expect(request.status == .awaitingDecision)
            #expect(try await test.store.auditTrail(requestID: request.id, schoolID: parent.schoolID).map(\.action) == [.submitted])
            #expect(try await test.store.decisionQueue(schoolID: parent.schoolID).map(\.request.reference) == [request.reference])
            #expect(try await test.store.request(reference: request.reference, parentID: parent.id)?.request.id == request.id)
            let other = try await test.store.account(email: "head@willowmere.example")!.account
            #expect(try await test.store.request(reference: request.reference, schoolID: other.schoolID) == nil)
        }
    }

    /// A form sent twice (a double click, a resend after a timeout) makes its requests once.
    @Test(arguments: StoreKind.available)
    func theSameSubmissionSentTwiceAtOnceMakesOneRequest(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let parent = try await test.store.account(email: "parent2@example.com")!.account
            let child = try await test.store.children(ofParent: parent.id)[0]
            let application = Self.application(for: child)
            let count = try await test.store.calendar(schoolID: parent.schoolID).count(from: application.start, to: application.end)
            let store = test.store
            async let first = store.submitGroup([application], references: [ReferenceNumber.random()], schoolID: parent.schoolID,
                                                by: Actor(parent), counts: [count], at: Self.now, submissionKey: "key-1", messages: [])
            async let second = store.submitGroup([application], references: [ReferenceNumber.random()], schoolID: parent.schoolID,
                                                 by: Actor(parent), counts: [count], at: Self.now, submissionKey: "key-1", messages: [])
            let (a, b) = (try await first, try await second)
            #expect(a.map(\.id) == b.map(\.id))
            #expect(try await test.count("leaveRequest") == 1)
        }
    }

    /// Two deciders on two server processes (here, two tasks): exactly one decision stands.
    @Test(arguments: StoreKind.available)
    func twoDecidersAtOnceMakeExactlyOneDecision(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let (_, request) = try await Self.submitted(test)
            let head = try await Self.head(test)
            let store = test.store
            let decide: @Sendable (DecisionOutcome) async -> Bool = { outcome in
                let decision = Decision(requestID: request.id, outcome: outcome, reason: "r", decidedBy: Actor(head), decidedAt: Self.now)
                return (try? await store.decide(decision, schoolID: head.schoolID, letterHTML: "letter \(outcome)", message: nil)) != nil
            }
            async let granted = decide(.granted)
            async let refused = decide(.refused)
            #expect([await granted, await refused].filter { $0 }.count == 1)
            #expect(try await test.count("decision") == 1)
            #expect(try await test.count("letter") == 1)
            #expect(try await test.store.auditTrail(requestID: request.id, schoolID: head.schoolID).map(\.action) == [.submitted, .decided])
        }
    }

    @Test(arguments: StoreKind.available)
    func theDatabaseRefusesToRewriteTheRecord(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let (_, request) = try await Self.submitted(test)
            let head = try await Self.head(test)
            let decision = Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(head), decidedAt: Self.now)
            try await test.store.decide(decision, schoolID: head.schoolID, letterHTML: "letter", message: nil)
            for statement in [
                "UPDATE leaveRequest SET status = 'refused' WHERE id = \(request.id)",
                "UPDATE leaveRequest SET startDate = '2026-12-08' WHERE id = \(request.id)",
                "DELETE FROM leaveRequest WHERE id = \(request.id)",
                "UPDATE decision SET reason = 'changed' WHERE requestId = \(request.id)",
                "DELETE FROM decision WHERE requestId = \(request.id)",
                "UPDATE auditEvent SET detail = 'changed' WHERE requestId = \(request.id)",
                "DELETE FROM letter WHERE requestId = \(request.id)",
                "UPDATE letter SET html = 'changed' WHERE requestId = \(request.id)",
            ] {
                await #expect(throws: (any Error).self, "\(statement)") { try await test.execute(statement) }
            }
            let letter = try #require(try await test.store.letters(schoolID: head.schoolID, printed: false, offset: 0, limit: 5).letters.first)
            try await test.store.markPrinted(letterID: letter.id, schoolID: head.schoolID, by: Actor(head), at: Self.now)
            await #expect(throws: StoreError.alreadyPrinted) {
                try await test.store.markPrinted(letterID: letter.id, schoolID: head.schoolID, by: Actor(head), at: Self.now + 1)
            }
        }
    }

    /// The queue's pages hold each waiting request once, most urgent first, whichever store.
    @Test(arguments: StoreKind.available)
    func theQueuePagesEveryWaitingRequestOnceInOrder(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            var made: [LeaveRequest] = []
            for day in ["2026-12-14", "2026-12-08", "2027-01-12", "2026-12-10", "2026-12-09"] {
                made.append(try await Self.submitted(test, start: day).request)
            }
            let head = try await Self.head(test)
            var seen: [LeaveRequest] = []
            for page in 0..<3 {
                let found = try await test.store.decisionQueue(schoolID: head.schoolID, filter: RequestFilter(), offset: page * 2, limit: 2)
                #expect(found.total == 5)
                seen += found.requests.map(\.request)
            }
            #expect(Set(seen.map(\.id)) == Set(made.map(\.id)))
            #expect(seen.map(\.id) == (try await test.store.decisionQueue(schoolID: head.schoolID)).map(\.request.id))
            // The page as the queue page reads it, in one transaction: the same rows and counts.
            let whole = try await test.store.queuePage(schoolID: head.schoolID, filter: RequestFilter(), offset: 2, limit: 2, evidenceLimit: 50)
            #expect(whole.requests.map(\.request.id) == Array(seen.map(\.id)[2..<4]))
            #expect(whole.total == 5 && whole.waitingInAll == 5 && whole.evidenceWaiting.isEmpty)
            #expect(whole.adviceCounts.values.reduce(0, +) <= 5)
        }
    }

    /// The queue's counts by advice follow every change that moves a request in or out of them:
    /// sent, advised, advised again, decided, withdrawn. SQLite keeps them by trigger (v29),
    /// PostgreSQL counts its index; either way they equal a count of the requests themselves.
    @Test(arguments: StoreKind.available)
    func theQueuesCountsByAdviceFollowEveryChange(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let head = try await Self.head(test)
            func advised(_ advice: Recommendation) -> Evaluation {
                Evaluation(recommendation: advice, sessions: 2, schoolDays: 1, attendanceToDate: nil, projectedAttendance: nil,
                           registerCode: nil, findings: [])
            }
            func expectCountsMatchTheRequests(_ step: String) async throws {
                let page = try await test.store.queuePage(schoolID: head.schoolID, filter: RequestFilter(), offset: 0, limit: 50, evidenceLimit: 0)
                let waiting = "leaveRequest WHERE schoolId = \(head.schoolID) AND status = 'awaiting-decision'"
                #expect(page.waitingInAll == (try await test.count(waiting)), "\(step)")
                #expect(page.total == page.waitingInAll, "\(step)")
                for advice in Recommendation.allCases {
                    let counted = try await test.count(waiting + " AND recommendation = '\(advice.rawValue)'")
                    #expect((page.adviceCounts[advice] ?? 0) == counted, "\(step): \(advice)")
                }
            }
            let (parent, first) = try await Self.submitted(test, start: "2026-12-08")
            let second = try await Self.submitted(test, start: "2026-12-09").request
            let third = try await Self.submitted(test, start: "2026-12-10").request
            try await expectCountsMatchTheRequests("sent")
            try await test.store.saveEvaluations([first.id: advised(.refuse), second.id: advised(.refuse), third.id: advised(.consider)],
                                                 deadlines: [:], schoolID: head.schoolID, at: Self.now)
            try await expectCountsMatchTheRequests("advised")
            try await test.store.saveEvaluations([second.id: advised(.consider)], deadlines: [:], schoolID: head.schoolID, at: Self.now + 1)
            try await expectCountsMatchTheRequests("advised again")
            try await test.store.askForEvidence(requestID: second.id, schoolID: head.schoolID, note: "A letter, please", by: Actor(head),
                                                at: Self.now + 2, message: nil, letter: nil)
            try await expectCountsMatchTheRequests("waiting for evidence")
            try await test.store.sendEvidence(requestID: second.id, uploadIDs: [], answer: "Attached", by: Actor(parent), at: Self.now + 3)
            try await expectCountsMatchTheRequests("evidence sent")
            let decision = Decision(requestID: first.id, outcome: .refused, reason: "No", decidedBy: Actor(head), decidedAt: Self.now + 4)
            try await test.store.decide(decision, schoolID: head.schoolID, letterHTML: "letter", message: nil)
            try await expectCountsMatchTheRequests("decided")
            _ = try await test.store.withdraw(requestID: third.id, schoolID: parent.schoolID, by: Actor(parent), at: Self.now + 5)
            try await expectCountsMatchTheRequests("withdrawn")
        }
    }

    /// What the rules read, in one read: each pupil's requests in the order they were made, a
    /// request left out of its own history, and the same marks `attendanceHistory` gives.
    @Test(arguments: StoreKind.available)
    func theRulesInputsAreReadTogether(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let (parent, first) = try await Self.submitted(test, start: "2026-12-08")
            let second = try await Self.submitted(test, start: "2026-12-09").request
            let child = first.application.pupilID
            let inputs = try await test.store.reviewInputs(schoolID: parent.schoolID, pupilIDs: [child])
            #expect(inputs.requests[child]?.map(\.id).suffix(2) == [first.id, second.id])
            let others = inputs.previousRequests(of: child, excluding: second.id)
            #expect(others.count == (inputs.requests[child]?.count ?? 0) - 1)
            #expect(others.last?.start == first.application.start.date)
            #expect(inputs.history(of: child).marks == (try await test.store.attendanceHistory(pupilID: child, schoolID: parent.schoolID)).marks)
            #expect(inputs.calendar.terms == (try await test.store.calendar(schoolID: parent.schoolID)).terms)
        }
    }

    /// Guesses sent to several servers at the same moment pass the limit no more than once each.
    @Test(arguments: StoreKind.available)
    func signInAttemptsAtTheSameMomentStayWithinTheLimit(_ kind: StoreKind) async throws {
        try await TestStores.with(kind) { test in
            let store = test.store
            let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await store.reserveSignInAttempt([SignInLimit(key: "k", limit: 5)], window: 900, now: Self.now) == nil }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(allowed == 5)
            #expect(try await store.reserveSignInAttempt([SignInLimit(key: "k", limit: 5)], window: 900, now: Self.now + 10) == Self.now + 900)
            try await store.forgetSignInAttempts(key: "k", newestOf: "none")
            #expect(try await store.signInAttemptCount() == 0)
            #expect(try await store.reserveSignInAttempt([SignInLimit(key: "k", limit: 5)], window: 900, now: Self.now + 901) == nil)
        }
    }

    /// Every server runs the daily summaries: the first to record one sends it; the others, having
    /// read the same last summary, send nothing.
    @Test(arguments: StoreKind.available)
    func aDailySummaryIsSentByOneServer(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let head = try await Self.head(test)
            try await test.store.setNewRequestEmails(.daily(hour: 16), schoolID: head.schoolID, by: Actor(head), at: Self.now)
            let previous = try #require(try await test.store.dailyDigestSchools().first { $0.schoolID == head.schoolID }).lastDigestAt
            let message = MailMessage(schoolID: head.schoolID, kind: .newRequest, to: head.email, subject: "Today", text: "2 requests")
            let before = try await test.count("outbox")
            let store = test.store
            async let first = store.recordDigest(schoolID: head.schoolID, at: Self.now, previous: previous, messages: [message])
            async let second = store.recordDigest(schoolID: head.schoolID, at: Self.now + 1, previous: previous, messages: [message])
            #expect([try await first, try await second].filter { $0 }.count == 1)
            #expect(try await test.count("outbox") == before + 1)
        }
    }

    /// The MIS's register, imported twice: the first time every mark is new (PostgreSQL streams
    /// them with COPY), the second time only the changed ones are written and counted.
    @Test(arguments: StoreKind.available)
    func aRegisterImportedTwiceCountsOnlyWhatChanged(_ kind: StoreKind) async throws {
        try await TestStores.with(kind, demo: true) { test in
            let head = try await Self.head(test)
            let school = try #require(try await test.store.school(id: head.schoolID))
            let days = (0..<5).map { SchoolDate(iso: "2026-11-02")!.adding(days: $0) }
            func batch(illOn sick: SchoolDate?) -> RegisterBatch {
                var batch = RegisterBatch()
                batch.pupils = DemoTrust.roll(of: school).map { pupil in
                    RegisterBatch.PupilEntry(pupil: pupil, marks: days.flatMap { day in
                        [SessionMark(SessionPoint(day, .am), day == sick ? .illness : .presentAM),
                         SessionMark(SessionPoint(day, .pm), day == sick ? .illness : .presentPM)]
                    })
                }
                return batch
            }
            let record = ImportRecord(kind: "test", fileName: "register", actorName: "test", at: Self.now)
            let pupils = DemoTrust.roll(of: school).count
            let first = try await test.store.importRegister(batch(illOn: nil), schoolID: school.id, record: record)
            #expect(first.marksAdded == pupils * 10 && first.marksChanged == 0)
            let second = try await test.store.importRegister(batch(illOn: days[2]), schoolID: school.id, record: record)
            #expect(second.marksAdded == 0 && second.marksChanged == pupils * 2)
            #expect(try await test.count("attendanceMark") == pupils * 10)
            let child = try await test.store.children(ofParent: try await test.store.account(email: "parent2@example.com")!.account.id)[0]
            let history = try await test.store.attendanceHistory(pupilID: child.id, schoolID: school.id)
            #expect(history.code(at: SessionPoint(days[2], .pm)) == .illness)
            #expect(history.code(at: SessionPoint(days[0], .pm)) == .presentPM, "a backslash code survives COPY's escaping")
        }
    }
}
