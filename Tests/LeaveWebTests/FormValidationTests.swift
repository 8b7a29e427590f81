import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// GOV.UK error pattern: 422, "There is a problem" summary linking to each field, the message
/// beside each field, "Error: " in the title, and everything typed kept.
@Suite("The leave form with wrong answers")
struct FormValidationTests {
    @Test func everyFieldWrongGivesEveryMessageAndKeepsEveryValue() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let page = try await parent.post("/parent/requests/new", [
                ("pupil", "not-a-child"), ("kind", "spa-day"), ("purpose", String(repeating: "é<b>", count: 130)),
                ("firstDay-day", "31"), ("firstDay-month", "2"), ("firstDay-year", "2027"), ("firstSession", "noon"),
                ("lastDay-day", "x"), ("lastDay-month", ""), ("lastDay-year", "20"), ("lastSession", ""),
                ("returnDay-day", "1"), ("returnDay-month", "1"), ("returnDay-year", "2025"),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("<title>Error: Ask for leave of absence"))
            #expect(page.html.contains("There is a problem"))
            let messages = [
                ("pupil", "Select which child the leave is for"),
                ("kind", "Select the kind of leave"),
                ("purpose", "What the leave is for must be 500 characters or fewer"),
                ("firstDay-day", "The first day of leave must be a real date"),
                ("firstSession", "Select whether the leave starts in the morning or the afternoon"),
                ("lastDay-month", "The last day of leave must include a month"),
                ("lastSession", "Select whether the leave ends after the morning or the afternoon"),
            ]
            for (anchor, message) in messages {
                #expect(page.html.contains("<a href=\"#\(anchor)\">\(message)</a>"), "summary lacks \(message)")
                #expect(page.html.contains("<span class=\"visually-hidden\">Error:</span> \(message)"), "no message beside \(anchor)")
                #expect(page.html.contains("id=\"\(anchor)\""), "no field with id \(anchor)")
            }
            // What was typed comes back, escaped.
            #expect(page.html.contains(String(repeating: "é&lt;b&gt;", count: 130)))
            for value in ["value=\"31\"", "value=\"2\"", "value=\"2027\"", "value=\"x\"", "value=\"20\"", "value=\"2025\""] {
                #expect(page.html.contains(value), "lost \(value)")
            }
        }
    }

    @Test func theReturnDateIsCheckedAgainstTheLeave() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let form = try await parent.get("/parent/requests/new")
            let child = try #require(form.html.radioValue(labelled: "Bryn Marrowfield"))
            var fields = [("pupil", child)] + JourneyTests.leave.filter { !$0.0.hasPrefix("returnDay") }
            fields += [("returnDay-day", "9"), ("returnDay-month", "12"), ("returnDay-year", "2026")]
            let page = try await parent.post("/parent/requests/new", fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("The date your child will be back must be after the last day of leave"))
            #expect(page.html.contains("checked"), "the chosen radios stay chosen")
        }
    }

    @Test func aDecisionWithoutAReasonIsRefusedAndKeepsTheChoice() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await JourneyTests.submitLeave(parent)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.post("/decisions/\(reference)", [("outcome", "granted"), ("reason", "  ")])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("Enter the reason for the decision; the letter will quote it"))
            #expect(page.html.contains("value=\"granted\" checked"))
            #expect(try await head.get("/decisions").html.contains(reference))
        }
    }

    @Test func aMalformedFormBodyIsAClearErrorNotACrash() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let page = try await parent.send("/parent/requests/new", method: .post, body: "csrfToken=\(parent.csrfToken)&purpose=%E0%A4%A&&=&firstDay-day=%")
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("There is a problem"))
        }
    }
}
