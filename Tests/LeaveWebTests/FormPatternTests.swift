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

    /// 000 "Performances and activities": without a licence the headteacher will not authorise.
    /// The parent can say the licence is not issued yet; the request reaches the queue as one that
    /// cannot be granted (PERF-NO-LICENCE), and a licence number typed before is not kept.
    @Test func aPerformanceWithoutALicenceReachesTheQueueAsOneThatCannotBeGranted() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.get("/parent/forms/performance")
            let ids = try await parent.childIDs(["Bryn Marrowfield"], form: "performance")
            try await parent.post("/parent/forms/performance/children", ids.map { ("children", $0) })
            #expect(try await parent.post("/parent/forms/performance/licence-issued", [("hasLicence", "yes")]).location == "/parent/forms/performance/licence")
            try await parent.post("/parent/forms/performance/licence", [("licenceNumber", "PL-OLD-1"), ("authority", "Sampleton Council"), ("namesDates", "yes")])
            // Back, and "no" after all: the licence pages are skipped, and what the school's policy says is explained.
            let none = try await parent.post("/parent/forms/performance/licence-issued", [("hasLicence", "no")])
            #expect(none.location == "/parent/forms/performance/no-licence")
            let explained = try await parent.get("/parent/forms/performance/no-licence").html
            #expect(explained.contains("will not authorise absence for a performance or activity without a licence"))
            #expect(try await parent.post("/parent/forms/performance/no-licence", [("licenceExpected", "Next week")]).location == "/parent/forms/performance/dates")
            #expect(try await parent.post("/parent/forms/performance/dates", [
                ("purpose", "Pantomime"), ("start-day", "7"), ("start-month", "12"), ("start-year", "2026"),
                ("end-day", "8"), ("end-month", "12"), ("end-year", "2026")]).location == "/parent/forms/performance/check")
            let check = try await parent.get("/parent/forms/performance/check").html
            #expect(!check.contains("PL-OLD-1"))
            let sent = try await parent.post("/parent/forms/performance/submit")
            let confirmation = try #require(sent.location)
            let reference = try #require(try await parent.get(confirmation).html.references.first)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.get("/decisions/\(reference)").html
            #expect(page.contains("PERF-NO-LICENCE"))
            #expect(page.contains("Next week"))
            #expect(try await head.get("/decisions?advice=blocked").html.contains(reference))
            // The licence comes: the parent adds it on the request's page, mistakes said beside each box and kept.
            let own = try await parent.get("/parent/requests/\(reference)").html
            #expect(own.contains("The headteacher cannot authorise this absence without a licence"))
            let wrong = try await parent.post("/parent/requests/\(reference)/licence", [("licenceNumber", ""), ("authority", "Sampleton Council"),
                                                                                       ("licenceDates", "7/12/2026\n32/12/2026")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("Enter the licence number") && wrong.html.contains("is not a real date"))
            #expect(wrong.html.contains("value=\"Sampleton Council\""))
            let added = try await parent.post("/parent/requests/\(reference)/licence", [("licenceNumber", "PL-2026-200"), ("authority", "Sampleton Council"),
                                                                                       ("licenceDates", "7/12/2026\n8/12/2026")])
            #expect(added.location == "/parent/requests/\(reference)?done=licence-added")
            let after = try await parent.get(try #require(added.location)).html
            #expect(after.contains("Licence added") && after.contains("You added the licence"))
            #expect(!after.contains("Add the licence"))
            // The rules look again: the licence names the days, so it authorises them (000), and the request leaves "cannot be granted".
            let reviewed = try await head.get("/decisions/\(reference)").html
            #expect(reviewed.contains("PERF-DATED") && !reviewed.contains("PERF-NO-LICENCE"))
            #expect(!(try await head.get("/decisions?advice=blocked").html.contains(reference)))
            #expect(try await parent.post("/parent/requests/\(reference)/licence", [("licenceNumber", "PL-2"), ("authority", "X")]).status == .conflict)
            // The office records it as authorised by that licence, and the letter names it.
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            #expect(try await office.post("/office/licences/\(reference)").status == .seeOther)
            let letters = try await office.get("/office/letters/printed").html + (try await office.get("/office/letters").html)
            let letterPath = try #require(letters.letterPaths.first)
            #expect(try await office.get(letterPath).html.contains("the child performance licence PL-2026-200 issued by Sampleton Council"))
            let stranger = Browser(client)
            try await stranger.signIn("parent3@example.com")
            #expect(try await stranger.post("/parent/requests/\(reference)/licence", [("licenceNumber", "PL-3"), ("authority", "X")]).status == .notFound)
        }
    }

    /// "The parent's request page: … a clear timeline of what happened", without the school's own notes.
    @Test func theParentSeesWhatHasHappenedToTheirRequest() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await parent.askForLeave()[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let noted = try await head.post("/decisions/\(reference)/notes/consultation", [
                ("consultationHeldOn-day", "23"), ("consultationHeldOn-month", "11"), ("consultationHeldOn-year", "2026"),
                ("consultationNote", "Spoke to the trust CEO in confidence")])
            #expect(noted.status == .seeOther)
            #expect(try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "A funeral")]).status == .seeOther)
            let page = try await parent.get("/parent/requests/\(reference)").html
            #expect(page.contains("<h2 class=\"heading-m\">What has happened</h2>"))
            let sent = try #require(page.range(of: "You sent the request"))
            let decided = try #require(page.range(of: "The headteacher decided"))
            #expect(sent.lowerBound < decided.lowerBound)
            #expect(!page.contains("in confidence"))
        }
    }

    /// "A parent with one child must still tick them": their only child is ticked already; a
    /// parent with several chooses.
    @Test func aParentsOnlyChildIsTickedAlready() async throws {
        try await PortalHarness.run { client in
            let only = Browser(client)
            try await only.signIn("parent1@example.com")  // one child in the demo
            try await only.get("/parent/forms/medical")
            let page = try await only.get("/parent/forms/medical/children").html
            #expect(page.contains("type=\"radio\" value=") && page.contains(" checked"))
            let several = Browser(client)
            try await several.signIn("parent2@example.com")
            try await several.get("/parent/forms/medical")
            #expect(!(try await several.get("/parent/forms/medical/children").html.contains(" checked")))
        }
    }
}
