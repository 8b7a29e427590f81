import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The walking skeleton end to end: a parent asks, the headteacher decides, the office prints.
@Suite("Parent to headteacher to office")
struct JourneyTests {
    /// Submits the standard leave for one child and returns its reference.
    static func submitLeave(_ parent: Browser) async throws -> String {
        try #require(try await parent.askForLeave().first)
    }

    @Test func aRequestGoesFromTheParentToTheHeadteacherToAPrintedLetter() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            let signedIn = try await parent.signIn("parent2@example.com")
            #expect(signedIn.location == "/parent")
            let session = try #require(parent.cookies["lp_session"])
            #expect(!session.isEmpty)

            // The form, page by page, then "Check your answers" with a change link for each answer.
            try await parent.get("/parent/forms/leave")
            let child = try await parent.childIDs(["Bryn Marrowfield"])
            _ = try await parent.post("/parent/forms/leave/children", [("children", child[0])])
            _ = try await parent.post("/parent/forms/leave/reason", [("category", "exceptional"), ("purpose", "Funeral of a grandparent in Leeds")])
            _ = try await parent.post("/parent/forms/leave/dates", Browser.leaveDates)
            let evidencePage = try await parent.get("/parent/forms/leave/evidence")
            #expect(evidencePage.html.contains("enctype=\"multipart/form-data\""))
            _ = try await parent.post("/parent/forms/leave/evidence", [])
            let check = try await parent.get("/parent/forms/leave/check")
            #expect(check.status == .ok)
            #expect(check.html.contains("Check your answers before sending your request"))
            #expect(check.html.contains("Monday 7 December 2026"))
            #expect(check.html.contains("3 school days (6 sessions)"))
            #expect(check.html.contains("href=\"/parent/forms/leave/reason?change=1#purpose\""))
            // A change link brings the answer back, and "Continue" returns to the check page.
            let change = try await parent.get("/parent/forms/leave/reason?change=1")
            #expect(change.html.contains("Funeral of a grandparent in Leeds"))
            #expect(change.html.contains("name=\"change\" value=\"1\""))
            let changed = try await parent.post("/parent/forms/leave/reason", [("category", "exceptional"), ("purpose", "Funeral of a grandparent in Leeds"), ("change", "1")])
            #expect(changed.location == "/parent/forms/leave/check")

