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

/// Terms and closures typed by the admin, with the checks the rules rely on.
@Suite("Typing term dates")
struct TermEditingTests {
    static func date(_ id: String, _ d: Int, _ m: Int, _ y: Int) -> [(String, String)] {
        [("\(id)-day", String(d)), ("\(id)-month", String(m)), ("\(id)-year", String(y))]
    }

    @Test func termsAndClosuresAreCheckedThenKept() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            // The demo has this year's terms: a term over one of them is refused.
            let overlapping = try await admin.post("/admin/calendar/terms", [("termName", "Extra term")] + Self.date("termStart", 1, 12, 2026) + Self.date("termEnd", 4, 12, 2026))
            #expect(overlapping.status == .unprocessableContent)
            #expect(overlapping.html.contains("The term overlaps"))
            let backwards = try await admin.post("/admin/calendar/terms", [("termName", "Summer school")] + Self.date("termStart", 10, 8, 2028) + Self.date("termEnd", 3, 8, 2028))
            #expect(backwards.html.contains("The last day must be the same as or after the first day"))
            let added = try await admin.post("/admin/calendar/terms", [("termName", "Summer school")] + Self.date("termStart", 7, 8, 2028) + Self.date("termEnd", 11, 8, 2028))
            #expect(added.location == "/admin/calendar")
            let page = try await admin.get("/admin/calendar")
            #expect(page.html.contains("Summer school"))
            // A closure on a Saturday, and one in no term, are refused; one in the new term is kept.
            let saturday = try await admin.post("/admin/calendar/closures", [("closureName", "Open day"), ("closureKind", "other")] + Self.date("closureDate", 12, 8, 2028))
            #expect(saturday.html.contains("Saturday or Sunday"))
            let outside = try await admin.post("/admin/calendar/closures", [("closureName", "Open day"), ("closureKind", "other")] + Self.date("closureDate", 15, 8, 2028))
            #expect(outside.html.contains("not in any term"))
            let kept = try await admin.post("/admin/calendar/closures", [("closureName", "Polling station"), ("closureKind", "other")] + Self.date("closureDate", 9, 8, 2028))
            #expect(kept.location == "/admin/calendar")
            let after = try await admin.get("/admin/calendar")
            #expect(after.html.contains("Polling station"))
            let row = try #require(after.html.range(of: "<td>Polling station</td>"))
            let remove = try #require(String(after.html[row.upperBound...]).firstPath(startingWith: "/admin/calendar/closures/"))
            try await admin.post(remove)
            #expect(!(try await admin.get("/admin/calendar")).html.contains("Polling station"))
        }
    }
}
