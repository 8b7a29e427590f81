import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 13: the headteacher's desk through the real router: the queue in order of urgency,
/// lunchtime requests shown as what they are, meetings and consultations as their own steps,
/// licences recorded in one step, only the outcomes a request allows, and a confirmation first.
@Suite("The headteacher's decision desk")
struct DecisionDeskTests {
    static func lunchtime(_ parent: Browser) async throws -> String {
        try await FormJourneyTests.fill(parent, form: "lunchtime", children: ["Bryn Marrowfield"], pages: [
            ("days", [("days", "Monday"), ("days", "Wednesday"), ("from-day", "1"), ("from-month", "12"), ("from-year", "2026")]),
            ("collection", [("collector", "Grandparent, Sam Marrowfield"), ("purpose", "Lunch at home")]),
        ])[0]
    }

    static func medical(_ parent: Browser) async throws -> String {
        try await FormJourneyTests.fill(parent, form: "medical", children: ["Bryn Marrowfield"], pages: [
            ("appointment", [("start-day", "8"), ("start-month", "12"), ("start-year", "2026"), ("time", "10:30am"),
                             ("missed", "AM"), ("purpose", "Orthodontist check")]),
            ("card", []),
        ], file: (page: "card", question: "card", name: "card.png", data: FormJourneyTests.png))[0]
    }

