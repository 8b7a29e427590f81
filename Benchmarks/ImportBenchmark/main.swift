// Import throughput: a generated CTF for a whole school's year into a fresh database,
// against SQLite inserting the same number of rows in one statement on the same machine.
// Run with scripts/bench-import (release build); prints figures, asserts nothing.
import Foundation
import GRDB
import LeaveCore
import LeaveImport
import LeaveStore

let arguments = CommandLine.arguments
let pupils = arguments.firstIndex(of: "--pupils").flatMap { Int(arguments[$0 + 1]) } ?? 1500
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

// 1. The file: every pupil has a full school year of marks, mostly present.
let year = TypicalSchoolYear(startingIn: 2025)
let calendar = year.calendar
let start = SchoolDate(iso: "2025-09-01")!, end = SchoolDate(iso: "2026-08-31")!
var schoolSessions: [SessionPoint] = []
var day = start
while day <= end {
    if calendar.isSchoolDay(day) { schoolSessions += [SessionPoint(day, .am), SessionPoint(day, .pm)] }
    day = day.adding(days: 1)
}
let ctf = folder.appendingPathComponent("school.xml")
FileManager.default.createFile(atPath: ctf.path, contents: nil)
let output = try FileHandle(forWritingTo: ctf)
let header = CTFHeader(version: "25.0", laCode: "999", estab: "2001", schoolName: "Oakhollow Primary School")
let document = CTFWriter.document(header: header, entries: [])
let closing = "  </CTFpupilData>\n</CTfile>\n"
output.write(Data(document.dropLast(closing.count).utf8))
let codes: [AttendanceCode] = [.illness, .medical, .late, .unauthorisedOther]
for index in 0..<pupils {
    let marks = schoolSessions.enumerated().map { offset, point in
        SessionMark(point, (offset * 31 + index * 7) % 50 == 0 ? codes[(offset + index) % codes.count]
                                                               : (point.session == .am ? .presentAM : .presentPM))
    }
    let pupil = ImportedPupil(upn: "A999" + String(100_000_000 + index), forename: "Pupil", surname: "Number\(index)",
                              yearGroup: YearGroup(index % 7))
    output.write(Data(CTFWriter.pupil(.init(pupil: pupil, years: [CTFWriter.year(marks, academicYear: 2025, from: start, to: end)])).utf8))
}
output.write(Data(closing.utf8))
try output.close()
let fileMB = Double((try FileManager.default.attributesOfItem(atPath: ctf.path)[.size] as! NSNumber).intValue) / 1_048_576
let expected = pupils * schoolSessions.count
let memoryBefore = peakMemoryMB()

// 2a. Reading and checking alone, into a batch in memory: where the time goes.
let parseSeconds = try await seconds { _ = try CTFImporter().read(path: ctf.path) }

// 2b. The import, through the real reader, importer and store (read in full, then written in one transaction).
let database = try AppDatabase.open(path: folder.appendingPathComponent("portal.sqlite").path)
let store = SQLiteStore(database)
let school = try await DemoTrust.load(into: database, today: SchoolDate(iso: "2025-11-23")!) { "hash" }.newSchools[0]
var report = ImportReport()
let importSeconds = try await seconds {
    let reading = try CTFImporter().read(path: ctf.path)
    let changes = try await store.importRegister(
        reading.batch, schoolID: school.id,
        record: ImportRecord(kind: "ctf", fileName: "bench", actorName: "bench", at: Date(), fileProblems: reading.fileProblems))
    report = ImportReport(reading, changes)
}
let memoryAfter = peakMemoryMB()
precondition(report.marks.added == expected && report.problems.isEmpty, "import incomplete: \(report.summary)")

