import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeaveCore
import LeaveStore
import Testing

/// The rules engine inside the portal: findings on submission and on opening, the queue's
/// advice, and a decision that must respect them.
@Suite("Rules in the decision queue")
struct RulesWiringTests {
    static func ask(_ parent: Browser, kind: String, purpose: String = "A family holiday") async throws -> String {
        let category = ["holiday": "holiday", "other": "other-exceptional"][kind] ?? kind
        if category == "holiday" {
            try await parent.get("/parent/forms/leave")
            let child = try await parent.childIDs(["Bryn Marrowfield"])
            _ = try await parent.post("/parent/forms/leave/children", [("children", child[0])])
            _ = try await parent.post("/parent/forms/leave/reason", [("category", category), ("purpose", purpose)])
            _ = try await parent.post("/parent/forms/leave/dates", Browser.leaveDates)
            // 001 §5.1: the parent is told before sending that a holiday is not exceptional.
            let check = try await parent.get("/parent/forms/leave/check")
            #expect(check.html.contains("Before you send this request"))
            #expect(check.html.contains("leave for a family holiday is not an exceptional circumstance"))
        }
        return try #require(try await parent.askForLeave(category: category, purpose: purpose).first)
    }

    @Test func theQueueShowsAdviceAndTheRequestItsFindings() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await Self.ask(parent, kind: "holiday")
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let queue = try await head.get("/decisions")
            #expect(queue.html.contains("<strong class=\"tag tag--refuse\">Refuse</strong>"))
            let page = try await head.get("/decisions/\(reference)")
            for text in ["LOA-NOT-EXCEPTIONAL", "001 §5.1 (circumstances that are not exceptional); 004", "GEN-SESSIONS",
                         "GEN-PROJECTED", "LOA-PENALTY-WARNING", "Policy says refuse"] {
                #expect(page.html.contains(text), "request page lacks \(text)")
            }
        }
    }

    /// rules.md: granting against a `refuse` finding needs a recorded override reason.
    @Test func grantingAgainstThePolicyNeedsAnOverrideReason() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await Self.ask(parent, kind: "holiday")
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let refused = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "Granted.")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("Give the reason for granting although the policy says such a request will not be granted"))
            let granted = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "Granted."),
                                                                          ("overrideReason", "A once-only family reunion abroad")])
            #expect(granted.status == .seeOther)
            let record = try await head.get("/decisions/\(reference)")
            #expect(record.html.contains("Granted against the policy because:</strong> A once-only family reunion abroad"))
            #expect(record.html.contains("What the rules said when it was decided"))
            #expect(record.html.contains("(override: A once-only family reunion abroad)"))
        }
    }

    /// 001 §5.1 under the Manor preset: unforeseen circumstances need the trust CEO consulted.
    @Test func theAdminChoosesManorAndConsultationBecomesRequired() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let form = try await admin.get("/admin/policy")
            #expect(form.html.contains("value=\"default\" checked"))
            // Issue 15: switching says what will change, by school and in words, and asks first.
            let asked = try await admin.post("/admin/policy", [("preset", "manor")])
            #expect(asked.status == .ok)
            #expect(asked.html.contains("Switch to Manor Multi Academy Trust&#39;s policy?") || asked.html.contains("Switch to Manor Multi Academy Trust's policy?"))
            #expect(asked.html.contains("<th scope=\"row\" data-label=\"Setting\">Notice for leave (calendar days)</th><td data-label=\"Now\">14</td><td data-label=\"After the switch\">15</td>"))
            #expect(try await admin.get("/admin/policy").html.contains("value=\"default\" checked"))  // nothing changed yet
            let switched = try await admin.post("/admin/policy", [("preset", "manor"), ("confirmPreset", "yes")])
            #expect(switched.status == .ok)
            #expect(switched.html.contains("The policy settings are saved"))
            #expect(switched.html.contains("value=\"the trust CEO\""))
            #expect(switched.html.contains("id=\"noticeDays\" name=\"noticeDays\" type=\"text\" value=\"15\""))

            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await Self.ask(parent, kind: "other", purpose: "Flood damage at home")
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.get("/decisions/\(reference)")
            #expect(page.html.contains("LOA-UNFORESEEN"))
            #expect(page.html.contains("Your consultation with the trust CEO"))
            let missing = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "No")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.html.contains("Record the consultation the policy asks for before deciding"))
        }
    }

    @Test func policySettingsAreCheckedAndKeepWhatWasTyped() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            // Issue 15: percentages as the school writes them, yes or no as radios, reasons ticked by name.
            let page = try await admin.get("/admin/policy").html
            #expect(page.contains("name=\"authorisedAbsenceLimit\" inputmode=\"decimal\" type=\"text\" value=\"10%\""))
            #expect(page.contains("type=\"radio\" value=\"no\" checked"))
            #expect(page.contains("name=\"notExceptional\" type=\"checkbox\" value=\"holiday\" checked"))
            #expect(page.contains(">A family holiday</label>"))
            #expect(!page.contains("000:") && !page.contains("001 §"))
            let refused = try await admin.post("/admin/policy", try await admin.policyForm(["authorisedAbsenceLimit": "ten percent", "noticeDays": "21"]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("Authorised absence above which leave is not granted: must be a percentage from 0% to 100%, such as 10%"))
            #expect(refused.html.contains("value=\"ten percent\""))
            #expect(refused.html.contains("value=\"21\""))
            var good = try await admin.policyForm(["noticeDays": "21", "authorisedAbsenceLimit": "12.5%", "returnDateRequired": "yes"])
            good.removeAll { $0 == ("notExceptional", "birthday") }  // unticked
            let saved = try await admin.post("/admin/policy", good)
            #expect(saved.status == .ok)
            let after = try await admin.get("/admin/policy").html
            #expect(after.contains("name=\"noticeDays\" type=\"text\" value=\"21\""))
            #expect(after.contains("value=\"12.5%\""))
            #expect(after.contains("type=\"radio\" value=\"yes\" checked"))
            #expect(!after.contains("value=\"birthday\" checked"))
            #expect(after.contains("value=\"holiday\" checked"))
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            #expect(try await parent.get("/admin/policy").status == .forbidden)
        }
    }
}

