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
            let page = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "  ")])
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

/// The other forms' own rules, each with its message.
@Suite("The other forms' validation")
struct OtherFormValidationTests {
    @Test func performanceLicenceDatesAndTeachingHoursAreChecked() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.get("/parent/forms/performance")
            try await parent.post("/parent/forms/performance/licence-issued", [("hasLicence", "yes")])
            let licence = try await parent.post("/parent/forms/performance/licence", [("licenceNumber", ""), ("authority", "Sampleton Council"),
                                                                                      ("namesDates", "yes")])
            #expect(licence.status == .unprocessableContent)
            #expect(licence.html.contains("Enter the licence number"))
            // Issue 15: the dates are asked only after "Yes", on their own page, never first as an error.
            #expect(!licence.html.contains("Enter the dates the licence names"))
            #expect(licence.html.contains("Sampleton Council"), "the other answers are kept")
            let named = try await parent.post("/parent/forms/performance/licence", [("licenceNumber", "PL-1"), ("authority", "Sampleton Council"),
                                                                                    ("namesDates", "yes")])
            #expect(named.location == "/parent/forms/performance/licence-dates")
            let dates = try await parent.post("/parent/forms/performance/licence-dates", [("licenceDates", "7/12/2026\n32/12/2026")])
            #expect(dates.status == .unprocessableContent)
            #expect(dates.html.contains("Line 2 of the dates the licence names, &#39;32/12/2026&#39;, is not a real date") ||
                    dates.html.contains("Line 2 of the dates the licence names, '32/12/2026', is not a real date"))
            // "No": the dates page is skipped.
            let unnamed = try await parent.post("/parent/forms/performance/licence", [("licenceNumber", "PL-1"), ("authority", "Sampleton Council"),
                                                                                      ("namesDates", "no")])
            #expect(unnamed.location == "/parent/forms/performance/dates")
            let hours = try await parent.post("/parent/forms/performance/education", [("hoursPerWeek", "six"), ("hoursPerDay", "13"), ("maxHours", "")])
            #expect(hours.html.contains("The hours a week must be a number"))
            #expect(hours.html.contains("Hours of teaching a day must be 12 or fewer"))
            #expect(hours.html.contains("Enter the most hours of teaching on any one day"))
        }
    }

    @Test func medicalAndLunchtimeQuestionsAreRequired() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.get("/parent/forms/medical")
            let medical = try await parent.post("/parent/forms/medical/appointment", [("start-day", "8"), ("start-month", "12"), ("start-year", "2026")])
            #expect(medical.html.contains("Enter the time of the appointment"))
            #expect(medical.html.contains("Select which part of the school day your child will miss"))
            try await parent.get("/parent/forms/lunchtime")
            let lunchtime = try await parent.post("/parent/forms/lunchtime/days", [("days", "Saturday"), ("from-day", "1"), ("from-month", "12"),
                                                                                   ("from-year", "2026"), ("until-day", "30"), ("until-month", "11"), ("until-year", "2026")])
            #expect(lunchtime.html.contains("Select the days"), "a weekend day is not offered")
            #expect(lunchtime.html.contains("The last day must be the same as or after the first day"))
            try await parent.get("/parent/forms/traveller")
            let traveller = try await parent.post("/parent/forms/traveller/travel", Array(Browser.leaveDates.prefix(0)))
            #expect(traveller.html.contains("Select yes if the family is travelling for a parent&#39;s work") ||
                    traveller.html.contains("Select yes if the family is travelling for a parent's work"))
        }
    }
}

/// Issue 15: a box is as wide as its answer.
@Suite("Forms that ask only what they must")
struct FormFitTests {
    @Test func aTimeHasANarrowBox() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent1@example.com")
            _ = try await parent.get("/parent/forms/medical")
            let page = try await parent.get("/parent/forms/medical/appointment")
            #expect(page.html.contains("class=\"input input--width-10\" id=\"time\""))
        }
    }
}
