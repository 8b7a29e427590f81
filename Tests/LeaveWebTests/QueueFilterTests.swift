import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 13 "The queue": filters and search (pupil, year group, kind, advice, deadline this
/// week), counts per advice, requests for brothers and sisters side by side, the same filters on
/// the decided list, and a page for each pupil — all through the real router.
@Suite("Filtering the queue and the decided list")
struct QueueFilterTests {
    /// A medical appointment on Wednesday 25 November: on Monday 23 November it must be decided by
    /// the Tuesday, this week (the last school day before it).
    static func appointmentThisWeek(_ parent: Browser, child: String) async throws -> String {
        try await FormJourneyTests.fill(parent, form: "medical", children: [child], pages: [
            ("appointment", [("start-day", "25"), ("start-month", "11"), ("start-year", "2026"), ("time", "10:30am"),
                             ("missed", "AM"), ("purpose", "Orthodontist check")]),
            ("card", []),
        ], file: (page: "card", question: "card", name: "card.png", data: FormJourneyTests.png))[0]
    }

    @Test func theQueueIsNarrowedByPupilYearKindAdviceAndDeadline() async throws {
        try await PortalHarness.run { client in
            let marrowfields = Browser(client)
            try await marrowfields.signIn("parent2@example.com")
            let siblings = try await marrowfields.askForLeave(children: ["Bryn Marrowfield", "Cai Marrowfield"])
            #expect(siblings.count == 2)
            let quillbrook = Browser(client)
            try await quillbrook.signIn("parent1@example.com")
            let appointment = try await Self.appointmentThisWeek(quillbrook, child: "Ada Quillbrook")
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")

            let all = try await head.get("/decisions").html
            #expect(Set(all.references) == Set(siblings + [appointment]))
            #expect(all.contains("Sent together with Cai&#39;s request"))
            #expect(all.contains("Sent together with Bryn&#39;s request"))
            // The two sent together are next to each other, the appointment (due first) before them.
            let at = (siblings + [appointment]).compactMap { all.range(of: "/decisions/\($0)\"")?.lowerBound }
            #expect(at.count == 3 && at[2] < at[0] && at[2] < at[1])

            // A part of a surname, in any case; a reference; words in either order.
            #expect(Set(try await head.get("/decisions?q=quill").html.references) == [appointment])
            // A control character is dropped, not a way round the filter (SQLite's LIKE stops at NUL).
            #expect(Set(try await head.get("/decisions?q=%00quill").html.references) == [appointment])
            #expect(Set(try await head.get("/decisions?q=\(siblings[1].lowercased())").html.references) == [siblings[1]])
            #expect(Set(try await head.get("/decisions?q=marrowfield+bryn").html.references) == [siblings[0]])
            // A search that matches nobody says so, and keeps what was typed.
            let nobody = try await head.get("/decisions?q=%3Cnobody%25%3E").html
            #expect(nobody.contains("No waiting request matches these filters."))
            #expect(nobody.contains("value=\"&lt;nobody%&gt;\""))

            #expect(Set(try await head.get("/decisions?kind=medical").html.references) == [appointment])
            #expect(try await head.get("/decisions?kind=lunchtime").html.contains("No waiting request matches"))
            #expect(Set(try await head.get("/decisions?due=week").html.references) == [appointment])
            // A value no form offers is ignored: the whole queue.
            #expect(Set(try await head.get("/decisions?kind=holidayz&year=99").html.references).count == 3)

            // Each advice is counted, and its count links to the queue narrowed to it.
            for advice in ["blocked", "refuse", "consider", "grant"] {
                let narrowed = try await head.get("/decisions?advice=\(advice)").html
                let shown = Set(narrowed.references)
                if shown.isEmpty { continue }
                #expect(all.contains("href=\"/decisions?advice=\(advice)\""))
                #expect(narrowed.contains("\(shown.count) waiting that match the filters, of 3"))
            }
        }
    }

    @Test func theDecidedListIsFilteredAndEachPupilHasAPage() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let siblings = try await parent.askForLeave(children: ["Bryn Marrowfield", "Cai Marrowfield"])
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let refused = try await head.post("/decisions/\(siblings[0])", [("confirmed", "yes"), ("outcome", "refused"),
                                                                            ("reason", "Not exceptional enough for the policy")])
            #expect(refused.status == .seeOther)
            #expect(Set(try await head.get("/decisions/decided?outcome=refused").html.references) == [siblings[0]])
            #expect(try await head.get("/decisions/decided?outcome=granted").html.contains("No decided request matches these filters."))
            #expect(Set(try await head.get("/decisions/decided?q=bryn").html.references) == [siblings[0]])

            // The pupil's page: attendance and every request of the family, brothers and sisters linked.
            let request = try await head.get("/decisions/\(siblings[0])")
            let pupilPath = try #require(request.html.firstMainPath(startingWith: "/decisions/pupils/"))
            let page = try await head.get(pupilPath)
            #expect(page.status == .ok)
            #expect(page.html.contains("<h1 class=\"heading-l\">Bryn Marrowfield</h1>"))
            #expect(page.html.contains("Cai Marrowfield</a>"))
            #expect(Set(page.html.references) == Set(siblings))
            #expect(page.html.contains("Possible sessions"))
            // Another school's head, a parent, or no such pupil: not found or not allowed.
            #expect(try await head.get("/decisions/pupils/999999").status == .notFound)
            #expect(try await head.get("/decisions/pupils/abc").status == .notFound)
            #expect(try await parent.get(pupilPath).status == .forbidden)
            let otherHead = Browser(client)
            try await otherHead.signIn("head@willowmere.example")
            #expect(try await otherHead.get(pupilPath).status == .notFound)
        }
    }
}

/// Issue 13 "The request page": the policy text itself reachable from the page — the school's
/// own published policy, at the address the admin gives.
@Suite("The school's policy in full")
struct PolicyAddressTests {
    /// The admin's policy form as it stands, with one setting changed, as a browser would send it.
    static func policyForm(_ admin: Browser, setting: String, to value: String) async throws -> [(String, String)] {
        try await admin.policyForm([setting: value])
    }

    @Test func theAdminSaysWhereThePolicyIsAndTheHeadteacherReadsIt() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await parent.askForLeave()[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(try await head.get("/decisions/policies").html.contains("The school's administrator can add the address"))
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            // Not a web address: said so, and kept as typed.
            let wrong = try await admin.post("/admin/policy", try await Self.policyForm(admin, setting: "policyAddress", to: "javascript:alert(1)"))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("a web address starting https://"))
            #expect(wrong.html.contains("javascript:alert(1)"))
            #expect(!(try await head.get("/decisions/\(reference)").html.contains("attendance policy in full")))
            let address = "https://www.oakhollow.example/attendance-policy.pdf"
            #expect(try await admin.post("/admin/policy", try await Self.policyForm(admin, setting: "policyAddress", to: address)).status == .ok)
            let page = try await head.get("/decisions/\(reference)").html
            #expect(page.contains("<a href=\"\(address)\" rel=\"noopener noreferrer\">The school's attendance policy in full</a>"))
            #expect(try await head.get("/decisions/policies").html.contains("href=\"\(address)\""))
        }
    }
}