// 3. SQLite alone: the same number of rows into the same table in one INSERT … SELECT.
let baseline = try AppDatabase.open(path: folder.appendingPathComponent("baseline.sqlite").path)
try await baseline.writer.write { db in
    try db.execute(sql: "INSERT INTO trust (name) VALUES ('t'); INSERT INTO school (trustId, name) VALUES (1, 's')")
    try db.execute(sql: "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO pupil (schoolId, upn, forename, surname, yearGroup) SELECT 1, 'U' || i, 'P', 'N', 1 FROM n",
                   arguments: [pupils - 1])
}
let sessionsPerPupil = schoolSessions.count
let baselineSeconds = try await seconds {
    try await baseline.writer.write { db in
        try db.execute(sql: """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO attendanceMark (pupilId, date, session, code, schoolId)
            SELECT 1 + i / ?, date('2025-09-01', '+' || ((i % ?) / 2) || ' days'),
                   CASE i % 2 WHEN 0 THEN 'AM' ELSE 'PM' END, '/', 1 FROM n
            """, arguments: [expected - 1, sessionsPerPupil, sessionsPerPupil])
    }
}

let rate = Double(expected) / importSeconds
let baselineRate = Double(expected) / baselineSeconds
print("pupils: \(pupils), marks: \(expected), CTF file: \(String(format: "%.1f", fileMB)) MB")
print("import: \(String(format: "%.2f", importSeconds)) s, \(Int(rate)) marks/s (reading and checking alone: \(String(format: "%.2f", parseSeconds)) s)")
print("sqlite one-statement insert: \(String(format: "%.2f", baselineSeconds)) s, \(Int(baselineRate)) rows/s")
print("import reaches \(String(format: "%.0f", 100 * rate / baselineRate))% of SQLite's own rate (goal: 50% or more)")
print("peak memory: \(String(format: "%.0f", memoryBefore)) MB after writing the file, \(String(format: "%.0f", memoryAfter)) MB after the import")

// 4. The same file into PostgreSQL (issue 16), when given an empty database: the store's import
// against PostgreSQL's own one-statement insert of as many rows, in the same run.
if let url = arguments.firstIndex(of: "--postgres").map({ arguments[$0 + 1] }) {
    let postgres = try await PostgresDatabase.open(try PostgresURL(url))
    let pgStore = PostgresStore(postgres)
    let pgSchool = try await pgStore.loadDemoTrust(today: SchoolDate(iso: "2025-11-23")!) { "hash" }.newSchools[0]
    var pgReport = ImportReport()
    let pgSeconds = try await seconds {
        let reading = try CTFImporter().read(path: ctf.path)
        let changes = try await pgStore.importRegister(
            reading.batch, schoolID: pgSchool.id,
            record: ImportRecord(kind: "ctf", fileName: "bench", actorName: "bench", at: Date(), fileProblems: reading.fileProblems))
        pgReport = ImportReport(reading, changes)
    }
    precondition(pgReport.marks.added == expected && pgReport.problems.isEmpty, "PostgreSQL import incomplete: \(pgReport.summary)")
    let pgMemory = peakMemoryMB()
    let pgBaselineSeconds = try await seconds {
        try await postgres.execute([
            "CREATE TABLE markCeiling (pupilId bigint, date text COLLATE \"C\", session text, code text, schoolId bigint, PRIMARY KEY (pupilId, date, session))",
            """
            INSERT INTO markCeiling SELECT i / \(sessionsPerPupil), to_char(DATE '2025-09-01' + (i % \(sessionsPerPupil)) / 2, 'YYYY-MM-DD'),
                   CASE i % 2 WHEN 0 THEN 'AM' ELSE 'PM' END, '/', 1 FROM generate_series(0, \(expected - 1)) AS i
            """,
            "DROP TABLE markCeiling",
        ])
    }
    await postgres.close()
    let pgRate = Double(expected) / pgSeconds
    print("postgresql import: \(String(format: "%.2f", pgSeconds)) s, \(Int(pgRate)) marks/s")
    print("postgresql one-statement insert: \(String(format: "%.2f", pgBaselineSeconds)) s, \(Int(Double(expected) / pgBaselineSeconds)) rows/s")
    print("postgresql import reaches \(String(format: "%.0f", 100 * pgRate / (Double(expected) / pgBaselineSeconds)))% of PostgreSQL's own rate; "
          + "\(String(format: "%.2f", pgRate / rate))× the SQLite import's rate; peak memory \(String(format: "%.0f", pgMemory)) MB")
}
