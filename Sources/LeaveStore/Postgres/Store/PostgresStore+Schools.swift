import Foundation
import LeaveCore

extension PostgresStore: SchoolStore, PupilStore {
    public func school(id: Int64) async throws -> School? {
        try await database.read { sql in try await Self.school(sql, id: id) }
    }

    static func school(_ sql: PostgresSQL, id: Int64) async throws -> School? {
        try await sql.record(SchoolRecord.self, "SELECT * FROM school WHERE id = ?", [id])?.school
    }

    public func calendar(schoolID: Int64) async throws -> SchoolCalendar {
        try await database.read { sql in try await Self.calendar(sql, schoolID: schoolID) }
    }

    static func calendar(_ sql: PostgresSQL, schoolID: Int64) async throws -> SchoolCalendar {
        let terms = try await sql.records(TermRecord.self, "SELECT * FROM term WHERE schoolId = ?", [schoolID]).compactMap(\.term)
        let closures = try await sql.records(ClosureRecord.self, "SELECT * FROM closure WHERE schoolId = ?", [schoolID]).compactMap(\.closure)
        let assessments = try await sql.rows("SELECT name, yearGroups, startDate, endDate FROM assessmentPeriod WHERE schoolId = ?", [schoolID])
            .compactMap { row -> AssessmentPeriod? in
                guard let start = SchoolDate(iso: try row[2, String.self]), let end = SchoolDate(iso: try row[3, String.self]) else { return nil }
                let years = try row[1, String.self].split(separator: ",").compactMap { Int($0) }
                return AssessmentPeriod(name: try row[0, String.self], yearGroups: years, start: start, end: end)
            }
        let religious = try await sql.rows("SELECT religion, name, date FROM religiousDay WHERE schoolId = ?", [schoolID])
            .compactMap { row -> ReligiousDay? in
                guard let date = SchoolDate(iso: try row[2, String.self]) else { return nil }
                return ReligiousDay(religion: try row[0, String.self], name: try row[1, String.self], date: date)
            }
        return SchoolCalendar(terms: terms, closures: closures, assessments: assessments, religiousDays: religious)
    }

    public func children(ofParent parentID: Int64) async throws -> [Pupil] {
        try await database.read { sql in try await Self.children(sql, ofParent: parentID) }
    }

    static func children(_ sql: PostgresSQL, ofParent parentID: Int64) async throws -> [Pupil] {
        try await sql.records(PupilRecord.self, """
            SELECT pupil.* FROM pupil
            JOIN parentPupil ON parentPupil.pupilId = pupil.id AND parentPupil.schoolId = pupil.schoolId
            WHERE parentPupil.accountId = ?
            ORDER BY pupil.yearGroup DESC, pupil.forename
            """, [parentID]).map(\.pupil)
    }

    public func pupil(id: Int64, schoolID: Int64) async throws -> Pupil? {
        try await database.read { sql in
            try await sql.record(PupilRecord.self, "SELECT * FROM pupil WHERE id = ? AND schoolId = ?", [id, schoolID])?.pupil
        }
    }

    public func postalAddress(ofContact email: String, pupilID: Int64, schoolID: Int64) async throws -> [String] {
        try await database.read { sql in
            let address = try await sql.value(String.self, """
                SELECT address FROM pupilContact WHERE pupilId = ? AND schoolId = ? AND email = ? AND address IS NOT NULL
                ORDER BY parentalResponsibility DESC, id LIMIT 1
                """, [pupilID, schoolID, email.lowercased()])
            return address.map { $0.split(separator: "\n").map(String.init) } ?? []
        }
    }

    public func siblings(ofPupil pupilID: Int64, schoolID: Int64) async throws -> [Pupil] {
        try await database.read { sql in
            try await sql.records(PupilRecord.self, """
                SELECT DISTINCT pupil.* FROM parentPupil AS mine
                JOIN parentPupil AS theirs ON theirs.accountId = mine.accountId
                JOIN pupil ON pupil.id = theirs.pupilId
                WHERE mine.pupilId = ? AND pupil.schoolId = ? AND pupil.id <> ?
                ORDER BY pupil.yearGroup DESC, pupil.forename
                """, [pupilID, schoolID, pupilID]).map(\.pupil)
        }
    }

    public func crest(schoolID: Int64) async throws -> [UInt8]? {
        try await database.read { sql in
            try await sql.value(Data.self, "SELECT png FROM schoolCrest WHERE schoolId = ?", [schoolID]).map { [UInt8]($0) }
        }
    }

    public func setCrest(_ png: [UInt8]?, schoolID: Int64, sha256: String?, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            if let png, let sha256 {
                try await sql.execute("""
                    INSERT INTO schoolCrest (schoolId, png, sha256, uploadedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT (schoolId) DO UPDATE SET png = excluded.png, sha256 = excluded.sha256, uploadedAt = excluded.uploadedAt
                    """, [schoolID, Data(png), sha256, at])
            } else {
                try await sql.execute("DELETE FROM schoolCrest WHERE schoolId = ?", [schoolID])
            }
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .crestChanged, at: at,
                                                 detail: png.map { "a crest of \($0.count) bytes, SHA-256 \(sha256 ?? "")" } ?? "the crest removed"), in: sql)
        }
    }
}