            let sent = try await parent.post("/parent/forms/leave/submit")
            let reference = try #require(sent.location?.references.first)
            let confirmation = try await parent.get(try #require(sent.location))
            #expect(confirmation.html.contains("Request sent"))
            #expect(confirmation.html.contains(reference))
            #expect(confirmation.html.contains("What happens next"))
            let home = try await parent.get("/parent")
            #expect(home.html.contains(reference))
            #expect(home.html.contains("Awaiting decision"))

            // The headteacher's queue shows it with its counted school days and sessions.
            let head = Browser(client)
            #expect(try await head.signIn("head@oakhollow.example").location == "/decisions")
            let queue = try await head.get("/decisions")
            #expect(queue.html.contains(reference))
            #expect(queue.html.contains("Bryn Marrowfield"))
            #expect(queue.html.contains("3 school days (6 sessions)"))
            let page = try await head.get("/decisions/\(reference)")
            #expect(page.html.contains("Funeral of a grandparent in Leeds"))
            let decided = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "The policy does not allow leave for this.")])
            #expect(decided.status == .seeOther)
            let after = try await head.get("/decisions")
            #expect(!after.html.contains(reference))
            let record = try await head.get("/decisions/\(reference)")
            #expect(record.html.contains("Decided by Dr R. Quintrell, Headteacher"))
            #expect(record.html.contains("Submitted"))
            #expect(record.html.contains("Decided"))

            // The parent sees the outcome and the reason.
            let outcome = try await parent.get("/parent/requests/\(reference)")
            #expect(outcome.html.contains("Decision: Refused"))
            #expect(outcome.html.contains("The policy does not allow leave for this."))
            #expect(!outcome.html.contains("Withdraw this request"))

            // The office prints the letter, generated once at the decision.
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let letters = try await office.get("/office/letters")
            #expect(letters.html.contains(reference))
            let link = try #require(letters.html.letterPaths.first)
            let letter = try await office.get(link)
            for text in ["Oakhollow Primary School", "1 Example Lane", "Dear Mr Marrowfield", "Bryn Marrowfield, Year",
                         "Monday 7 December 2026 (morning)", "Wednesday 9 December 2026 (afternoon)",
                         "has been refused", "The policy does not allow leave for this.", "Dr R. Quintrell", "print.css"] {
                #expect(letter.html.contains(text), "letter lacks \(text)")
            }
            #expect(!letter.html.contains("Sign out"), "the print page has no navigation")
            let printed = try await office.post("\(link)/printed")
            #expect(printed.status == .seeOther)
            let waiting = try await office.get("/office/letters")
            #expect(waiting.html.contains("There are no letters waiting to be printed."))
            #expect(try await office.post("\(link)/printed").status == .conflict)
        }
    }

    @Test func aParentCanWithdrawAnUndecidedRequest() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await Self.submitLeave(parent)
            let confirm = try await parent.get("/parent/requests/\(reference)/withdraw")
            #expect(confirm.html.contains("Are you sure you want to withdraw this request?"))
            let withdrawn = try await parent.post("/parent/requests/\(reference)/withdraw")
            #expect(withdrawn.status == .seeOther)
            // Issue 15: the GOV.UK success banner says what just happened, once.
            let after = try await parent.get(try #require(withdrawn.location)).html
            #expect(after.contains("notification-banner--success") && after.contains("Request withdrawn"))
            #expect(try await parent.get("/parent/requests/\(reference)").html.contains("Withdrawn"))
            #expect(!(try await parent.get("/parent/requests/\(reference)?done=%3Cscript%3E").html.contains("notification-banner--success")))
            #expect(try await parent.post("/parent/requests/\(reference)/withdraw").status == .conflict)

            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(!(try await head.get("/decisions").html.contains(reference)))
            let late = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "Fine")])
            #expect(late.status == .conflict)
            #expect(late.html.contains("has been withdrawn"))
        }
    }

    @Test func aSecondDecisionIsRefusedWithAClearMessage() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await Self.submitLeave(parent)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let deputy = Browser(client)
            try await deputy.signIn("deputy@oakhollow.example")
            #expect(try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "Exceptional")]).status == .seeOther)
            let second = try await deputy.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "No")])
            #expect(second.status == .conflict)
            #expect(second.html.contains("was already granted by Dr R. Quintrell"))
            #expect(second.html.contains("A decision cannot be made twice."))
        }
    }

    /// rules.md "What a decision records": granted in part, with the sessions granted.
    @Test func theHeadteacherGrantsSomeOfTheDays() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await Self.submitLeave(parent)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let part = [("confirmed", "yes"), ("outcome", "granted-in-part"), ("reason", "The funeral day and the day after"),
                        ("grantedFrom-day", "7"), ("grantedFrom-month", "12"), ("grantedFrom-year", "2026"), ("grantedFromSession", "AM"),
                        ("grantedTo-day", "8"), ("grantedTo-month", "12"), ("grantedTo-year", "2026"), ("grantedToSession", "PM")]
            let outside = part.map { $0.0 == "grantedTo-day" ? ($0.0, "12") : $0 }
            let refused = try await head.post("/decisions/\(reference)", outside)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("The part granted must fall within what was asked for"))
            #expect(refused.html.contains("value=\"granted-in-part\" checked"))
            #expect(try await head.post("/decisions/\(reference)", part).status == .seeOther)
            let outcome = try await parent.get("/parent/requests/\(reference)")
            #expect(outcome.html.contains("Decision: Granted in part"))
            #expect(outcome.html.contains("Monday 7 December 2026 (morning) to Tuesday 8 December 2026 (afternoon)"))
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let letters = try await office.get("/office/letters")
            let link = try #require(letters.html.letterPaths.first)
            let letter = try await office.get(link)
            #expect(letter.html.contains("has been granted in part: Bryn may be absent from Monday 7 December 2026 (morning) to Tuesday 8 December 2026 (afternoon)"))
            #expect(letter.html.contains("recorded as unauthorised (code G)"))
        }
    }

    @Test func theHealthCheckAnswersWhenTheDatabaseDoes() async throws {
        try await PortalHarness.run { client in
            let response = try await Browser(client).get("/health")
            #expect(response.status == .ok)
            #expect(response.html == "ok\n")
        }
    }
}
