import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: SchoolStore, PupilStore {
    public func school(id: Int64) async throws -> School? {
        try await writer.read { db in try SchoolRecord.fetchOne(db, key: id)?.school }
    }

    public func calendar(schoolID: Int64) async throws -> SchoolCalendar {
        try await writer.read { db in try cachedCalendar(db, schoolID: schoolID) }
    }

    /// The calendar, from `CalendarCache` when no calendar has changed since it was read. Only a
    /// read-only connection (the pool's readers) uses the cache: a write transaction may see a
    /// change of its own that is then rolled back (see `CalendarCache`).
    func cachedCalendar(_ db: Database, schoolID: Int64) throws -> SchoolCalendar {
        guard db.configuration.readonly,
              let counter = try Int64.fetchOne(db.cachedStatement(sql: "SELECT counter FROM calendarChange WHERE id = 1"))
        else { return try Self.calendar(db, schoolID: schoolID) }
        return try database.calendars.calendar(schoolID: schoolID, counter: counter) { try Self.calendar(db, schoolID: schoolID) }
    }

    static func calendar(_ db: Database, schoolID: Int64) throws -> SchoolCalendar {
        // Prepared once, and read by position rather than through Codable (which finds each column
        // by name): every review, every form's check page and every request page reads the calendar.
        let terms = try Row.fetchAll(db.cachedStatement(sql: "SELECT name, startDate, endDate FROM term WHERE schoolId = ?"),
                                     arguments: [schoolID]).compactMap { row -> Term? in
            guard let start = SchoolDate(iso: row[1] as String), let end = SchoolDate(iso: row[2] as String) else { return nil }
            return Term(name: row[0], start: start, end: end)
        }
        let closures = try Row.fetchAll(db.cachedStatement(sql: "SELECT date, kind, name FROM closure WHERE schoolId = ?"),
                                        arguments: [schoolID]).compactMap { row -> Closure? in
            SchoolDate(iso: row[0] as String).map { Closure(date: $0, kind: Closure.Kind(rawValue: row[1]) ?? .other, name: row[2]) }
        }
        let assessments = try Row.fetchAll(db.cachedStatement(sql: "SELECT name, yearGroups, startDate, endDate FROM assessmentPeriod WHERE schoolId = ?"),
                                           arguments: [schoolID]).compactMap { row -> AssessmentPeriod? in
            guard let start = SchoolDate(iso: row[2] as String), let end = SchoolDate(iso: row[3] as String) else { return nil }
            let years = (row[1] as String).split(separator: ",").compactMap { Int($0) }
            return AssessmentPeriod(name: row[0], yearGroups: years, start: start, end: end)
        }
        let religious = try Row.fetchAll(db.cachedStatement(sql: "SELECT religion, name, date FROM religiousDay WHERE schoolId = ?"),
                                         arguments: [schoolID]).compactMap { row -> ReligiousDay? in
            SchoolDate(iso: row[2] as String).map { ReligiousDay(religion: row[0], name: row[1], date: $0) }
        }
        return SchoolCalendar(terms: terms, closures: closures, assessments: assessments, religiousDays: religious)
    }

    public func children(ofParent parentID: Int64) async throws -> [Pupil] {
        try await writer.read { db in try Self.children(db, ofParent: parentID) }
    }

    static func children(_ db: Database, ofParent parentID: Int64) throws -> [Pupil] {
        // Read with every page a parent opens (their session's children), so by position.
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT pupil.id, pupil.schoolId, pupil.forename, pupil.surname, pupil.yearGroup FROM pupil
            JOIN parentPupil ON parentPupil.pupilId = pupil.id AND parentPupil.schoolId = pupil.schoolId
            WHERE parentPupil.accountId = ?
            ORDER BY pupil.yearGroup DESC, pupil.forename
            """), arguments: [parentID]).map { row in
            Pupil(id: try row.decode(atIndex: 0), schoolID: try row.decode(atIndex: 1), forename: try row.decode(atIndex: 2),
                  surname: try row.decode(atIndex: 3), yearGroup: YearGroup(try row.decode(Int.self, atIndex: 4)) ?? .reception)
        }
    }

    public func pupil(id: Int64, schoolID: Int64) async throws -> Pupil? {
        try await writer.read { db in
            try PupilRecord.filter(Column("id") == id && Column("schoolId") == schoolID).fetchOne(db)?.pupil
        }
    }
}

extension SQLiteStore {
    public func postalAddress(ofContact email: String, pupilID: Int64, schoolID: Int64) async throws -> [String] {
        try await writer.read { db in
            let address = try String.fetchOne(db, sql: """
                SELECT address FROM pupilContact WHERE pupilId = ? AND schoolId = ? AND email = ? AND address IS NOT NULL
                ORDER BY parentalResponsibility DESC, id LIMIT 1
                """, arguments: [pupilID, schoolID, email.lowercased()])
            return address.map { $0.split(separator: "\n").map(String.init) } ?? []
        }
    }

    public func siblings(ofPupil pupilID: Int64, schoolID: Int64) async throws -> [Pupil] {
        try await writer.read { db in
            try PupilRecord.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT pupil.* FROM parentPupil AS mine
                JOIN parentPupil AS theirs ON theirs.accountId = mine.accountId
                JOIN pupil ON pupil.id = theirs.pupilId
                WHERE mine.pupilId = ? AND pupil.schoolId = ? AND pupil.id != ?
                ORDER BY pupil.yearGroup DESC, pupil.forename
                """), arguments: [pupilID, schoolID, pupilID]).map(\.pupil)
        }
    }
}

extension SQLiteStore {
    public func crest(schoolID: Int64) async throws -> [UInt8]? {
        try await writer.read { db in
            try Data.fetchOne(db, sql: "SELECT png FROM schoolCrest WHERE schoolId = ?", arguments: [schoolID]).map { [UInt8]($0) }
        }
    }

    public func setCrest(_ png: [UInt8]?, schoolID: Int64, sha256: String?, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            if let png, let sha256 {
                try db.execute(sql: """
                    INSERT INTO schoolCrest (schoolId, png, sha256, uploadedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(schoolId) DO UPDATE SET png = excluded.png, sha256 = excluded.sha256, uploadedAt = excluded.uploadedAt
                    """, arguments: [schoolID, Data(png), sha256, at])
            } else {
                try db.execute(sql: "DELETE FROM schoolCrest WHERE schoolId = ?", arguments: [schoolID])
            }
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .crestChanged, at: at,
                                           detail: png.map { "a crest of \($0.count) bytes, SHA-256 \(sha256 ?? "")" } ?? "the crest removed"), in: db)
        }
    }
}
