import Foundation
import GRDB
@testable import LeaveCore
@testable import LeaveImport
@testable import LeaveStore

/// A temporary database holding the demo trust's schools and parents (no pupils), and the
/// test fixtures written for these tests.
final class ImportHarness {
    let folder: URL
    let database: AppDatabase
    let store: SQLiteStore
    let school: School

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-import-\(UUID().uuidString)")
        database = try AppDatabase.open(path: folder.appendingPathComponent("portal.sqlite").path)
        store = SQLiteStore(database)
        let loaded = try await DemoTrust.load(into: database, today: SchoolDate(iso: "2026-11-23")!) { "hash" }
        school = loaded.newSchools[0]
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    func importCTF(_ path: String, reader: CTFReader = CTFReader()) async throws -> ImportReport {
        try await write(CTFImporter(reader: reader).read(path: path), kind: "ctf")
    }

    func importCSV(_ name: String, pupils: Bool = false) async throws -> ImportReport {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture(name)))
        return try await importCSV(data: data, pupils: pupils)
    }

    func importCSV(data: Data, pupils: Bool = false) async throws -> ImportReport {
        try await write(pupils ? PupilCSVImporter().read(data: data) : AttendanceCSVImporter().read(data: data), kind: "csv")
    }

    /// A file as read, written as the import use case writes it: in one transaction, with its record.
    func write(_ reading: RegisterReading, kind: String) async throws -> ImportReport {
        let changes = try await store.importRegister(reading.batch, schoolID: school.id, record: record(kind, problems: reading.fileProblems))
        return ImportReport(reading, changes)
    }

    func record(_ kind: String, problems: Int = 0) -> ImportRecord {
        ImportRecord(kind: kind, fileName: "fixture", actorName: "test", at: Date(timeIntervalSince1970: 1_795_428_000), fileProblems: problems)
    }

    func count(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    func pupil(upn: String) async throws -> Pupil? {
        try await store.pupils(schoolID: school.id).first { pupil in
            (try? database.writer.read { db in try String.fetchOne(db, sql: "SELECT upn FROM pupil WHERE id = ?", arguments: [pupil.id]) }) == upn
        }
    }

    /// Everything an import could have written, to show a refused file wrote nothing.
    func everything() throws -> [Int] {
        try ["pupil", "pupilContact", "attendanceMark", "importRun", "parentPupil"].map(count)
    }

    /// Writes `text` to a file in the temporary folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