    /// Issue 13 "The queue": by deadline, then first day. On Monday 23 November: the lunchtime
    /// request is owed its answer 5 school days on (000: Monday 30 November); the leave from
    /// Monday 7 December is due the Friday before; the appointment on Tuesday 8 December, the Monday.
    @Test func theQueueIsInOrderOfUrgencyAndSaysWhy() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let medical = try await Self.medical(parent)
            let leave = try await parent.askForLeave()[0]
            let lunch = try await Self.lunchtime(parent)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let queue = try await head.get("/decisions").html
            let positions = [lunch, leave, medical].map { queue.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil })
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "queue order: \(positions)")
            #expect(queue.contains("Decide by Mon 30 Nov"))
            #expect(queue.contains("the written answer a lunchtime request is owed"))
            #expect(queue.contains("Decide by Fri 4 Dec"))
            #expect(queue.contains("Decide by Mon 7 Dec"))
            #expect(queue.contains("Mondays and Wednesdays, 1 Dec 2026"))
        }
    }

    /// Issue 13 "Wrong today": a lunchtime request shows its days, from and until and who collects,
    /// never "Back at school" or school days; the meeting 000 asks for is recorded as its own step,
    /// after which LUN-MEETING no longer fires; grant in part is not offered.
    @Test func aLunchtimeRequestShowsWhatItIsAndTheMeetingIsRecorded() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await Self.lunchtime(parent)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.get("/decisions/\(reference)").html
            for text in ["Mondays and Wednesdays", "Tuesday 1 December 2026", "Collected and brought back by", "Grandparent, Sam Marrowfield",
                         "Decide by Mon 30 Nov", "LUN-MEETING", "Record the meeting with the parent"] {
                #expect(page.contains(text), "lunchtime page lacks \(text)")
            }
            for text in ["Back at school", "School time missed", "value=\"granted-in-part\""] {
                #expect(!page.contains(text), "lunchtime page shows \(text)")
            }
            // A meeting in the future is refused, keeping what was typed.
            let future = try await head.post("/decisions/\(reference)/notes/meeting", [
                ("meetingHeldOn-day", "30"), ("meetingHeldOn-month", "11"), ("meetingHeldOn-year", "2026"), ("meetingNote", "Met mum and gran"),
            ])
            #expect(future.status == .unprocessableContent)
            #expect(future.html.contains("The date it took place must be today or in the past"))
            #expect(future.html.contains("Met mum and gran"))
            let empty = try await head.post("/decisions/\(reference)/notes/meeting", [("meetingHeldOn-day", "23"), ("meetingHeldOn-month", "11"),
                                                                                  ("meetingHeldOn-year", "2026"), ("meetingNote", "  ")])
            #expect(empty.html.contains("Enter who met and what was agreed"))
            let met = try await head.post("/decisions/\(reference)/notes/meeting", [
                ("meetingHeldOn-day", "23"), ("meetingHeldOn-month", "11"), ("meetingHeldOn-year", "2026"),
                ("meetingNote", "Met the parent and grandparent; collection at 12:10 from the office."),
            ])
            #expect(met.status == .seeOther)
            let after = try await head.get("/decisions/\(reference)").html
            #expect(after.contains("Meeting with the parent, Monday 23 November 2026"))
            #expect(after.contains("collection at 12:10 from the office"))
            #expect(after.contains("Meeting recorded"))
            #expect(!after.contains("LUN-MEETING"))
            // Grant in part is refused for lunchtime even if sent by hand.
            let part = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted-in-part"), ("reason", "Some days")])
            #expect(part.status == .unprocessableContent)
            #expect(part.html.contains("A lunchtime request is granted or refused as asked"))
        }
    }

    /// Issue 13 "Deciding": nothing is kept until the headteacher has read what the letter will
    /// say and confirmed; "Change" brings the form back as filled in; after it, a banner and the
    /// next request in the queue's order.
    @Test func aDecisionIsConfirmedAfterReadingTheLetterThenTheNextRequestIsOffered() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let leave = try await parent.askForLeave()[0]
            let medical = try await Self.medical(parent)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let answers = [("outcome", "refused"), ("reason", "Not exceptional enough for the policy")]
            let confirm = try await head.post("/decisions/\(leave)", answers)
            #expect(confirm.status == .ok)
            #expect(confirm.html.contains("You are about to refuse this request"))
            #expect(confirm.html.contains("has been refused."))
            #expect(confirm.html.contains("Not exceptional enough for the policy"))
            #expect(confirm.html.contains("recorded as unauthorised (code G)"))
            // Nothing kept yet.
            #expect(try await head.get("/decisions").html.contains(leave))
            #expect(try await head.get("/decisions/\(leave)").html.contains("Awaiting decision"))
            let change = try await head.post("/decisions/\(leave)", answers + [("change", "yes")])
            #expect(change.status == .ok)
            #expect(change.html.contains(">Not exceptional enough for the policy</textarea>"))
            #expect(change.html.contains("value=\"refused\" checked"))
            let done = try await head.post("/decisions/\(leave)", answers + [("confirmed", "yes")])
            #expect(done.location == "/decisions/\(leave)?recorded=1")
            let page = try await head.get(done.location ?? "")
            #expect(page.html.contains("Decision recorded"))
            #expect(page.html.contains("Next request: \(medical)"))
            // Sent again (a double click on Confirm): refused with a clear message, recorded once.
            let again = try await head.post("/decisions/\(leave)", answers + [("confirmed", "yes")])
            #expect(again.status == .conflict)
        }
    }

    /// 000 "Performances and activities": a licence naming the days authorises the absence (C1);
    /// the office records it in one step and the letter joins those to print.
    @Test func aPerformanceAuthorisedByItsLicenceIsRecordedInOneStepByTheOffice() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await FormJourneyTests.fill(parent, form: "performance", children: ["Bryn Marrowfield"], pages: [
                ("licence-issued", [("hasLicence", "yes")]),
                ("licence", [("licenceNumber", "PL-2026-114"), ("authority", "Sampleton Council"), ("namesDates", "yes")]),
                ("licence-dates", [("licenceDates", "7/12/2026\n8/12/2026")]),
                ("dates", [("purpose", "Pantomime"), ("start-day", "7"), ("start-month", "12"), ("start-year", "2026"),
                           ("end-day", "8"), ("end-month", "12"), ("end-year", "2026")]),
                ("education", [("hoursPerWeek", "6"), ("hoursPerDay", "3"), ("maxHours", "5")]),
            ], file: (page: "licence", question: "licenceFile", name: "licence.pdf", data: Data("%PDF-1.4\n".utf8)))[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(try await head.get("/decisions/\(reference)").html.contains("Record as authorised by the licence"))
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let letters = try await office.get("/office/letters")
            #expect(letters.html.contains("Performances authorised by their licence"))
            #expect(letters.html.contains(reference))
            let recorded = try await office.post("/office/licences/\(reference)")
            #expect(recorded.location == "/office/letters")
            let after = try await office.get("/office/letters").html
            #expect(!after.contains("Performances authorised by their licence"))
            #expect(after.contains("tag--granted"))
            let page = try await head.get("/decisions/\(reference)").html
            #expect(page.contains("Decision: Granted"))
            #expect(page.contains("child performance licence PL-2026-114 issued by Sampleton Council"))
            #expect(!(try await head.get("/decisions").html.contains(reference)))
            // Twice is refused, and a request that is not covered by a licence cannot be recorded so.
            #expect(try await office.post("/office/licences/\(reference)").status == .conflict)
            let leave = try await parent.askForLeave()[0]
            #expect(try await office.post("/office/licences/\(leave)").status == .conflict)
            // A parent cannot.
            #expect(try await parent.post("/office/licences/\(leave)").status == .forbidden)
        }
    }

    /// 001 §5.1: an unforeseen circumstance needs the trust's CEO consulted; recorded as its own
    /// step, it stands for the decision's consultation.
    @Test func aConsultationRecordedAsItsOwnStepSatisfiesThePolicy() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            #expect(try await admin.post("/admin/policy", [("preset", "manor"), ("confirmPreset", "yes")]).status == .ok)
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await RulesWiringTests.ask(parent, kind: "other", purpose: "Flood damage at home")
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let before = try await head.get("/decisions/\(reference)").html
            #expect(before.contains("Your consultation with the trust CEO"))
            let noted = try await head.post("/decisions/\(reference)/notes/consultation", [
                ("consultationHeldOn-day", "20"), ("consultationHeldOn-month", "11"), ("consultationHeldOn-year", "2026"),
                ("consultationNote", "Spoke to the trust's CEO by phone: content for the head to decide."),
            ])
            #expect(noted.status == .seeOther)
            let after = try await head.get("/decisions/\(reference)").html
            #expect(!after.contains("Your consultation with the trust CEO"))
            #expect(after.contains("Consultation, Friday 20 November 2026"))
            let done = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not unforeseen")])
            #expect(done.status == .seeOther)
            let decided = try await head.get("/decisions/\(reference)").html
            #expect(decided.contains("Consultation recorded:</strong> Friday 20 November 2026: Spoke to the trust"))
        }
    }

    /// Issue 13 "The request page": each finding's source in the policy's own words, and every
    /// clause the rules use on one page, each reachable by its rule's ID.
    @Test func eachFindingShowsThePolicyClauseItRestsOn() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await parent.askForLeave()[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.get("/decisions/\(reference)").html
            // LOA-EVIDENCE rests on 001 §5.1: the trust's title and the section are shown, with its words.
            #expect(page.contains("Manor Multi Academy Trust, Attendance Policy (2024)"))
            #expect(page.contains("5.1 Approval for term-time absence"))
            #expect(page.contains("href=\"/decisions/policies#LOA-EVIDENCE\""))
            let sources = try await head.get("/decisions/policies")
            #expect(sources.status == .ok)
            #expect(sources.html.contains("id=\"LOA-EVIDENCE\""))
            #expect(sources.html.contains("Westfield Infant School, Attendance Policy (2024)"))
            #expect(try await parent.get("/decisions/policies").status == .forbidden)
        }
    }

    /// 000 "Register amendments": a decision is never rewritten; amended or rescinded with a
    /// reason, the new one supersedes it, both are kept and shown, a new letter is issued, and
    /// the record says who, when, the original, the new and why.
    @Test func aDecisionIsAmendedThenRescindedWithBothKept() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await parent.askForLeave()[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            _ = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional enough")])
            let decided = try await head.get("/decisions/\(reference)").html
            #expect(decided.contains("Change this decision"))
            #expect(!decided.contains("Or rescind the grant"))  // a refusal has no grant to rescind
            // Without saying why: refused, with what was typed kept.
            let missing = try await head.post("/decisions/\(reference)/amend", [("kind", "amended"), ("outcome", "granted"), ("reason", "Funeral confirmed")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.html.contains("Enter why the decision is changed"))
            #expect(missing.html.contains(">Funeral confirmed</textarea>"))
            let amend = [("kind", "amended"), ("outcome", "granted"), ("reason", "A funeral is exceptional"),
                         ("amendmentReason", "The parent sent the funeral notice.")]
            let confirm = try await head.post("/decisions/\(reference)/amend", amend)
            #expect(confirm.html.contains("You are about to change the decision on this request"))
            #expect(confirm.html.contains("This letter replaces our letter about the decision of Monday 23 November 2026 (refused)"))
            #expect(try await head.get("/decisions/\(reference)").html.contains("Decision: Refused"))  // nothing kept yet
            let done = try await head.post("/decisions/\(reference)/amend", amend + [("confirmed", "yes")])
            #expect(done.location == "/decisions/\(reference)?recorded=1")
            let amended = try await head.get("/decisions/\(reference)").html
            #expect(amended.contains("Decision: Granted"))
            #expect(amended.contains("amended from refused: The parent sent the funeral notice."))
            #expect(amended.contains("Earlier decisions, kept for the record"))
            #expect(amended.contains("Not exceptional enough"))
            #expect(amended.contains("Decision amended"))
            #expect(amended.contains("Or rescind the grant"))
            // Rescinded: the grant withdrawn, the absence no longer authorised.
            let rescind = [("kind", "rescinded"), ("amendmentReason", "The family told us the funeral was postponed.")]
            let rescinded = try await head.post("/decisions/\(reference)/amend", rescind + [("confirmed", "yes")])
            #expect(rescinded.status == .seeOther)
            let page = try await head.get("/decisions/\(reference)").html
            #expect(page.contains("Decision: Refused"))
            #expect(page.contains("rescinded from granted"))
            #expect(page.contains("Decision rescinded"))
            // Three letters were written (the first, the amendment, the rescinding), but none was
            // printed before the next replaced it: the office is given only the standing one to send.
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let letters = try await office.get("/office/letters").html
            #expect(letters.letterPaths.count == 1)
            let letterPath = try #require(letters.letterPaths.first)
            #expect(try await office.get(letterPath).html.contains("rescind"))
            let mine = try await parent.get("/parent/requests/\(reference)").html
            #expect(mine.contains("Refused"))
            // A parent cannot change a decision.
            #expect(try await parent.post("/decisions/\(reference)/amend", rescind).status == .forbidden)
        }
    }

    /// A refusal amended to a grant of part of the leave once the parent explained: the part is
    /// asked for on the amendment as on the first decision, checked the same way, and kept.
    @Test func aRefusalIsAmendedToAGrantOfPartOfIt() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await parent.askForLeave()[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            _ = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional enough")])
            let decided = try await head.get("/decisions/\(reference)").html
            #expect(decided.contains("value=\"granted-in-part\""))
            #expect(decided.contains("First session granted"))
            let why = [("kind", "amended"), ("outcome", "granted-in-part"), ("reason", "The funeral is on the first day"),
                       ("amendmentReason", "The parent sent the funeral notice.")]
            // The part left out: asked for, with what was typed kept.
            let missing = try await head.post("/decisions/\(reference)/amend", why)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.html.contains(">The funeral is on the first day</textarea>"))
            let part = why + [("grantedFrom-day", "7"), ("grantedFrom-month", "12"), ("grantedFrom-year", "2026"), ("grantedFromSession", "AM"),
                              ("grantedTo-day", "7"), ("grantedTo-month", "12"), ("grantedTo-year", "2026"), ("grantedToSession", "PM")]
            let confirm = try await head.post("/decisions/\(reference)/amend", part)
            #expect(confirm.status == .ok)
            #expect(confirm.html.contains("You are about to change the decision on this request"))
            let done = try await head.post("/decisions/\(reference)/amend", part + [("confirmed", "yes")])
            #expect(done.location == "/decisions/\(reference)?recorded=1")
            let page = try await head.get("/decisions/\(reference)").html
            #expect(page.contains("Decision: Granted in part"))
            #expect(page.contains("amended from refused"))
        }
    }

    /// Issue 13 "Deciding": a school-wide record for the admin, filtered by what was done;
    /// nobody else can open it.
    @Test func theAdminReadsTheSchoolsRecordFilteredByAction() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let first = try await parent.askForLeave()[0]
            let second = try await parent.askForLeave(purpose: "A wedding abroad")[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            _ = try await head.post("/decisions/\(first)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional enough")])
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let all = try await admin.get("/admin/audit")
            #expect(all.status == .ok)
            #expect(all.html.contains("3 lines."))
            #expect(all.html.contains(first) && all.html.contains(second))
            #expect(all.html.contains("Record of requests"))
            let decided = try await admin.get("/admin/audit?action=decided").html
            #expect(decided.contains("1 line."))
            #expect(decided.contains("refused: Not exceptional enough"))
            #expect(!decided.contains(second))
            // By request, by who did it (part of a name), and by dates (the harness's day is 23 November 2026).
            let one = try await admin.get("/admin/audit?ref=\(second.lowercased())").html
            #expect(one.contains("1 line.") && one.contains(second) && !one.contains(first))
            let headOnly = try await admin.get("/admin/audit?who=quintr").html
            #expect(headOnly.contains("1 line."))
            #expect(try await admin.get("/admin/audit?from=2026-11-23&to=2026-11-23").html.contains("3 lines."))
            #expect(try await admin.get("/admin/audit?from=2026-11-24").html.contains("Nothing recorded that matches these filters."))
            // What cannot be a reference or a date is said so, kept as typed, and left out of the filter.
            let wrong = try await admin.get("/admin/audit?ref=LP-%3Cx%3E&from=23%2F11")
            #expect(wrong.status == .ok)
            #expect(wrong.html.contains("Enter a reference like the ones in the list"))
            #expect(wrong.html.contains("From must be a date written as year-month-day"))
            #expect(wrong.html.contains("value=\"LP-&lt;x&gt;\""))
            #expect(wrong.html.contains("3 lines."))
            #expect(try await admin.get("/admin/audit?to=9999-12-31").html.contains("Until must be a date written as year-month-day"))
            #expect(try await admin.get("/admin/audit?who=%00quintr").html.contains("1 line."))
            // An unknown filter shows everything; other roles are refused.
            #expect(try await admin.get("/admin/audit?action=nonsense").html.contains("3 lines."))
            #expect(try await head.get("/admin/audit").status == .forbidden)
            #expect(try await parent.get("/admin/audit").status == .forbidden)
        }
    }
}
