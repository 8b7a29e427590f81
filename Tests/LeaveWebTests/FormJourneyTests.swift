import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Each declared form, filled in page by page, reaches the headteacher's queue with every answer.
@Suite("Every request form from start to the queue")
struct FormJourneyTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(7), count: 64))

    /// Posts each page in turn (following the redirects), then sends, and returns the references.
    static func fill(_ parent: Browser, form: String, children: [String], pages: [(String, [(String, String)])],
                     file: (page: String, question: String, name: String, data: Data)? = nil) async throws -> [String] {
        try await parent.get("/parent/forms/\(form)")
        let ids = try await parent.childIDs(children, form: form)
        #expect(try await parent.post("/parent/forms/\(form)/children", ids.map { ("children", $0) }).status == .seeOther)
        for (page, fields) in pages {
            let result: Browser.Page
            if let file, file.page == page {
                result = try await parent.upload("/parent/forms/\(form)/\(page)", fields, file: (file.question, file.name, file.data))
            } else {
                result = try await parent.post("/parent/forms/\(form)/\(page)", fields)
            }
            #expect(result.status == .seeOther, "page \(page) of \(form) was refused: \(result.html.errorMessages)")
        }
        let check = try await parent.get("/parent/forms/\(form)/check")
        #expect(check.status == .ok, "\(form) did not reach its check page")
        let sent = try await parent.post("/parent/forms/\(form)/submit")
        let confirmation = try await parent.get(try #require(sent.location, "\(form) was not sent"))
        return confirmation.html.references.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The headteacher's page for the request shows every answer given.
    static func expectInQueue(_ client: any TestClientProtocol, _ reference: String, answers: [String]) async throws {
        let head = Browser(client)
        try await head.signIn("head@oakhollow.example")
        #expect(try await head.get("/decisions").html.contains(reference))
        let page = try await head.get("/decisions/\(reference)")
        for answer in answers { #expect(page.html.contains(answer), "\(reference) lacks \(answer)") }
    }

    @Test func medicalAppointment() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let refs = try await Self.fill(parent, form: "medical", children: ["Bryn Marrowfield"], pages: [
                ("appointment", [("start-day", "8"), ("start-month", "12"), ("start-year", "2026"), ("time", "10:30am"),
                                 ("missed", "AM"), ("purpose", "Orthodontist check")]),
                ("card", []),
            ], file: (page: "card", question: "card", name: "card.png", data: Self.png))
            #expect(refs.count == 1)
            // A morning: half a day, and back the same afternoon (issue 13, "Half-day requests").
            try await Self.expectInQueue(client, refs[0], answers: ["Medical or dental appointment", "10:30am", "The morning",
                                                                   "Orthodontist check", "Tuesday 8 December 2026", "card.png",
                                                                   "½ a school day (1 session)", "Tuesday 8 December 2026 (afternoon)"])
        }
    }

    /// Bryn's parent, signed in, with the medical form begun for Bryn.
    static func medicalForBryn(_ client: any TestClientProtocol) async throws -> Browser {
        let parent = Browser(client)
        try await parent.signIn("parent2@example.com")
        try await parent.get("/parent/forms/medical")
        let ids = try await parent.childIDs(["Bryn Marrowfield"], form: "medical")
        try await parent.post("/parent/forms/medical/children", ids.map { ("children", $0) })
        return parent
    }

    /// Issue 15: "time accepts 'half ten'": a time must be one, said beside the box and kept as
    /// typed; a time typed "14:00" is shown back as GOV.UK writes it.
    @Test func anAppointmentTimeMustBeATime() async throws {
        try await PortalHarness.run { client in
            let parent = try await Self.medicalForBryn(client)
            let appointment = [("start-day", "11"), ("start-month", "12"), ("start-year", "2026"), ("missed", "AM"), ("purpose", "Dentist")]
            let wrong = try await parent.post("/parent/forms/medical/appointment", appointment + [("time", "half ten")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("Enter the time of the appointment as a time, like 10:30am or 2pm"))
            #expect(wrong.html.contains("value=\"half ten\""))
            #expect(try await parent.post("/parent/forms/medical/appointment", appointment + [("time", "14:00")]).status == .seeOther)
            try await parent.post("/parent/forms/medical/card", [])
            #expect(try await parent.get("/parent/forms/medical/check").html.contains("2pm"))
        }
    }

    /// A Friday afternoon's appointment: half a day, back on Monday morning, never on Saturday.
    @Test func anAfternoonAppointmentOnAFridayIsBackOnMonday() async throws {
        try await PortalHarness.run { client in
            let parent = try await Self.medicalForBryn(client)
            try await parent.post("/parent/forms/medical/appointment", [("start-day", "11"), ("start-month", "12"), ("start-year", "2026"),
                                                                         ("time", "2pm"), ("missed", "PM"), ("purpose", "")])
            try await parent.post("/parent/forms/medical/card", [])
            let check = try await parent.get("/parent/forms/medical/check")
            #expect(check.html.contains("½ a school day (1 session)"), "not 0½")
            let sent = try await parent.post("/parent/forms/medical/submit")
            let confirmation = try #require(sent.location)
            let reference = try #require(try await parent.get(confirmation).html.references.first)
            let page = try await parent.get("/parent/requests/\(reference)")
            #expect(page.html.contains("Monday 14 December 2026"))
            #expect(!page.html.contains("Saturday"))
            #expect(page.html.contains("½ a school day (1 session)"))
        }
    }

    @Test func religiousObservanceForTwoChildren() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent4@example.com")
            let refs = try await Self.fill(parent, form: "religious", children: ["Eli Pebblecombe", "Fen Pebblecombe"], pages: [
                ("observance", [("religion", "Hinduism"), ("occasion", "Diwali"), ("start-day", "11"), ("start-month", "12"), ("start-year", "2026")]),
            ])
            #expect(refs.count == 2, "one request per child")
            try await Self.expectInQueue(client, refs[0], answers: ["Hinduism", "Diwali", "REL-NOT-SET-APART", refs[1]])
        }
    }

    @Test func travellerTravellingForWork() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let refs = try await Self.fill(parent, form: "traveller", children: ["Bryn Marrowfield"], pages: [
                ("travel", [("occupational", "yes"), ("purpose", "Fairground season in the north"),
                            ("start-day", "7"), ("start-month", "12"), ("start-year", "2026"),
                            ("end-day", "11"), ("end-month", "12"), ("end-year", "2026"),
                            ("returnDate-day", "14"), ("returnDate-month", "12"), ("returnDate-year", "2026")]),
            ])
            try await Self.expectInQueue(client, refs[0], answers: ["Fairground season in the north", "Yes", "GEN-SESSIONS", "Monday 14 December 2026"])
        }
    }

    @Test func performanceUnderALicenceThatNamesItsDates() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let refs = try await Self.fill(parent, form: "performance", children: ["Bryn Marrowfield"], pages: [
                ("licence-issued", [("hasLicence", "yes")]),
                ("licence", [("licenceNumber", "PL-2026-114"), ("authority", "Sampleton Council"), ("namesDates", "yes")]),
                ("licence-dates", [("licenceDates", "7/12/2026\n8/12/2026")]),
                ("dates", [("purpose", "Pantomime"), ("start-day", "7"), ("start-month", "12"), ("start-year", "2026"),
                           ("end-day", "8"), ("end-month", "12"), ("end-year", "2026")]),
                ("education", [("hoursPerWeek", "6"), ("hoursPerDay", "3"), ("maxHours", "5")]),
            ], file: (page: "licence", question: "licenceFile", name: "licence.pdf", data: Data("%PDF-1.4\n".utf8)))
            try await Self.expectInQueue(client, refs[0], answers: ["PL-2026-114", "Sampleton Council", "Pantomime", "licence.pdf",
                                                                   "PERF-DATED", "Authorised by licence"])
        }
    }

    @Test func lunchtimeLeaveLastsToTheEndOfTerm() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let refs = try await Self.fill(parent, form: "lunchtime", children: ["Bryn Marrowfield"], pages: [
                ("days", [("days", "Tuesday"), ("days", "Thursday"), ("from-day", "1"), ("from-month", "12"), ("from-year", "2026")]),
                ("collection", [("collector", "Grandparent, Sam Marrowfield"), ("purpose", "Lunch at home")]),
            ])
            let confirmation = try await parent.get("/parent/requests/\(refs[0])/confirmation")
            // 000 "Leave during lunch times": a decision in writing within 5 school days.
            #expect(confirmation.html.contains("The school will send you its decision in writing by Monday 30 November 2026"))
            try await Self.expectInQueue(client, refs[0], answers: ["Tuesday, Thursday", "Grandparent, Sam Marrowfield", "LUN-MEETING",
                                                                   "Friday 18 December 2026"])
        }
    }

    /// Bryn's lunchtime request for Fridays from 1 December, collected by Sam.
    static func lunchtimeOnFridays(_ parent: Browser) async throws -> [String] {
        try await fill(parent, form: "lunchtime", children: ["Bryn Marrowfield"], pages: [
            ("days", [("days", "Friday"), ("from-day", "1"), ("from-month", "12"), ("from-year", "2026")]),
            ("collection", [("collector", "Sam Marrowfield"), ("purpose", "Lunch at home")]),
        ])
    }

    /// 000 "Leave during lunch times": the parent can withdraw their own permission.
    @Test func aParentStopsALunchtimePermission() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let refs = try await Self.lunchtimeOnFridays(parent)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(try await head.post("/decisions/\(refs[0])", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "Agreed at our meeting")]).status == .seeOther)

            // Issue 15: only the child with a permission is offered, and the check page says what will happen.
            try await parent.get("/parent/forms/lunchtime-stop")
            let offered = try await parent.get("/parent/forms/lunchtime-stop/children").html
            #expect(offered.contains("Bryn Marrowfield") && !offered.contains("Cai Marrowfield"))
            let ids = try await parent.childIDs(["Bryn Marrowfield"], form: "lunchtime-stop")
            _ = try await parent.post("/parent/forms/lunchtime-stop/children", [("children", ids[0])])
            let why = try await parent.post("/parent/forms/lunchtime-stop/why", [("reason", "New childminder")])
            #expect(why.location == "/parent/forms/lunchtime-stop/check")
            let check = try await parent.get("/parent/forms/lunchtime-stop/check").html
            #expect(check.contains("permission to leave school at lunchtime on Fridays (\(refs[0])) ends as soon as you send this."))
            let done = try await parent.post("/parent/forms/lunchtime-stop/submit")
            #expect(done.status == .ok)
            #expect(done.html.contains("Bryn Marrowfield&#39;s lunchtime permission (\(refs[0])) has stopped.") || done.html.contains("Bryn Marrowfield's lunchtime permission (\(refs[0])) has stopped."))
            #expect(try await parent.get("/parent/requests/\(refs[0])").html.contains("Withdrawn"))
            let record = try await head.get("/decisions/\(refs[0])")
            #expect(record.html.contains("lunchtime permission stopped by the parent"))
            #expect(record.html.contains("New childminder"))
            // Nothing left to stop: said plainly, no form.
            let nothing = try await parent.get("/parent/forms/lunchtime-stop/children")
            #expect(nothing.html.contains("There is no lunchtime permission to stop"))
        }
    }

    /// Issue 15: a request still waiting is withdrawn, and the parent is told it is, not that a permission stopped.
    @Test func stoppingARequestStillWaitingSaysItIsWithdrawn() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let refs = try await Self.lunchtimeOnFridays(parent)
            try await parent.get("/parent/forms/lunchtime-stop")
            let ids = try await parent.childIDs(["Bryn Marrowfield"], form: "lunchtime-stop")
            _ = try await parent.post("/parent/forms/lunchtime-stop/children", [("children", ids[0])])
            _ = try await parent.post("/parent/forms/lunchtime-stop/why", [("reason", "")])
            let check = try await parent.get("/parent/forms/lunchtime-stop/check").html
            #expect(check.contains("(\(refs[0])) is waiting for the headteacher&#39;s decision. It will be withdrawn, and not decided.")
                    || check.contains("(\(refs[0])) is waiting for the headteacher's decision. It will be withdrawn, and not decided."))
            let done = try await parent.post("/parent/forms/lunchtime-stop/submit").html
            #expect(done.contains("lunchtime request (\(refs[0])) has been withdrawn."))
            #expect(!done.contains("has stopped"))
        }
    }

    @Test func leaveForSiblingsIsLinkedAndDecidedTogether() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent4@example.com")
            let refs = try await parent.askForLeave(children: ["Eli Pebblecombe", "Fen Pebblecombe", "Gia Pebblecombe"])
            #expect(refs.count == 3)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.get("/decisions/\(refs[0])")
            #expect(page.html.contains(refs[1]) && page.html.contains(refs[2]))
            #expect(page.html.contains("Decide the linked requests still waiting the same way"))
            let decided = try await head.post("/decisions/\(refs[0])", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional enough"),
                                                                        ("applyToLinked", "yes")])
            #expect(decided.status == .seeOther)
            let queue = try await head.get("/decisions")
            for ref in refs { #expect(!queue.html.contains(ref), "\(ref) is still waiting") }
            let home = try await parent.get("/parent")
            #expect(home.html.components(separatedBy: "Refused").count - 1 == 3)
        }
    }
}

