import Foundation
import GRDB
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// A server keeps the calendars it has read while no calendar has changed (issue 11). Whatever
/// changes a calendar, through the portal or another program writing the same file, the next
/// read sees it.
@Suite("Calendars kept between pages")
struct CalendarCacheTests {
    @Test func aChangeThroughThePortalIsSeenOnTheNextRead() async throws {
        let temporary = try await TemporaryDatabase().withDemo()
        let store = temporary.store
        let head = try #require(try await store.account(email: "head@oakhollow.example")).account
        let before = try await store.calendar(schoolID: head.schoolID)
        let again = try await store.calendar(schoolID: head.schoolID)
        #expect(again.terms == before.terms && again.closures == before.closures, "kept, and the same")

        let day = try #require(SchoolDate(iso: "2026-12-07"))
        try #require(before.isSchoolDay(day))
        try await store.addReligiousDay(ReligiousDay(religion: "Test", name: "A feast", date: day), schoolID: head.schoolID,
                                        by: Actor(head), at: Date())
        #expect(try await store.calendar(schoolID: head.schoolID).religiousDays.count == before.religiousDays.count + 1)
    }

    @Test func aChangeByAnotherProgramIsSeenToo() async throws {
        let temporary = try await TemporaryDatabase().withDemo()
        let store = temporary.store
        let head = try #require(try await store.account(email: "head@oakhollow.example")).account
        let day = try #require(SchoolDate(iso: "2026-12-08"))
        #expect(try await store.calendar(schoolID: head.schoolID).isSchoolDay(day))

        // Another connection to the same file, as a command run beside the server would open.
        let other = try DatabaseQueue(path: temporary.path)
        try await other.write { db in
            try db.execute(sql: "INSERT INTO closure (schoolId, date, kind, name) VALUES (?, ?, 'inset', 'Training')",
                           arguments: [head.schoolID, day.iso])
        }
        #expect(try await store.calendar(schoolID: head.schoolID).isSchoolDay(day) == false)
        try await other.write { db in
            try db.execute(sql: "DELETE FROM closure WHERE schoolId = ? AND date = ?", arguments: [head.schoolID, day.iso])
        }
        #expect(try await store.calendar(schoolID: head.schoolID).isSchoolDay(day))
    }

    /// A write that is rolled back leaves nothing kept: the cache is filled by reads only.
    @Test func aRolledBackChangeIsNeverKept() async throws {
        let temporary = try await TemporaryDatabase().withDemo()
        let store = temporary.store
        let head = try #require(try await store.account(email: "head@oakhollow.example")).account
        let day = try #require(SchoolDate(iso: "2026-12-09"))
        struct Undo: Error {}
        await #expect(throws: Undo.self) {
            try await temporary.database.writer.write { db in
                try db.execute(sql: "INSERT INTO closure (schoolId, date, kind, name) VALUES (?, ?, 'inset', 'Training')",
                               arguments: [head.schoolID, day.iso])
                // Read inside the write, as a review after a calendar change would: seen, not kept.
                #expect(try store.cachedCalendar(db, schoolID: head.schoolID).isSchoolDay(day) == false)
                throw Undo()
            }
        }
        // Another change takes the count the rolled-back one had; the kept calendar must be its.
        try await store.addReligiousDay(ReligiousDay(religion: "Test", name: "A feast", date: day), schoolID: head.schoolID,
                                        by: Actor(head), at: Date())
        let calendar = try await store.calendar(schoolID: head.schoolID)
        #expect(calendar.isSchoolDay(day) && calendar.religiousDays.contains { $0.date == day })
    }
}
