import Foundation
import GRDB
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// What only PostgreSQL has: its URL, its migrations with several servers starting at once,
/// and moving a school's SQLite file across (issue 16).
@Suite("PostgreSQL: the setting, migrations and the copy from SQLite")
struct PostgresDatabaseTests {
    @Test func theURLIsReadAsLibpqReadsIt() throws {
        let socket = try PostgresURL("postgres://leave@localhost/leave?host=/run/postgresql", environment: [:])
        #expect(socket.endpoint == .socket(path: "/run/postgresql/.s.PGSQL.5432"))
        #expect(socket.username == "leave" && socket.database == "leave" && socket.password == nil && socket.tls == .disable)
        let remote = try PostgresURL("postgresql://app:s%40cret@db.trust.example:6432/portal?sslmode=require", environment: [:])
        #expect(remote.endpoint == .tcp(host: "db.trust.example", port: 6432))
        #expect(remote.password == "s@cret" && remote.tls == .require)
        #expect(try PostgresURL("postgres://app@db.trust.example/portal", environment: ["PGPASSWORD": "from-env"]).password == "from-env")
        #expect(try PostgresURL("postgres://app@db.trust.example/portal", environment: [:]).tls == .prefer)
        #expect(PostgresURL.withoutPassword("postgres://app:secret@db/portal") == "postgres://app:%E2%80%A2%E2%80%A2%E2%80%A2@db/portal"
                || !PostgresURL.withoutPassword("postgres://app:secret@db/portal").contains("secret"))
        for (text, says) in [("postgres://db.example/portal", "names no user"), ("postgres://app@db.example", "names no database"),
                             ("postgres://app@db.example/portal?sslmode=maybe", "sslmode 'maybe'")] {
            #expect(throws: StoreLocationError.self) { _ = try PostgresURL(text, environment: [:]) }
            do { _ = try PostgresURL(text, environment: [:]) } catch { #expect("\(error)".contains(says), "\(text)") }
        }
        #expect(try StoreLocation("postgres://app@db/portal") == .postgres(url: "postgres://app@db/portal"))
    }

