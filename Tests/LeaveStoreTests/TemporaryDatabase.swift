import Foundation
import GRDB
@testable import LeaveCore
@testable import LeaveStore

/// A real SQLite file in its own temporary folder, removed when the test ends.
final class TemporaryDatabase {
    let folder: URL
    let database: AppDatabase
    var store: SQLiteStore { SQLiteStore(database) }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-store-\(UUID().uuidString)")
        database = try AppDatabase.open(path: folder.appendingPathComponent("nested/portal.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The database file's path.
    var path: String { folder.appendingPathComponent("nested/portal.sqlite").path }

    /// A new empty temporary folder, for a test that makes its own file there.
    static func folderOnly() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Loads the demo trust as of 23 November 2026 with a cheap placeholder hash.
    func withDemo() async throws -> TemporaryDatabase {
        let loaded = try await DemoTrust.load(into: database, today: SchoolDate(iso: "2026-11-23")!) { "not-a-real-hash" }
        for school in loaded.newSchools {
            var batch = RegisterBatch()
            batch.pupils = DemoTrust.roll(of: school).map { RegisterBatch.PupilEntry(pupil: $0) }
            _ = try await store.importRegister(
                batch, schoolID: school.id, record: ImportRecord(kind: "test", fileName: "roll", actorName: "test", at: Date()))
        }
        return self
    }

    func count(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    func parent(_ email: String) async throws -> (Account, [Pupil]) {
        let account = try await store.account(email: email)!.account
        return (account, try await store.children(ofParent: account.id))
    }
}
