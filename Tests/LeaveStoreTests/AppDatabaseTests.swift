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

    /// A school's file from before v29, with requests in it, brought up to date: the counts the
    /// triggers keep from then on begin from the requests already there.
    @Test func theQueuesCountsBeginFromTheRequestsAlreadyThere() async throws {
        let source = try await TemporaryDatabase().withDemo()
        let parent = try #require(try await source.store.account(email: "parent2@example.com")).account
        let child = try #require(try await source.store.children(ofParent: parent.id).first)
        for start in ["2026-12-07", "2026-12-08", "2026-12-14"] {
            let application = StoreConformanceTests.application(for: child, start: start, end: start, back: "2026-12-15")
            let count = try await source.store.calendar(schoolID: parent.schoolID).count(from: application.start, to: application.end)
            _ = try await source.store.submit(application, schoolID: parent.schoolID, by: Actor(parent), count: count,
                                              at: StoreConformanceTests.now)
        }
        let older = try TemporaryDatabase.folderOnly()
        let pool = try DatabasePool(path: older.appendingPathComponent("portal.sqlite").path)
        try AppDatabase.migrator.migrate(pool, upTo: "v28: sign-in attempts")
        // The rows as a file of v28 held them (v29 and v30 add no column to any table).
        let sourcePath = source.path
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [sourcePath])
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """)
            try db.inTransaction {
                for table in tables { try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM source.\(table)") }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE source")
        }
        let brought = try AppDatabase(pool)
        let (kept, counted) = try await brought.writer.read { db in
            (try Row.fetchAll(db, sql: "SELECT schoolId, status, recommendation, requests FROM requestCount WHERE requests > 0 ORDER BY 1, 2, 3")
                .map { Array($0.databaseValues) },
             try Row.fetchAll(db, sql: """
                SELECT schoolId, status, IFNULL(recommendation, ''), COUNT(*) FROM leaveRequest GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """).map { Array($0.databaseValues) })
        }
        #expect(!counted.isEmpty)
        #expect(kept == counted)
        try? FileManager.default.removeItem(at: older)
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
