import Foundation
import GRDB
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// Issue 14: the register's write-back for the MIS, exported as CSV and marked exported, so
/// the office sees what is new and what a changed decision needs written again.
@Suite("Register codes for the MIS")
struct RegisterExportTests {
    /// 000's code list: granted leave of absence is C, for every session it covers.
    @Test func theOfficeExportsTheCodesMarksThemAndSeesAChangedDecision() async throws {
        try await PortalHarness.run { client, database in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await parent.askForLeave()[0]
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "A funeral")]).status == .seeOther)
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let days = "from=2026-12-07&to=2026-12-09"
            // Looking: six sessions (Monday 7 to Wednesday 9 December, mornings and afternoons), all new.
            let preview = try await office.get("/office/register?\(days)")
            #expect(preview.status == .ok)
            #expect(preview.html.contains("<strong>6</strong> new since the last export"))
            #expect(preview.html.contains("Export 6 sessions and mark them as exported"))
            #expect(preview.html.contains("<td data-label=\"Code\">C</td>"))
            #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM registerExport") } == 0)
            // The CSV without marking anything.
            let look = try await office.get("/office/register?\(days)&format=csv")
            #expect(look.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = look.html.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "UPN,Date,Session,Code,Reference,Write")
            #expect(lines.dropFirst().count == 6)
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("A9992001") && $0.contains(",C,\(reference),granted") }, "\(lines)")
            #expect(lines[1].contains(",2026-12-07,AM,"))
            // Exported and marked, once however often the button is pressed.
            let exported = try await office.post("/office/register/export", [("from", "2026-12-07"), ("to", "2026-12-09")])
            #expect(exported.status == .seeOther)
            let again = try await office.post("/office/register/export", [("from", "2026-12-07"), ("to", "2026-12-09")])
            #expect(again.location == exported.location)
            #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM registerExport") } == 1)
            let done = try await office.get(try #require(exported.location))
            #expect(done.html.contains("6 sessions exported and marked as exported"))
            #expect(done.html.contains("<strong>0</strong> new since the last export"))
            #expect(done.html.contains("<strong>6</strong> already exported with the same code"))
            let id = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM registerExport") })
            let file = try await office.get("/office/register/exports/\(id).csv")
            #expect(file.html == look.html)
            // The decision changed to a refusal: the same sessions now say G only if absent, changed since export.
            let amend = [("kind", "amended"), ("outcome", "refused"), ("reason", "Not exceptional after all"),
                         ("amendmentReason", "The funeral was moved to half term."), ("confirmed", "yes")]
            #expect(try await head.post("/decisions/\(reference)/amend", amend).status == .seeOther)
            let changed = try await office.get("/office/register?\(days)")
            #expect(changed.html.contains("<strong>6</strong> changed since they were exported"))
            #expect(changed.html.contains("Changed since export (was C"))
            // Exports are the office's, of their own school.
            let other = Browser(client)
            try await other.signIn("head@willowmere.example")
            #expect(try await other.get("/office/register/exports/\(id).csv").status == .forbidden)
            #expect(try await SQLiteStore(database).registerExport(id: id, schoolID: 2) == nil)
            #expect(try await parent.get("/office/register/exports/\(id).csv").status == .forbidden)
            #expect(try await office.get("/office/register/exports/\(id)").status == .notFound)
            // The school's record says who exported what.
            let record = try await SQLiteStore(database).activity(schoolID: 1, limit: 5)
            #expect(record.contains { $0.action == .registerExported && $0.detail == "6 sessions from 2026-12-07 to 2026-12-09 (export \(id))" })
        }
    }

    @Test func datesThatAreNotDatesAreSaidSoAndKeptAsTyped() async throws {
        try await PortalHarness.run { client in
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            #expect(try await office.get("/office/register").html.contains("Show the codes"))
            let wrong = try await office.get("/office/register?from=7%2F12&to=2026-12-01")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("Enter the first day as a date") && wrong.html.contains("value=\"7/12\""))
            #expect(try await office.get("/office/register?from=2026-12-09&to=2026-12-01").html.contains("The last day must be the same as or after the first day"))
            #expect(try await office.get("/office/register?from=2025-01-01&to=2026-12-01").html.contains("Export at most a school year"))
            // Days no decision gives a code: nothing to export, and nothing recorded.
            let weekend = try await office.post("/office/register/export", [("from", "2026-12-05"), ("to", "2026-12-06")])
            #expect(weekend.status == .conflict)
            #expect(weekend.html.contains("so there is nothing to export"))
            // A POST with a wrong range records nothing and goes back to say why.
            let bad = try await office.post("/office/register/export", [("from", "2026-12-09"), ("to", "yesterday")])
            #expect(bad.status == .seeOther)
            #expect(try await office.get(try #require(bad.location)).html.contains("Enter the last day as a date"))
        }
    }
}
