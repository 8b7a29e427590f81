import Foundation
import GRDB
import Testing
@testable import LeaveCore
@testable import LeaveStore

@Suite("The database")
struct AppDatabaseTests {
    @Test func migratesAnEmptyFileInWALMode() async throws {
        let temp = try TemporaryDatabase()
        #expect(try temp.database.journalMode == "wal")
        let tables = try await temp.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["trust", "school", "account", "pupil", "parentPupil", "term", "closure",
                      "leaveRequest", "decision", "letter", "auditEvent", "webSession",
                      "attendanceMark", "assessmentPeriod", "religiousDay", "pupilContact", "importRun"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(await temp.database.isHealthy())
    }

    /// A session's draft is written without waiting for the disk; the writer is FULL again at
    /// once, so the submission or decision written next waits for the disk as before.
    @Test func aSessionWriteLeavesTheWriterDurableForTheNext() async throws {
        let temp = try TemporaryDatabase()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try await temp.store.setSessionValue(key: "k", value: Data("draft".utf8), expiresAt: now + 60, keepExpiry: false, now: now)
        try await temp.store.setSessionValue(key: "k", value: Data("draft 2".utf8), expiresAt: nil, keepExpiry: true, now: now)
        #expect(try await temp.store.sessionValue(key: "k", now: now)?.value == Data("draft 2".utf8))
        let synchronous = try await temp.database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2, "the writer is back to FULL (2)")
    }

    @Test func reopeningKeepsEverythingAndRunsNoMigrationTwice() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let path = temp.folder.appendingPathComponent("nested/portal.sqlite").path
        let again = try AppDatabase.open(path: path)
        let pupils = try await again.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pupil") }
        #expect(pupils == 31)
    }

    @Test func loadingTheDemoTwiceAddsNothingTheSecondTime() async throws {
        let temp = try await TemporaryDatabase().withDemo()
        let before = try ["account", "pupil", "parentPupil", "term", "closure"].map { try temp.count($0) }
        let loaded = try await DemoTrust.load(into: temp.database, today: SchoolDate(iso: "2026-11-23")!) {
            Issue.record("no password should be hashed when the demo is already there")
            return ""
        }
        #expect(loaded.newSchools.isEmpty)
        let logins = loaded.logins
        let after = try ["account", "pupil", "parentPupil", "term", "closure"].map { try temp.count($0) }
        #expect(before == after)
        #expect(logins.count == 24)
        #expect(Set(logins.map(\.role)) == Set(Role.allCases))
        // Some families have two or three children.
        #expect(logins.contains { $0.note == "3 children" })
    }

    @Test func everySchoolDataTableCarriesItsSchool() async throws {
        let temp = try TemporaryDatabase()
        try await temp.database.writer.read { db in
            for table in ["account", "pupil", "parentPupil", "term", "closure", "leaveRequest", "decision", "letter", "auditEvent",
                          "attendanceMark", "assessmentPeriod", "religiousDay", "pupilContact", "importRun"] {
                let columns = try db.columns(in: table).map(\.name)
                #expect(columns.contains("schoolId"), "\(table) has no schoolId")
            }
        }
    }
}
