import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeaveCore
import LeaveStore
import LeaveWeb
import Testing

/// The attacks a hostile visitor tries first, each answered with a clear 4xx and nothing stored.
@Suite("Hostile input and sessions")
struct HardeningTests {
    /// A moment the test can move on, for session limits.
    final class MovableClock: @unchecked Sendable {
        var now = PortalHarness.now
    }

    @Test func aNulByteAfterAHeldAddressDoesNotSignIn() async throws {
        try await PortalHarness.run { client in
            let guesser = Browser(client)
            for _ in 0..<5 { try await guesser.signIn("head@oakhollow.example", password: "guess") }
            #expect(try await guesser.signIn("head@oakhollow.example").status == .tooManyRequests)
            // The same address with a NUL and more after it is not another address.
            let sneaky = try await guesser.post("/login", [("email", "head@oakhollow.example\u{0}x"), ("password", "demo-password")])
            #expect(sneaky.status != .seeOther)
            #expect(guesser.cookies["lp_session"] == nil)
            // Nor is it in capitals or with spaces.
            let shouting = try await guesser.post("/login", [("email", "  HEAD@OAKHOLLOW.EXAMPLE "), ("password", "demo-password")])
            #expect(shouting.status == .tooManyRequests)
        }
    }

    @Test func theCSRFTokenTurnsOverAtSignInAndSignOut() async throws {
        try await PortalHarness.run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            let before = browser.csrfToken
            try await browser.signIn("parent2@example.com")
            #expect(browser.csrfToken != before)
            #expect(try await browser.post("/parent/requests/LP-AAAAAA/withdraw", [("csrfToken", before)]).status == .forbidden)
            let during = browser.csrfToken
            try await browser.post("/logout")
            #expect(browser.csrfToken != during)
        }
    }

    @Test func signingInAgainEndsTheSessionTheBrowserHad() async throws {
        try await PortalHarness.run { client in
            let browser = Browser(client)
            try await browser.signIn("parent2@example.com")
            let first = try #require(browser.cookies["lp_session"])
            try await browser.signIn("head@oakhollow.example")
            // Someone who copied the first session's cookie gets nothing with it.
            let copy = Browser(client)
            copy.cookies["lp_session"] = first
            #expect(try await copy.get("/parent").location == "/login")
        }
    }

    @Test func aSessionEndsAfterTwoIdleHoursAndAfterEightHoursInAll() async throws {
        let clock = MovableClock()
        try await PortalHarness.run(configure: { $0.now = { clock.now } }) { client in
            let browser = Browser(client)
            try await browser.signIn("parent2@example.com")
            clock.now += 60 * 60
            #expect(try await browser.get("/parent").status == .ok)
            clock.now += 119 * 60
            #expect(try await browser.get("/parent").status == .ok, "seen within two hours")
            clock.now += 121 * 60
            #expect(try await browser.get("/parent").location == "/login", "idle for more than two hours")

            try await browser.signIn("parent2@example.com")
            for _ in 0..<9 {
                clock.now += 55 * 60
                _ = try await browser.get("/parent")
            }
            #expect(try await browser.get("/parent").location == "/login", "signed in more than eight hours ago")
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWithThePagesOwnMessage() async throws {
        try await PortalHarness.run(configure: { $0.evidenceFileLimitBytes = 1_048_576 }) { client in
            let anyone = Browser(client)
            try await anyone.get("/login")
            let huge = try await anyone.post("/login", [("email", String(repeating: "a", count: 300_000)), ("password", "x")])
            #expect(huge.status == .contentTooLarge)
            #expect(huge.html.contains("The form is larger than this page accepts"))

            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            // A file a little too large reaches the page and gets the question's own message.
            let largeFile = Data("%PDF-1.4\n".utf8) + Data(repeating: 0x20, count: 1_500_000)
            let inline = try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "large.pdf", largeFile))
            #expect(inline.status == .unprocessableContent)
            #expect(inline.html.contains("The selected file must be smaller than 1 MB"))
            // One far too large is stopped before it is read in full.
            let bigFile = Data("%PDF-1.4\n".utf8) + Data(repeating: 0x20, count: 3_000_000)
            let evidence = try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "big.pdf", bigFile))
            #expect(evidence.status == .contentTooLarge)
            #expect(evidence.html.contains("The selected file must be smaller than 1 MB"))
            // Nobody signed in can make the server read a large body at all.
            let stranger = Browser(client)
            try await stranger.get("/login")
            let anonymous = try await stranger.upload("/parent/forms/leave/evidence", [], file: ("evidence", "big.pdf", largeFile))
            #expect(anonymous.status == .contentTooLarge)
            // A page that takes no files takes no large multipart body either.
            let smuggled = try await parent.upload("/parent/requests/LP-AAAAAA/withdraw", [], file: ("file", "big.pdf", bigFile))
            #expect(smuggled.status == .contentTooLarge)
        }
    }

    @Test func aFieldLongerThanAnyQuestionIsRefusedBeforeAnythingIsKept() async throws {
        try await PortalHarness.run { client, database in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let sessionsBefore = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT MAX(LENGTH(value)) FROM webSession") ?? 0 }
            let page = try await parent.post("/parent/forms/leave/reason", [("category", "exceptional"), ("purpose", String(repeating: "x", count: 25_000))])
            #expect(page.status == .contentTooLarge)
            let sessionsAfter = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT MAX(LENGTH(value)) FROM webSession") ?? 0 }
            #expect(sessionsAfter == sessionsBefore)
            // Within the field limit but over the question's own: shown again with the message, what was typed kept.
            let long = try await parent.post("/parent/forms/leave/reason", [("category", "exceptional"), ("purpose", String(repeating: "y", count: 1_200))])
            #expect(long.status == .unprocessableContent)
            #expect(long.html.contains("1000 characters or fewer"))
        }
    }

    @Test func aHugeNumberInAPolicySettingIsAFieldErrorNotACrash() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let page = try await admin.get("/admin/policy")
            var fields: [(String, String)] = [("preset", "default")]
            for name in ["noticeDays", "assessmentBufferSchoolDays", "retentionYears"] {
                fields.append((name, name == "noticeDays" ? "1e300" : "5"))
            }
            _ = page
            let saved = try await admin.post("/admin/policy", fields)
            #expect(saved.status == .unprocessableContent)
            #expect(saved.html.contains("must be from"))
            #expect(try await admin.get("/health").status == .ok)
        }
    }

    @Test func theBackButtonToTheFirstPageShowsTheAnswersGiven() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let start = try #require(try await parent.get("/parent/forms/leave").location)
            #expect(start.contains("?start="))
            let ids = try await parent.childIDs(["Bryn Marrowfield"])
            let first = try await parent.get(start)
            #expect(first.html.contains("name=\"start\""))
            let nonce = try #require(start.split(separator: "=").last.map(String.init))
            try await parent.post("/parent/forms/leave/children", ids.map { ("children", $0) } + [("start", nonce)])
            try await parent.post("/parent/forms/leave/reason", [("category", "exceptional"), ("purpose", "Funeral")])
            // Back, Back: the first page again through its start link, with the child still ticked.
            let again = try await parent.get(start)
            #expect(again.html.contains("value=\"\(ids[0])\" checked"))
            // And the answers of the second page survive sending the first again.
            try await parent.post("/parent/forms/leave/children", ids.map { ("children", $0) } + [("start", nonce)])
            #expect(try await parent.get("/parent/forms/leave/reason").html.contains("Funeral"))
        }
    }

    @Test func sendingTheSameFormTwiceMakesOneRequest() async throws {
        try await PortalHarness.run { client, database in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.fillLeaveUpToEvidence()
            try await parent.post("/parent/forms/leave/evidence", [])
            // Two sends of the same page, as a double click makes, the second with the session as it was.
            let first = try await parent.post("/parent/forms/leave/submit")
            // Sent again after it went through (the Back button, a resend): the same confirmation.
            let second = try await parent.post("/parent/forms/leave/submit")
            #expect(first.location?.hasSuffix("/confirmation") == true)
            #expect(second.location == first.location)
            let count = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM leaveRequest") ?? 0 }
            #expect(count == 1)
        }
    }

    @Test func healthSaysSoWhenTheDatabaseStopsTakingWrites() async throws {
        try await PortalHarness.run { client, database in
            let monitor = Browser(client)
            #expect(try await monitor.get("/health").status == .ok)
            // As a full disk or a read-only file would: every write refused.
            try await database.writer.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER heartbeat_refused BEFORE UPDATE ON heartbeat BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                    CREATE TRIGGER heartbeat_refusedNew BEFORE INSERT ON heartbeat BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                    """)
            }
            #expect(try await monitor.get("/health").status == .serviceUnavailable)
        }
    }

    @Test func aDemoStartStoppedBeforeThePupilsCameInIsFinishedNextTime() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("portal.sqlite").path
        let database = try AppDatabase.open(path: path)
        // The schools and accounts are in, then the process is killed before the import.
        _ = try await DemoTrust.load(into: database, today: SchoolDateFixture.today) { "not-a-real-hash" }
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pupil") } == 0)
        let configuration = PortalConfiguration(database: path, store: SQLiteStore(database), loadDemo: true, bcryptCost: 4,
                                                logLevel: .warning, formsDirectory: PortalHarness.formsFolder, now: { PortalHarness.now })
        _ = try await buildApplication(configuration: configuration)
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pupil") } ?? 0 > 20)
    }
}

enum SchoolDateFixture {
    static let today = LeaveCore.SchoolDate(iso: "2026-11-23")!
}
