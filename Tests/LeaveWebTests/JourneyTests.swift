import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The walking skeleton end to end: a parent asks, the headteacher decides, the office prints.
@Suite("Parent to headteacher to office")
struct JourneyTests {
    static let leave: [(String, String)] = [
        ("kind", "exceptional"), ("purpose", "Funeral of a grandparent in Leeds"),
        ("firstDay-day", "7"), ("firstDay-month", "12"), ("firstDay-year", "2026"), ("firstSession", "AM"),
        ("lastDay-day", "9"), ("lastDay-month", "12"), ("lastDay-year", "2026"), ("lastSession", "PM"),
        ("returnDay-day", "10"), ("returnDay-month", "12"), ("returnDay-year", "2026"),
    ]

    /// Submits the standard leave for the parent's first child and returns its reference.
    static func submitLeave(_ parent: Browser) async throws -> String {
        let form = try await parent.get("/parent/requests/new")
        let child = try #require(form.html.range(of: "name=\"pupil\" type=\"radio\" value=\"").map {
            String(form.html[$0.upperBound...].prefix { $0 != "\"" })
        })
        let next = try await parent.post("/parent/requests/new", [("pupil", child)] + leave)
        #expect(next.status == .seeOther)
        #expect(next.location == "/parent/requests/check")
        let sent = try await parent.post("/parent/requests/submit")
        #expect(sent.status == .seeOther)
        let location = try #require(sent.location)
        return try #require(location.references.first)
    }

    @Test func aRequestGoesFromTheParentToTheHeadteacherToAPrintedLetter() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            let signedIn = try await parent.signIn("parent2@example.com")
            #expect(signedIn.location == "/parent")
            let session = try #require(parent.cookies["lp_session"])
            #expect(!session.isEmpty)

            // Check your answers shows each answer with a change link, and the school days counted.
            let form = try await parent.get("/parent/requests/new")
            let child = try #require(form.html.radioValue(labelled: "Bryn Marrowfield"))
            _ = try await parent.post("/parent/requests/new", [("pupil", child)] + Self.leave)
            let check = try await parent.get("/parent/requests/check")
            #expect(check.status == .ok)
            #expect(check.html.contains("Check your answers before sending your request"))
            #expect(check.html.contains("Monday 7 December 2026 (morning)"))
            #expect(check.html.contains("3 school days (6 sessions)"))
            #expect(check.html.contains("href=\"/parent/requests/new?change=1#purpose\""))
            // A change link brings the answers back.
            let change = try await parent.get("/parent/requests/new?change=1")
            #expect(change.html.contains("Funeral of a grandparent in Leeds"))

            let sent = try await parent.post("/parent/requests/submit")
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
            #expect(queue.html.contains("<td class=\"numeric\">3</td><td class=\"numeric\">6</td>"))
            let page = try await head.get("/decisions/\(reference)")
            #expect(page.html.contains("Funeral of a grandparent in Leeds"))
            let decided = try await head.post("/decisions/\(reference)", [("outcome", "refused"), ("reason", "The policy does not allow leave for this.")])
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
            let link = try #require(letters.html.range(of: "/office/letters/").map {
                "/office/letters/" + letters.html[$0.upperBound...].prefix { $0.isNumber }
            })
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
            #expect(try await parent.post("/parent/requests/\(reference)/withdraw").status == .seeOther)
            #expect(try await parent.get("/parent/requests/\(reference)").html.contains("Withdrawn"))
            #expect(try await parent.post("/parent/requests/\(reference)/withdraw").status == .conflict)

            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(!(try await head.get("/decisions").html.contains(reference)))
            let late = try await head.post("/decisions/\(reference)", [("outcome", "granted"), ("reason", "Fine")])
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
            #expect(try await head.post("/decisions/\(reference)", [("outcome", "granted"), ("reason", "Exceptional")]).status == .seeOther)
            let second = try await deputy.post("/decisions/\(reference)", [("outcome", "refused"), ("reason", "No")])
            #expect(second.status == .conflict)
            #expect(second.html.contains("was already granted by Dr R. Quintrell"))
            #expect(second.html.contains("A decision cannot be made twice."))
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
