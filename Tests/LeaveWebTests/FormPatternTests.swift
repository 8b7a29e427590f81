import Foundation
import Testing

/// Issue 15: the parents' forms follow the GOV.UK patterns where they had fallen short.
@Suite("GOV.UK patterns in the parents' forms")
struct FormPatternTests {
    /// "Changing the category to exceptional skips the evidence page": a change that opens a page
    /// the parent has not seen goes there, even when everything on it is optional.
    @Test func changingTheReasonToOneThatNeedsEvidenceShowsTheEvidencePage() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.get("/parent/forms/leave")
            let ids = try await parent.childIDs(["Bryn Marrowfield"])
            try await parent.post("/parent/forms/leave/children", ids.map { ("children", $0) })
            try await parent.post("/parent/forms/leave/reason", [("category", "holiday"), ("purpose", "A week in Wales")])
            #expect(try await parent.post("/parent/forms/leave/dates", Browser.leaveDates).location == "/parent/forms/leave/check")
            let changed = try await parent.post("/parent/forms/leave/reason", [("change", "1"), ("category", "exceptional"), ("purpose", "A funeral")])
            #expect(changed.location == "/parent/forms/leave/evidence")
            // A change that opens nothing new goes back to the check page.
            #expect(try await parent.post("/parent/forms/leave/evidence", []).location == "/parent/forms/leave/check")
            let again = try await parent.post("/parent/forms/leave/reason", [("change", "1"), ("category", "exceptional"), ("purpose", "A funeral in Leeds")])
            #expect(again.location == "/parent/forms/leave/check")
        }
    }

    /// "Single-question pages repeat the question as heading and legend": the question is the
    /// page's heading (GOV.UK "If you're asking just one question on the page"); where the form's
    /// guidance comes between them, the legend is kept for screen readers only.
    @Test func aPageThatAsksOneQuestionSaysItOnce() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.get("/parent/forms/lunchtime")
            let first = try await parent.get("/parent/forms/lunchtime/children").html
            #expect(first.components(separatedBy: "Which children is this for?").count == 4)  // the title, the heading, the hidden legend
            #expect(first.contains("class=\"fieldset__legend fieldset__legend--m visually-hidden\">Which children is this for?</legend>"))
            // Reached again by "Change", without the guidance between: the question is the heading.
            let change = try await parent.get("/parent/forms/lunchtime/children?change=1").html
            #expect(change.contains("<legend class=\"fieldset__legend fieldset__legend--l\"><h1 class=\"fieldset__heading\">Which children is this for?</h1></legend>"))
            #expect(!change.contains("<h1 class=\"heading-l\">"))
            // A page of several questions keeps its own heading, and each weekday is not told to "select all" again.
            let days = try await parent.get("/parent/forms/lunchtime/days").html
            #expect(days.contains("<h1 class=\"heading-l\">Which days and when?</h1>"))
            #expect(days.components(separatedBy: "Select all that apply").count == 2)
        }
    }
}
