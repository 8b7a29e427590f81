import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import LeaveCore
import LeaveServices
import LeaveStore
import Testing

/// Passwords forgotten and changed, signing out everywhere, and staff accounts changed or closed.
@Suite("Passwords and accounts")
struct AccountLifecycleTests {
    final class MovableClock: @unchecked Sendable {
        var now = PortalHarness.now
    }

    static func resetPath(_ inbox: GoLiveTests.Inbox, _ address: String) async throws -> String {
        let text = try #require(try await inbox.messages(to: address).last, "no e-mail to \(address)")
        let range = try #require(text.range(of: "/password/reset/"))
        return "/password/reset/" + text[range.upperBound...].prefix { !$0.isWhitespace }
    }

    @Test func aForgottenPasswordIsResetOnceAndTheAnswerTellsNothing() async throws {
        let mail = FileManager.default.temporaryDirectory.appendingPathComponent("leave-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mail) }
        let clock = MovableClock()
        try await PortalHarness.run(configure: { $0.now = { clock.now }; $0.mail = .directory(mail.path) }) { client, database in
            let inbox = GoLiveTests.Inbox(store: SQLiteStore(database), folder: mail)
            // Another browser stays signed in; the reset must end it.
            let elsewhere = Browser(client)
            try await elsewhere.signIn("parent2@example.com")
            let visitor = Browser(client)
            try await visitor.get("/password/forgotten")
            let known = try await visitor.post("/password/forgotten", [("email", "parent2@example.com")])
            let unknown = try await visitor.post("/password/forgotten", [("email", "nobody@example.com")])
            #expect(known.status == .ok)
            #expect(known.html.replacingOccurrences(of: "parent2@example.com", with: "X") == unknown.html.replacingOccurrences(of: "nobody@example.com", with: "X"))
            #expect(try await inbox.messages(to: "nobody@example.com").isEmpty)
            let link = try await Self.resetPath(inbox, "parent2@example.com")
            #expect(try await visitor.get(link).status == .ok)
            let set = try await visitor.post(link, [("password", "seven green bottles"), ("confirmation", "seven green bottles")])
            #expect(set.location == "/parent")
            #expect(try await visitor.get("/parent").status == .ok)
            #expect(try await elsewhere.get("/parent").location == "/login", "the other session ended")
            // Once only; the old password no longer works, the new one does.
            #expect(try await Browser(client).get(link).status == .notFound)
            #expect(try await Browser(client).signIn("parent2@example.com").status == .unauthorized)
            #expect(try await Browser(client).signIn("parent2@example.com", password: "seven green bottles").location == "/parent")
            // A link more than an hour old is refused.
            try await visitor.post("/password/forgotten", [("email", "parent2@example.com")])
            let late = try await Self.resetPath(inbox, "parent2@example.com")
            clock.now += 3_601
            #expect(try await Browser(client).get(late).status == .notFound)
        }
    }

    @Test func changingThePasswordAndSigningOutEverywhereEndOtherSessions() async throws {
        try await PortalHarness.run { client in
            let phone = Browser(client)
            try await phone.signIn("office@oakhollow.example")
            let laptop = Browser(client)
            try await laptop.signIn("office@oakhollow.example")
            try await laptop.get("/account/password")
            let wrong = try await laptop.post("/account/password", [("current", "not it"), ("password", "tall ships sailing"), ("confirmation", "tall ships sailing")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("Enter your current password correctly"))
            let changed = try await laptop.post("/account/password", [("current", "demo-password"), ("password", "tall ships sailing"), ("confirmation", "tall ships sailing")])
            #expect(changed.location == "/office")
            #expect(try await laptop.get("/office/letters").status == .ok)
            #expect(try await phone.get("/office/letters").location == "/login")
            try await laptop.post("/account/sign-out-everywhere")
            #expect(try await laptop.get("/office/letters").location == "/login")
        }
    }

    @Test func aClosedStaffAccountEndsAtOnceAndKeepsItsNameOnDecisions() async throws {
        try await PortalHarness.run { client, database in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try #require(try await parent.askForLeave().first)
            let deputy = Browser(client)
            try await deputy.signIn("deputy@oakhollow.example")
            try await deputy.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "A funeral is exceptional")])
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let staff = try await admin.get("/admin/staff")
            let deputyID = try #require(try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE email = 'deputy@oakhollow.example'")
            })
            // The list links to a page that says what closing does; only its button closes the account.
            #expect(staff.html.contains("href=\"/admin/staff/\(deputyID)/close\""))
            let confirm = try await admin.get("/admin/staff/\(deputyID)/close")
            #expect(confirm.status == .ok)
            #expect(confirm.html.contains("Close the account of Mr S. Ashcombe?"))
            #expect(confirm.html.contains("will be signed out at once"))
            #expect(try await deputy.get("/decisions").status == .ok, "opening the page closes nothing")
            #expect(try await admin.get("/admin/staff/999999/close").status == .notFound)
            #expect(try await admin.post("/admin/staff/\(deputyID)/close").location == "/admin/staff")
            #expect(try await admin.get("/admin/staff/\(deputyID)/close").status == .notFound, "a closed account cannot be closed again")
            #expect(try await deputy.get("/decisions").location == "/login", "the deputy's session ended")
            let again = try await Browser(client).signIn("deputy@oakhollow.example")
            #expect(again.status == .unauthorized)
            #expect(again.html.contains("This account has been closed"))
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(try await head.get("/decisions/\(reference)").html.contains("Mr S. Ashcombe"))
            // A role changed is recorded; a parent's account cannot be made staff from this page.
            let officeID = try #require(try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE email = 'office@oakhollow.example'")
            })
            #expect(try await admin.post("/admin/staff/\(officeID)/role", [("role", "deputy")]).location == "/admin/staff")
            let parentID = try #require(try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE email = 'parent2@example.com'")
            })
            #expect(try await admin.post("/admin/staff/\(parentID)/role", [("role", "headteacher")]).status == .notFound)
            let lines = try await SQLiteStore(database).activity(schoolID: 1, limit: 10).map(\.detail)
            #expect(lines.contains { $0.contains("Office → Deputy headteacher") || $0.contains("→ Deputy") })
        }
    }
}
