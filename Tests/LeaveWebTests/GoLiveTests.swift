import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import LeaveCore
import LeaveImport
import LeaveServices
import LeaveStore
import Testing

/// A real school from an empty database, with no demo: set up from the command line's use
/// case, then everyone in by invitation, term dates from the local authority's file, pupils
/// from the MIS, a request and its decision, and the e-mails that tell people.
@Suite("A school from nothing")
struct GoLiveTests {
    /// Reads what the portal sent, as the people would in their inboxes.
    final class Inbox: @unchecked Sendable {
        let folder: URL
        let delivery: MailDelivery

        init(store: SQLiteStore, folder: URL) {
            self.folder = folder
            delivery = MailDelivery(store: store, transport: MailSetting.directory(folder.path).transport(), from: "portal@fernbrook.example",
                                    clock: SchoolClock(timeZone: TimeZone(identifier: "Europe/London") ?? .gmt, now: { PortalHarness.now }))
        }

        /// Every message sent so far to this address, oldest first (the portal's delivery service
        /// may have written some already: both write to this folder).
        func messages(to address: String) async throws -> [String] {
            _ = try await delivery.deliverDue()
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .sorted { (Int($0.split(separator: ".")[0]) ?? 0) < (Int($1.split(separator: ".")[0]) ?? 0) }
            return try names.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
                .filter { $0.contains("\r\nTo: \(address)\r\n") }
        }

        /// The path of the invitation link in the newest message to this address.
        func invitationPath(for address: String) async throws -> String {
            let text = try #require(try await messages(to: address).last, "nothing was sent to \(address)")
            let range = try #require(text.range(of: "https://leave.fernbrook.example/invitations/"))
            return "/invitations/" + text[range.upperBound...].prefix { !$0.isWhitespace }
        }
    }

    static let terms = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Example County Council//Term dates//EN\r
        BEGIN:VEVENT\r
        UID:autumn-1@example.gov.uk\r
        DTSTART;VALUE=DATE:20260902\r
        DTEND;VALUE=DATE:20261024\r
        SUMMARY:Autumn term 1\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20261026\r
        DTEND;VALUE=DATE:20261031\r
        SUMMARY:October half term\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20261102\r
        DTEND;VALUE=DATE:20261219\r
        SUMMARY:Autumn term 2 (the second half of the autumn term\r
         \\, before Christmas)\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20261127\r
        DTEND;VALUE=DATE:20261128\r
        SUMMARY:INSET day\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    static func ctf() -> String {
        let pupil = ImportedPupil(upn: "A855200100001", forename: "Tamsin", surname: "Orchardly", dateOfBirth: SchoolDate(iso: "2019-05-01"),
                                  sex: "F", yearGroup: YearGroup(2),
                                  contacts: [ImportedContact(name: "Robin Orchardly", relationship: "Parent", parentalResponsibility: true,
                                                             email: "robin.orchardly@example.org"),
                                             ImportedContact(name: "A Childminder", relationship: "Other", parentalResponsibility: false,
                                                             email: "minder@example.org")])
        return CTFWriter.document(header: CTFHeader(version: "25.0", laCode: "855", estab: "2001", schoolName: "Fernbrook Primary School"),
                                  entries: [CTFWriter.Entry(pupil: pupil, years: [])])
    }

