import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The admin edits the statutory assessment weeks and religious days the rules read.
@Suite("Editing assessments and religious days")
struct CalendarEditingTests {
    @Test func anAddedReligiousDayIsReadByTheRules() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let page = try await admin.get("/admin/calendar")
            #expect(page.html.contains("KS2 SATs"), "the demo's assessment weeks are listed")
            let refused = try await admin.post("/admin/calendar/religious-days", [("religion", ""), ("dayName", "Diwali"),
                                                                                  ("date-day", "31"), ("date-month", "11"), ("date-year", "2026")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("Enter the religion"))
            #expect(refused.html.contains("The date must be a real date"))
            #expect(refused.html.contains("value=\"Diwali\""))
            let added = try await admin.post("/admin/calendar/religious-days", [("religion", "Hinduism"), ("dayName", "Diwali"),
                                                                                ("date-day", "11"), ("date-month", "12"), ("date-year", "2026")])
            #expect(added.location == "/admin/calendar")
            #expect(try await admin.get("/admin/calendar").html.contains("Friday 11 December 2026"))

            // 000 "Religious observance": a listed day no longer needs the religious body's advice.
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let refs = try await FormJourneyTests.fill(parent, form: "religious", children: ["Bryn Marrowfield"], pages: [
                ("observance", [("religion", "Hinduism"), ("occasion", "Diwali"), ("start-day", "11"), ("start-month", "12"), ("start-year", "2026")]),
            ])
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(!(try await head.get("/decisions/\(refs[0])").html.contains("REL-NOT-SET-APART")))
        }
    }

    @Test func assessmentsAreAddedCheckedAndRemoved() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let bad = try await admin.post("/admin/calendar/assessments", [("name", "Mock tests"), ("yearGroups", "six"),
                ("start-day", "10"), ("start-month", "5"), ("start-year", "2027"), ("end-day", "3"), ("end-month", "5"), ("end-year", "2027")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("Enter the year groups as numbers"))
            #expect(bad.html.contains("The last day must be the same as or after the first day"))
            let good = try await admin.post("/admin/calendar/assessments", [("name", "Mock tests"), ("yearGroups", "5, 6"),
                ("start-day", "10"), ("start-month", "5"), ("start-year", "2027"), ("end-day", "14"), ("end-month", "5"), ("end-year", "2027")])
            #expect(good.location == "/admin/calendar")
            let page = try await admin.get("/admin/calendar")
            #expect(page.html.contains("Mock tests") && page.html.contains("Year 5, Year 6"))
            let removeLink = try #require(page.html.range(of: "/admin/calendar/assessments/").map {
                "/admin/calendar/assessments/" + page.html[$0.upperBound...].prefix { $0.isNumber } + "/remove"
            })
            #expect(try await admin.post(removeLink).location == "/admin/calendar")
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            #expect(try await parent.get("/admin/calendar").status == .forbidden)
        }
    }
}