/// The headteacher's queue, fifty at a time with GOV.UK's pagination.
@Suite("The queue in pages")
struct QueuePagesTests {
    @Test func aLongQueueIsShownFiftyAtATime() async throws {
        try await PortalHarness.run { client, database in
            let store = SQLiteStore(database)
            let parent = try #require(try await store.account(email: "parent2@example.com")).account
            let child = try #require(try await store.children(ofParent: parent.id).first)
            let calendar = try await store.calendar(schoolID: parent.schoolID)
            for day in 0..<55 {
                let date = LeaveCore.SchoolDate(iso: "2027-01-04")!.adding(days: day)
                let application = LeaveApplication(pupilID: child.id, kind: .exceptional, purpose: "Day \(day)",
                                                   start: SessionPoint(date, .am), end: SessionPoint(date, .pm), returnDate: date.adding(days: 1))
                _ = try await store.submit(application, schoolID: parent.schoolID, by: Actor(parent),
                                           count: calendar.count(from: application.start, to: application.end), at: PortalHarness.now)
            }
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let first = try await head.get("/decisions")
            #expect(Set(first.html.references).count == 50)
            #expect(first.html.contains("55 waiting"))
            #expect(first.html.contains("Showing 1 to 50 of 55"))
            #expect(first.html.contains("href=\"/decisions?page=2\" rel=\"next\""))
            let second = try await head.get("/decisions?page=2")
            #expect(Set(second.html.references).count == 5)
            #expect(second.html.contains("rel=\"prev\""))
            // Not a page number, or past the end: the nearest page there is.
            #expect(try await head.get("/decisions?page=abc").html.contains("Showing 1 to 50 of 55"))
            #expect(try await head.get("/decisions?page=999999999999").html.contains("Showing 51 to 55 of 55"))
            // The parent's own list is in pages too, newest first.
            let family = Browser(client)
            try await family.signIn("parent2@example.com")
            let home = try await family.get("/parent")
            #expect(Set(home.html.references).count == 50)
            #expect(home.html.contains("href=\"/parent?page=2\" rel=\"next\""))
            #expect(Set(try await family.get("/parent?page=2").html.references).count == 5)
        }
    }
}
