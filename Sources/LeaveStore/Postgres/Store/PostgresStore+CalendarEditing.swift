import Foundation
import LeaveCore

extension PostgresStore: CalendarEditing {
    public func assessments(schoolID: Int64) async throws -> [StoredAssessment] {
        try await database.read { sql in try await Self.assessments(sql, schoolID: schoolID) }
    }

    public func religiousDays(schoolID: Int64) async throws -> [StoredReligiousDay] {
        try await database.read { sql in try await Self.religiousDays(sql, schoolID: schoolID) }
    }

    static func assessments(_ sql: PostgresSQL, schoolID: Int64) async throws -> [StoredAssessment] {
        try await sql.rows("SELECT id, name, yearGroups, startDate, endDate FROM assessmentPeriod WHERE schoolId = ? ORDER BY startDate, name, id",
                           [schoolID]).compactMap { row in
            guard let start = SchoolDate(iso: try row["startDate", String.self]),
                  let end = SchoolDate(iso: try row["endDate", String.self]) else { return nil }
            let years = try row["yearGroups", String.self].split(separator: ",").compactMap { Int($0) }
            return StoredAssessment(id: try row["id", Int64.self],
                                    period: AssessmentPeriod(name: try row["name", String.self], yearGroups: years, start: start, end: end))
        }
    }

    static func religiousDays(_ sql: PostgresSQL, schoolID: Int64) async throws -> [StoredReligiousDay] {
        try await sql.rows("SELECT id, religion, name, date FROM religiousDay WHERE schoolId = ? ORDER BY date, religion, id", [schoolID]).compactMap { row in
            guard let date = SchoolDate(iso: try row["date", String.self]) else { return nil }
            return StoredReligiousDay(id: try row["id", Int64.self],
                                      day: ReligiousDay(religion: try row["religion", String.self], name: try row["name", String.self], date: date))
        }
    }

    /// SQLite's INSERT OR REPLACE: a period of the same name from the same day is the one given now.
    public func addAssessment(_ period: AssessmentPeriod, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            try await sql.execute("""
                INSERT INTO assessmentPeriod (schoolId, name, yearGroups, startDate, endDate) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (schoolId, name, startDate) DO UPDATE SET yearGroups = excluded.yearGroups, endDate = excluded.endDate
                """, [schoolID, period.name, period.yearGroups.map(String.init).joined(separator: ","), period.start.iso, period.end.iso])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                                 detail: "assessment added: \(Self.describe(period))"), in: sql)
        }
    }

    /// SQLite's INSERT OR REPLACE: one day per religion and date, named as given now.
    public func addReligiousDay(_ day: ReligiousDay, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            try await sql.execute("""
                INSERT INTO religiousDay (schoolId, religion, name, date) VALUES (?, ?, ?, ?)
                ON CONFLICT (schoolId, religion, date) DO UPDATE SET name = excluded.name
                """, [schoolID, day.religion, day.name, day.date.iso])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                                 detail: "religious day added: \(Self.describe(day))"), in: sql)
        }
    }

    public func removeAssessment(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let removed = try await Self.assessments(sql, schoolID: schoolID).first(where: { $0.id == id }) else { return }
            try await sql.execute("DELETE FROM assessmentPeriod WHERE id = ? AND schoolId = ?", [id, schoolID])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                                 detail: "assessment removed: \(Self.describe(removed.period))"), in: sql)
        }
    }

    public func removeReligiousDay(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let removed = try await Self.religiousDays(sql, schoolID: schoolID).first(where: { $0.id == id }) else { return }
            try await sql.execute("DELETE FROM religiousDay WHERE id = ? AND schoolId = ?", [id, schoolID])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                                 detail: "religious day removed: \(Self.describe(removed.day))"), in: sql)
        }
    }

    static func describe(_ period: AssessmentPeriod) -> String {
        "\(period.name), years \(period.yearGroups.map(String.init).joined(separator: ", ")), \(period.start.iso) to \(period.end.iso)"
    }

    static func describe(_ day: ReligiousDay) -> String {
        "\(day.name) (\(day.religion)), \(day.date.iso)"
    }
}
