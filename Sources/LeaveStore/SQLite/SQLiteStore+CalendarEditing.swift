import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: CalendarEditing {
    public func assessments(schoolID: Int64) async throws -> [StoredAssessment] {
        try await writer.read { db in try Self.assessments(db, schoolID: schoolID) }
    }

    public func religiousDays(schoolID: Int64) async throws -> [StoredReligiousDay] {
        try await writer.read { db in try Self.religiousDays(db, schoolID: schoolID) }
    }

    static func assessments(_ db: Database, schoolID: Int64) throws -> [StoredAssessment] {
        try Row.fetchAll(db, sql: "SELECT * FROM assessmentPeriod WHERE schoolId = ? ORDER BY startDate", arguments: [schoolID]).compactMap { row in
            guard let start = SchoolDate(iso: row["startDate"] as String), let end = SchoolDate(iso: row["endDate"] as String) else { return nil }
            let years = (row["yearGroups"] as String).split(separator: ",").compactMap { Int($0) }
            return StoredAssessment(id: row["id"], period: AssessmentPeriod(name: row["name"], yearGroups: years, start: start, end: end))
        }
    }

    static func religiousDays(_ db: Database, schoolID: Int64) throws -> [StoredReligiousDay] {
        try Row.fetchAll(db, sql: "SELECT * FROM religiousDay WHERE schoolId = ? ORDER BY date", arguments: [schoolID]).compactMap { row in
            SchoolDate(iso: row["date"] as String).map {
                StoredReligiousDay(id: row["id"], day: ReligiousDay(religion: row["religion"], name: row["name"], date: $0))
            }
        }
    }

    public func addAssessment(_ period: AssessmentPeriod, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO assessmentPeriod (schoolId, name, yearGroups, startDate, endDate) VALUES (?, ?, ?, ?, ?)
                """, arguments: [schoolID, period.name, period.yearGroups.map(String.init).joined(separator: ","), period.start.iso, period.end.iso])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                           detail: "assessment added: \(Self.describe(period))"), in: db)
        }
    }

    public func addReligiousDay(_ day: ReligiousDay, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO religiousDay (schoolId, religion, name, date) VALUES (?, ?, ?, ?)",
                           arguments: [schoolID, day.religion, day.name, day.date.iso])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                           detail: "religious day added: \(Self.describe(day))"), in: db)
        }
    }

    public func removeAssessment(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let removed = try Self.assessments(db, schoolID: schoolID).first(where: { $0.id == id }) else { return }
            try db.execute(sql: "DELETE FROM assessmentPeriod WHERE id = ? AND schoolId = ?", arguments: [id, schoolID])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                           detail: "assessment removed: \(Self.describe(removed.period))"), in: db)
        }
    }

    public func removeReligiousDay(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let removed = try Self.religiousDays(db, schoolID: schoolID).first(where: { $0.id == id }) else { return }
            try db.execute(sql: "DELETE FROM religiousDay WHERE id = ? AND schoolId = ?", arguments: [id, schoolID])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                           detail: "religious day removed: \(Self.describe(removed.day))"), in: db)
        }
    }

    static func describe(_ period: AssessmentPeriod) -> String {
        "\(period.name), years \(period.yearGroups.map(String.init).joined(separator: ", ")), \(period.start.iso) to \(period.end.iso)"
    }

    static func describe(_ day: ReligiousDay) -> String {
        "\(day.name) (\(day.religion)), \(day.date.iso)"
    }
}