    @Test func aSchoolGoesLiveAndAParentHearsTheDecision() async throws {
        let mail = FileManager.default.temporaryDirectory.appendingPathComponent("leave-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mail) }
        // The portal's own delivery service and the inbox below send to the same folder; a message
        // is claimed by one of them and written once.
        try await PortalHarness.run(configure: { $0.loadDemo = false; $0.publicURL = "https://leave.fernbrook.example"; $0.mail = .directory(mail.path) }) { client, database in
            let store = SQLiteStore(database)
            let inbox = Inbox(store: store, folder: mail)
            let clock = SchoolClock(timeZone: TimeZone(identifier: "Europe/London") ?? .gmt, now: { PortalHarness.now })
            let invitations = Invitations(store: store, passwords: Passwords(cost: 4), clock: clock,
                                          texts: MailTexts(publicURL: "https://leave.fernbrook.example"))

            // What `leave-portal school add` does.
            let made = try await SchoolSetup(store: store, invitations: invitations).addSchool(
                NewSchool(name: "Fernbrook Primary School", trustName: "Fernbrook Primary School", laCode: "855", estab: "2001"),
                adminEmail: "admin@fernbrook.example", adminName: "A. Setter")
            #expect(made.invitationLink.hasPrefix("https://leave.fernbrook.example/invitations/"))

            // The administrator follows the link, chooses a password, and is signed in.
            let admin = Browser(client)
            let adminLink = try await inbox.invitationPath(for: "admin@fernbrook.example")
            #expect(try await admin.get(adminLink).status == .ok)
            let weak = try await admin.post(adminLink, [("password", "password123"), ("confirmation", "password123")])
            #expect(weak.status == .unprocessableContent)
            #expect(weak.html.contains("one of the most common passwords"))
            let chosen = try await admin.post(adminLink, [("password", "a kettle of river stones"), ("confirmation", "a kettle of river stones")])
            #expect(chosen.location == "/admin")
            // The link works once.
            #expect(try await Browser(client).get(adminLink).status == .notFound)

            // Term dates from the local authority's file.
            // Checked first: what would change is shown, and nothing is saved until confirmed.
            let checked = try await admin.upload("/admin/calendar/import", [], file: ("calendarFile", "terms.ics", Data(Self.terms.utf8)))
            #expect(checked.status == .ok)
            #expect(checked.html.contains("Check the changes before they are saved"))
            #expect(checked.html.contains("Term added: Autumn term 1, Wednesday 2 September 2026 to Friday 23 October 2026"))
            #expect(checked.html.contains("Term added: Autumn term 2 (the second half of the autumn term, before Christmas), Monday 2 November 2026 to Friday 18 December 2026"))
            #expect(checked.html.contains("Closure added: INSET day, Friday 27 November 2026"))
            #expect(try await store.calendar(schoolID: made.school.id).terms.isEmpty)
            let saved = try await admin.post("/admin/calendar/import/save")
            #expect(saved.html.contains("2 terms added, 0 updated; 1 closure added"))
            let again = try await admin.upload("/admin/calendar/import", [], file: ("calendarFile", "terms.ics", Data(Self.terms.utf8)))
            #expect(again.html.contains("The file matches the calendar already"))

            // Staff by invitation from the admin's page.
            for (email, name, role) in [("office@fernbrook.example", "Mrs O. Fice", "office"), ("head@fernbrook.example", "Ms H. Teacher", "headteacher")] {
                let invited = try await admin.post("/admin/staff", [("name", name), ("email", email), ("role", role)])
                #expect(invited.status == .ok)
                #expect(invited.html.contains("has been sent an invitation"))
            }
            let office = Browser(client)
            let officeLink = try await inbox.invitationPath(for: "office@fernbrook.example")
            try await office.get(officeLink)
            #expect(try await office.post(officeLink, [("password", "office river kettle"), ("confirmation", "office river kettle")]).location == "/office")
            let head = Browser(client)
            let headLink = try await inbox.invitationPath(for: "head@fernbrook.example")
            try await head.get(headLink)
            #expect(try await head.post(headLink, [("password", "head river kettle"), ("confirmation", "head river kettle")]).location == "/decisions")

            // Pupils and contacts from the MIS; the CTF names the school, so no school is chosen.
            let ctf = try await office.upload("/office/imports", [("kind", "ctf")], file: ("file", "fernbrook.xml", Data(Self.ctf().utf8)))
            #expect(ctf.status == .ok)
            #expect(ctf.html.contains("1 pupils added"))

            // Parents by invitation: the one with parental responsibility, once.
            let invitedParents = try await office.post("/office/invitations")
            #expect(invitedParents.html.contains("1 invited; 0 already invited"))
            #expect(try await office.post("/office/invitations").html.contains("0 invited; 1 already invited"))
            #expect(try await inbox.messages(to: "minder@example.org").isEmpty)

            // The first e-mail went astray: the office sends the invitation again, and only the new link works.
            let firstLink = try await inbox.invitationPath(for: "robin.orchardly@example.org")
            let resend = try #require(try await office.get("/office/invitations").html.firstPath(startingWith: "/office/invitations/"))
            #expect(try await office.post(resend).html.contains("A new invitation has been sent to robin.orchardly@example.org"))
            #expect(try await Browser(client).get(firstLink).status == .notFound)
            let parent = Browser(client)
            let parentLink = try await inbox.invitationPath(for: "robin.orchardly@example.org")
            #expect(parentLink != firstLink)
            #expect(try await parent.get(parentLink).html.contains("robin.orchardly@example.org"))
            #expect(try await parent.post(parentLink, [("password", "orchard gate 1066"), ("confirmation", "orchard gate 1066")]).location == "/parent")
            #expect(try await parent.get("/parent").html.contains("Tamsin Orchardly"))
            let references = try await parent.askForLeave(children: ["Tamsin Orchardly"])
            let reference = try #require(references.first)
            let received = try #require(try await inbox.messages(to: "robin.orchardly@example.org").first { $0.contains("We have your request (\(reference))") })
            #expect(received.contains("- \(reference): Tamsin Orchardly, exceptional circumstances, Monday 7 December 2026"))
            #expect(try await inbox.messages(to: "head@fernbrook.example").contains { $0.contains("New leave request to decide (\(reference))") })

            // The headteacher decides; the parent is told.
            let decided = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "A funeral is exceptional.")])
            #expect(decided.status == .seeOther)
            let decision = try #require(try await inbox.messages(to: "robin.orchardly@example.org").last)
            #expect(decision.contains("Subject: Decision on your request \(reference): granted"))
            #expect(decision.contains("https://leave.fernbrook.example/parent/requests/\(reference)"))
        }
    }

    @Test func expiredAndForgedInvitationLinksAreRefusedAlike() async throws {
        try await PortalHarness.run(configure: { $0.loadDemo = false }) { client, database in
            let store = SQLiteStore(database)
            let clock = SchoolClock(timeZone: .gmt, now: { PortalHarness.now })
            let school = try await store.addSchool(NewSchool(name: "Expiry School", trustName: "Expiry School", laCode: "855", estab: "2002")).school
            let expired = try await Invitations(store: store, passwords: Passwords(cost: 4), clock: clock, texts: MailTexts(publicURL: "https://x.example"),
                                                lifetime: -60).invite(schoolID: school.id, email: "late@example.org", name: "Late", role: .office)
            let path = String(expired.link.dropFirst("https://x.example".count))
            let visitor = Browser(client)
            let page = try await visitor.get(path)
            #expect(page.status == .notFound)
            #expect(page.html.contains("cannot be used"))
            #expect(try await visitor.get("/invitations/\(RandomToken.make())").html == page.html.replacingOccurrences(of: visitor.csrfToken, with: visitor.csrfToken))
            let posted = try await visitor.post(path, [("password", "a long enough one"), ("confirmation", "a long enough one")])
            #expect(posted.status == .notFound, "answered \(posted.status.code)")
            #expect(try await store.account(email: "late@example.org") == nil)
        }
    }
}
