import Foundation
import GRDB
import Testing
@testable import LeaveCore
@testable import LeaveStore

/// The stores every conformance test runs against: SQLite always, PostgreSQL where a server is
/// given in LEAVE_PORTAL_TEST_POSTGRES (`scripts/test` starts one with scripts/postgres-for-tests).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static let available: [StoreKind] = TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres]
}

enum TestPostgres {
    static let url: PostgresURL? = ProcessInfo.processInfo.environment["LEAVE_PORTAL_TEST_POSTGRES"]
        .flatMap { $0.isEmpty ? nil : try? PostgresURL($0) }

    static let missing: Comment = """
        PostgreSQL is not available here, so the PostgreSQL half of the conformance suite is skipped: install Debian's \
        postgresql package and run scripts/test (or set LEAVE_PORTAL_TEST_POSTGRES to a server's URL)
        """

    /// A new database on the test server, dropped when `body` ends; migrated unless told not to.
    static func withDatabase<Result: Sendable>(migrating: Bool = true,
                                               _ body: (PostgresDatabase, PostgresURL) async throws -> Result) async throws -> Result {
        guard let url else { throw StoreError.corrupt("LEAVE_PORTAL_TEST_POSTGRES is not set") }
        return try await PostgresScratch.with(server: url, migrating: migrating, body)
    }
}

/// A store under test, with the two things a test needs from under it: a table's row count,
/// and a statement run directly, past the store (to prove the database itself refuses it).
struct TestStore: Sendable {
    let kind: StoreKind
    let store: any PortalStore
    let count: @Sendable (String) async throws -> Int
    let execute: @Sendable (String) async throws -> Void
}

/// A store of the kind asked for, empty or with the demo trust and its pupils, for one test.
enum TestStores {
    static func with(_ kind: StoreKind, demo: Bool = false, _ body: (TestStore) async throws -> Void) async throws {
        switch kind {
        case .sqlite:
            let temporary = try TemporaryDatabase()
            if demo { _ = try await temporary.withDemo() }
            let database = temporary.database
            try await body(TestStore(kind: kind, store: temporary.store,
                                     count: { table in try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 } },
                                     execute: { statement in try await database.writer.write { db in try db.execute(sql: statement) } }))
            withExtendedLifetime(temporary) {}
        case .postgres:
            try await TestPostgres.withDatabase { database, _ in
                let store = PostgresStore(database)
                if demo { try await loadDemo(into: store) }
                try await body(TestStore(kind: kind, store: store,
                                         count: { table in Int(try await database.read { sql in try await sql.value(Int64.self, "SELECT COUNT(*) FROM \(table)") } ?? 0) },
                                         execute: { statement in _ = try await database.write { sql in try await sql.execute(statement) } }))
            }
        }
    }

    /// The demo trust as the SQLite harness loads it: its schools, then each school's roll through the MIS import.
    static func loadDemo(into store: any PortalStore) async throws {
        let loaded = try await store.loadDemoTrust(today: SchoolDate(iso: "2026-11-23")!) { "not-a-real-hash" }
        for school in loaded.newSchools {
            var batch = RegisterBatch()
            batch.pupils = DemoTrust.roll(of: school).map { RegisterBatch.PupilEntry(pupil: $0) }
            _ = try await store.importRegister(batch, schoolID: school.id,
                                               record: ImportRecord(kind: "test", fileName: "roll", actorName: "test", at: Date()))
        }
    }
}
