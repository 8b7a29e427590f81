import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// GOV.UK error pattern on the declared forms: 422, "There is a problem" summary linking to
/// each field, the message beside each field, "Error: " in the title, and everything typed kept.
@Suite("The forms with wrong answers")
struct FormValidationTests {
    @Test func everyDateRuleOfTheLeaveFormWithItsMessageAndTheAnswersKept() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.get("/parent/forms/leave")
            let page = try await parent.post("/parent/forms/leave/dates", [
                ("start-day", "31"), ("start-month", "2"), ("start-year", "2027"), ("startSession", "noon"),
                ("end-day", "x"), ("end-month", ""), ("end-year", "20"),
                ("returnDate-day", ""), ("returnDate-month", ""), ("returnDate-year", ""),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("<title>Error: When is the leave?"))
            #expect(page.html.contains("There is a problem"))
            let messages = [
                ("start-day", "The first day of leave must be a real date"),
                ("startSession", "Select whether the leave starts in the morning or the afternoon"),
                ("end-month", "The last day of leave must include a month"),
                ("endSession", "Select whether the leave ends after the morning or the afternoon"),
                ("returnDate-day", "Enter the date your child will be back at school"),
            ]
            for (anchor, message) in messages {
                #expect(page.html.contains("<a href=\"#\(anchor)\">\(message)</a>"), "summary lacks \(message)")
                #expect(page.html.contains("<span class=\"visually-hidden\">Error:</span> \(message)"), "no message beside \(anchor)")
                #expect(page.html.contains("id=\"\(anchor)\""), "no field with id \(anchor)")
            }
            for value in ["value=\"31\"", "value=\"2\"", "value=\"2027\"", "value=\"x\"", "value=\"20\""] {
                #expect(page.html.contains(value), "lost \(value)")
            }
            // Date order, the past and the return date, each with its own message.
            let cases: [([(String, String)], String)] = [
                ([("start-day", "20"), ("start-month", "11"), ("start-year", "2026")], "The first day of leave must be today or in the future"),
                ([("end-day", "4"), ("end-month", "12"), ("end-year", "2026")], "The last day must be the same as or after the first day"),
                ([("returnDate-day", "8"), ("returnDate-month", "12"), ("returnDate-year", "2026")], "The date your child will be back must be on or after the last day of leave"),
                ([("start-day", "1"), ("start-month", "1"), ("start-year", "2028")], "The first day of leave must be within the next 12 months"),
            ]
            for (changes, message) in cases {
                let names = Set(changes.map(\.0))
                let fields = Browser.leaveDates.filter { !names.contains($0.0) } + changes
                let result = try await parent.post("/parent/forms/leave/dates", fields)
                #expect(result.status == .unprocessableContent)
                #expect(result.html.contains(message), "expected: \(message)")
            }
        }
    }

    @Test func theReasonPageNeedsAnAnswerAndLimitsItsLength() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.get("/parent/forms/leave")
            let empty = try await parent.post("/parent/forms/leave/reason", [("category", ""), ("purpose", "  ")])
            #expect(empty.html.contains("Select what the leave is for"))
            #expect(empty.html.contains("Enter what the leave is for"))
            let long = try await parent.post("/parent/forms/leave/reason", [("category", "spa-day"), ("purpose", String(repeating: "é<b>", count: 260))])
            #expect(long.html.contains("What the leave is for must be 1000 characters or fewer"))
            #expect(long.html.contains(String(repeating: "é&lt;b&gt;", count: 260)), "what was typed comes back, escaped")
            #expect(long.html.contains("Select what the leave is for"), "an option that is not offered is refused")
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
            try await parent.get("/parent/forms/leave")
            let page = try await parent.send("/parent/forms/leave/reason", method: .post, body: "csrfToken=\(parent.csrfToken)&purpose=%E0%A4%A&&=&category=%")
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("There is a problem"))
        }
    }
}
