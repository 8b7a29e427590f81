import Foundation
import GRDB
import HummingbirdTesting
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// Issue 14, 000 "Leave during lunch times": "the pupil will be signed out and back in" at the
/// office, by the parent who meets them there. Monday 23 November 2026, 10am.
@Suite("Lunchtime at the office")
struct LunchtimeDeskTests {
    /// A lunchtime permission for Bryn on Mondays from today, granted after the meeting 000 asks for.
    static func grantedLunchtime(_ client: any TestClientProtocol) async throws -> (reference: String, parent: Browser) {
        let parent = Browser(client)
        try await parent.signIn("parent2@example.com")
        let reference = try await FormJourneyTests.fill(parent, form: "lunchtime", children: ["Bryn Marrowfield"], pages: [
            ("days", [("days", "Monday"), ("from-day", "23"), ("from-month", "11"), ("from-year", "2026")]),
            ("collection", [("collector", "Sam Marrowfield"), ("purpose", "Lunch at home")]),
        ])[0]
        let head = Browser(client)
        try await head.signIn("head@oakhollow.example")
        _ = try await head.post("/decisions/\(reference)/notes/meeting", [
            ("meetingHeldOn-day", "23"), ("meetingHeldOn-month", "11"), ("meetingHeldOn-year", "2026"), ("meetingNote", "Met the parent"),
        ])
        let granted = try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "Agreed at our meeting")])
        #expect(granted.status == .seeOther, "\(granted.html)")
        return (reference, parent)
    }

    @Test func theOfficeSignsAChildOutToTheAdultCollectingAndBackIn() async throws {
        try await PortalHarness.run { client, database in
            let (reference, parent) = try await Self.grantedLunchtime(client)
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            // The office lands on its day, which counts the permission.
            let home = try await office.get("/")
            #expect(home.location == "/office")
            let today = try await office.get("/office")
            #expect(today.html.contains("Lunchtime: 1 with permission today"))
            #expect(today.html.contains("Letters to print: 1"))
            let page = try await office.get("/office/lunchtime")
            #expect(page.html.contains("Bryn Marrowfield, Year"))
            #expect(page.html.contains("Children are due back by 1pm."))
            #expect(page.html.contains("value=\"Sam Marrowfield\""))
            // Nobody named: said beside the box, kept, nothing recorded.
            let empty = try await office.post("/office/lunchtime/\(reference)/out", [("collectedBy", "   ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("Enter the name of the adult collecting Bryn"))
            #expect(empty.html.contains("href=\"#collectedBy-\(reference)\""))
            #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lunchtimeSignOut") } == 0)
            // Signed out to someone else than the permission names: the office records who came, and
            // the page says it was not the adult named. A hidden right-to-left override is dropped.
            #expect(try await office.post("/office/lunchtime/\(reference)/out", [("collectedBy", "Kit \u{202E} Marrowfield")]).status == .seeOther)
            let out = try await office.get("/office/lunchtime").html
            #expect(out.contains("Out since 10am with Kit Marrowfield"))
            #expect(out.contains("Not the adult the permission names"))
            #expect(out.contains("Sign back in"))
            // Twice: refused, once recorded.
            let twice = try await office.post("/office/lunchtime/\(reference)/out", [("collectedBy", "Kit Marrowfield")])
            #expect(twice.status == .conflict)
            #expect(twice.html.contains("Bryn Marrowfield has already been signed out today."))
            #expect(try await office.post("/office/lunchtime/\(reference)/in").status == .seeOther)
            let back = try await office.get("/office/lunchtime").html
            #expect(back.contains("Out at 10am with Kit Marrowfield, back at 10am"))
            #expect(!back.contains("Late:"))
            #expect(try await office.post("/office/lunchtime/\(reference)/in").status == .conflict)
            // The day's sheet to print, and the school's record.
            let sheet = try await office.get("/office/lunchtime?day=2026-11-23&sheet=1").html
            #expect(sheet.contains("Lunchtime sheet, Monday 23 November 2026"))
            #expect(sheet.contains("<td>Sam Marrowfield</td><td>10am</td><td>Kit Marrowfield <strong>(not the adult named)</strong></td><td>10am</td>"))
            let record = try await SQLiteStore(database).activity(schoolID: 1, limit: 5).map(\.action)
            #expect(record.contains(.lunchtimeSignedOut) && record.contains(.lunchtimeSignedIn))
            // Only the office (and the school's deciders) sign children out; never a parent, never by GET.
            #expect(try await parent.post("/office/lunchtime/\(reference)/in").status == .forbidden)
            #expect(try await office.get("/office/lunchtime/\(reference)/out").status == .notFound)
            #expect(try await office.post("/office/lunchtime/LP-2222222/out", [("collectedBy", "Someone")]).status == .notFound)
        }
    }

    /// An earlier day is a record to read, with nothing to sign.
    @Test func anEarlierDayIsShownAsItsRecord() async throws {
        try await PortalHarness.run { client in
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let friday = try await office.get("/office/lunchtime?day=2026-11-20").html
            #expect(friday.contains("The record of Friday 20 November 2026"))
            #expect(friday.contains("No child has permission to leave at lunchtime on this day."))
            let later = try await office.get("/office/lunchtime?day=2027-01-01").html
            #expect(later.contains("Nobody has been signed out on Friday 1 January 2027 yet: it is in the future. This is today."))
            #expect(later.contains("Children are due back by"))
            #expect(try await office.get("/office/lunchtime?day=2026-13-01").html.contains("That is not a date, so this is today."))
            #expect(try await office.get("/office/lunchtime?day=rubbish").status == .ok)
        }
    }
}