@Suite("Evidence files")
struct EvidenceUploadTests {
    static func toEvidencePage(_ parent: Browser) async throws {
        try await parent.get("/parent/forms/leave")
        let child = try await parent.childIDs(["Bryn Marrowfield"])
        _ = try await parent.post("/parent/forms/leave/children", [("children", child[0])])
        _ = try await parent.post("/parent/forms/leave/reason", [("category", "exceptional"), ("purpose", "Funeral")])
        #expect(try await parent.post("/parent/forms/leave/dates", Browser.leaveDates).location == "/parent/forms/leave/evidence")
    }

    @Test func aRenamedProgramIsRefusedByItsContent() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await Self.toEvidencePage(parent)
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: UInt8(0), count: 64))
            let refused = try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "certificate.pdf", elf))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("The selected file must be a PDF, JPG or PNG"))
            // Nothing else is lost: the earlier answers are still there on the check page.
            let accepted = try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "certificate.png", FormJourneyTests.png))
            #expect(accepted.location == "/parent/forms/leave/check")
            let check = try await parent.get("/parent/forms/leave/check")
            #expect(check.html.contains("Funeral") && check.html.contains("certificate.png"))
        }
    }

    @Test func aFileSentByMistakeCanBeRemoved() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await Self.toEvidencePage(parent)
            _ = try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "wrong-file.png", FormJourneyTests.png))
            let page = try await parent.get("/parent/forms/leave/evidence")
            let id = try #require(page.html.range(of: "name=\"removeFile\" value=\"").map { String(page.html[$0.upperBound...].prefix { $0 != "\"" }) })
            let removed = try await parent.upload("/parent/forms/leave/evidence", [("removeFile", id)], file: nil)
            #expect(removed.status == .ok)
            #expect(!removed.html.contains("wrong-file.png"))
            #expect(try await parent.get("/parent/forms/leave/check").html.contains("Not given"))
        }
    }

    @Test func aFileOverTheLimitIsRefused() async throws {
        try await PortalHarness.run(configure: { $0.evidenceFileLimitBytes = 1_048_576 }) { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await Self.toEvidencePage(parent)
            let big = FormJourneyTests.png + Data(repeating: 1, count: 1_048_576)
            let refused = try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "scan.png", big))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("The selected file must be smaller than 1 MB"))
        }
    }

    @Test func onlyTheSchoolAndTheParentWhoSentItCanOpenAFile() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await Self.toEvidencePage(parent)
            _ = try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "certificate.png", FormJourneyTests.png))
            let sent = try await parent.post("/parent/forms/leave/submit")
            let reference = try #require(sent.location?.references.first)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.get("/decisions/\(reference)")
            let link = try #require(page.html.firstPath(startingWith: "/files/"))
            let file = try await head.get(link)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "image/png")
            // Issue 15: an image or PDF opens in the browser, with the portal's no-script policy and no sniffing.
            #expect(file.headers[.contentDisposition] == "inline; filename=\"certificate.png\"")
            #expect(file.headers[.xContentTypeOptions] == "nosniff")
            #expect(file.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
            #expect(try await parent.get(link).status == .ok)
            let other = Browser(client)
            try await other.signIn("parent3@example.com")
            #expect(try await other.get(link).status == .notFound)
            let otherSchool = Browser(client)
            try await otherSchool.signIn("head@willowmere.example")
            #expect(try await otherSchool.get(link).status == .notFound)
            #expect(try await Browser(client).get(link).location == "/login")
        }
    }
}

extension String {
    /// The error messages on a page, for failure reports.
    var errorMessages: String {
        components(separatedBy: "<span class=\"visually-hidden\">Error:</span> ").dropFirst()
            .map { String($0.prefix { $0 != "<" }) }.joined(separator: "; ")
    }
}