    @Test func postgresIsThereWhenCIRequiresIt() {
        if ProcessInfo.processInfo.environment["LEAVE_PORTAL_REQUIRE_POSTGRES"] == "1" {
            #expect(TestPostgres.url != nil, "CI installs PostgreSQL: the conformance suite must run on it, not skip")
        }
    }

    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.missing))
    func migratingTwiceChangesNothing() async throws {
        try await TestPostgres.withDatabase { database, _ in
            let applied = try await database.appliedMigrations()
            #expect(applied == PostgresMigrations.all.map(\.name))
            #expect(try await database.migrate().isEmpty)
            #expect(try await database.appliedMigrations() == applied)
        }
    }

    /// Several servers started together on a new database: one migrates, the others wait and find it done.
    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.missing))
    func serversStartingTogetherMigrateOnce() async throws {
        try await TestPostgres.withDatabase(migrating: false) { _, url in
            let names = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let database = try await PostgresDatabase.open(url, migrating: false)
                        let done = try await database.migrate()
                        await database.close()
                        return done
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(names.flatMap { $0 } == PostgresMigrations.all.map(\.name))
            let database = try await PostgresDatabase.open(url)
            #expect(try await PostgresStore(database).isHealthy())
            #expect(await PostgresStore(database).takesWrites(at: Date()))
            await database.close()
        }
    }

    /// A school with a year behind it moves across whole: every row of every table, ids kept,
    /// checked by counts and checksums; and the PostgreSQL store then reads it as SQLite did.
    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.missing))
    func aSchoolsSQLiteFileCopiesAcrossWhole() async throws {
        let source = try await TemporaryDatabase().withDemo()
        let parent = try await source.store.account(email: "parent2@example.com")!.account
        let child = try await source.store.children(ofParent: parent.id)[0]
        let application = StoreConformanceTests.application(for: child)
        let count = try await source.store.calendar(schoolID: parent.schoolID).count(from: application.start, to: application.end)
        let request = try await source.store.submit(application, schoolID: parent.schoolID, by: Actor(parent), count: count,
                                                    at: StoreConformanceTests.now)
        let head = try await source.store.account(email: "head@oakhollow.example")!.account
        try await source.store.decide(Decision(requestID: request.id, outcome: .granted, reason: "Yes", decidedBy: Actor(head),
                                               decidedAt: StoreConformanceTests.now), schoolID: head.schoolID, letterHTML: "letter", message: nil)
        try await source.store.setCrest([0x89, 0x50, 0x4E, 0x47], schoolID: head.schoolID, sha256: "abc", by: Actor(head), at: StoreConformanceTests.now)
        // A fortnight of marks for every pupil, as the MIS sends them.
        let school = try #require(try await source.store.school(id: head.schoolID))
        var batch = RegisterBatch()
        let days = (0..<10).map { SchoolDate(iso: "2026-11-02")!.adding(days: $0 + ($0 >= 5 ? 2 : 0)) }
        batch.pupils = DemoTrust.roll(of: school).map { pupil in
            RegisterBatch.PupilEntry(pupil: pupil, marks: days.flatMap { day in
                [SessionMark(SessionPoint(day, .am), .presentAM), SessionMark(SessionPoint(day, .pm), day.dayNumber % 3 == 0 ? .illness : .presentPM)]
            })
        }
        _ = try await source.store.importRegister(batch, schoolID: school.id,
                                                  record: ImportRecord(kind: "test", fileName: "marks", actorName: "test", at: Date()))
        try await TestPostgres.withDatabase { database, _ in
            let report = try await StoreCopy.copy(from: source.database, to: database)
            for table in report {
                #expect(table.rows == (try source.count(table.table)), "\(table.table)")
            }
            #expect(report.first { $0.table == "attendanceMark" }?.rows == DemoTrust.roll(of: school).count * 20)
            let copied = PostgresStore(database)
            #expect(try await copied.account(email: "parent2@example.com")?.account == (try await source.store.account(email: "parent2@example.com"))?.account)
            #expect(try await copied.decision(requestID: request.id, schoolID: head.schoolID)?.outcome == .granted)
            let marks = try await copied.attendanceHistory(pupilID: child.id, schoolID: child.schoolID).marks
            #expect(marks.count == 20)
            #expect(marks == (try await source.store.attendanceHistory(pupilID: child.id, schoolID: child.schoolID)).marks)
            #expect(try await copied.crest(schoolID: head.schoolID) == [0x89, 0x50, 0x4E, 0x47])
            // New rows carry on after the copied ids.
            let added = try await copied.addAccount(schoolID: head.schoolID, email: "new@oakhollow.example", displayName: "New", role: .office, passwordHash: "h")
            #expect(added.id > (try await source.store.staff(schoolID: head.schoolID)).map(\.id).max() ?? 0)
            // A second copy finds data there, and writes nothing.
            await #expect(throws: StoreCopy.Failure.self) { _ = try await StoreCopy.copy(from: source.database, to: database) }
            #expect(try await database.read { sql in try await sql.value(Int64.self, "SELECT COUNT(*) FROM leaveRequest") } == 1)
        }
    }

    /// A value SQLite's loose typing let in, which PostgreSQL's column cannot hold, stops the copy
    /// naming its table and column, with nothing written.
    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.missing))
    func aValueThatDoesNotFitStopsTheCopyWithNothingWritten() async throws {
        let source = try await TemporaryDatabase().withDemo()
        try await source.database.writer.write { db in try db.execute(sql: "UPDATE pupil SET yearGroup = 'six' WHERE id = (SELECT MIN(id) FROM pupil)") }
        try await TestPostgres.withDatabase { database, _ in
            do {
                _ = try await StoreCopy.copy(from: source.database, to: database)
                Issue.record("the copy went ahead")
            } catch let failure as StoreCopy.Failure {
                #expect(failure.description.contains("table pupil, column yeargroup"))
            }
            #expect(try await database.read { sql in try await sql.value(Int64.self, "SELECT COUNT(*) FROM trust") } == 0)
        }
    }
}
