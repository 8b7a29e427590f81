import Foundation
import LeaveCore

extension PostgresStore: CalendarImportStore {
    public func previewCalendar(terms: [Term], closures: [Closure], schoolID: Int64) async throws -> CalendarPlan {
        try await database.read { sql in try await Self.plan(terms: terms, closures: closures, schoolID: schoolID, in: sql) }
    }

    public func importCalendar(terms: [Term], closures: [Closure], schoolID: Int64, by actor: Actor?, at: Date) async throws -> CalendarChanges {
        try await database.write { sql in
            // Planned inside the transaction that writes, so what is written is what was found.
            let plan = try await Self.plan(terms: terms, closures: closures, schoolID: schoolID, in: sql)
            for term in plan.termsToAdd {
                try await sql.execute("INSERT INTO term (schoolId, name, startDate, endDate) VALUES (?, ?, ?, ?)",
                                      [schoolID, term.name, term.start.iso, term.end.iso])
            }
            for term in plan.termsToUpdate {
                try await sql.execute("UPDATE term SET name = ?, endDate = ? WHERE schoolId = ? AND startDate = ?",
                                      [term.name, term.end.iso, schoolID, term.start.iso])
            }
            for closure in plan.closuresToAdd {
                try await sql.execute("INSERT INTO closure (schoolId, date, kind, name) VALUES (?, ?, ?, ?)",
                                      [schoolID, closure.date.iso, closure.kind.rawValue, closure.name])
            }
            for closure in plan.closuresToUpdate {
                try await sql.execute("UPDATE closure SET kind = ?, name = ? WHERE schoolId = ? AND date = ?",
                                      [closure.kind.rawValue, closure.name, schoolID, closure.date.iso])
            }
            for line in plan.lines {
                try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at, detail: line), in: sql)
            }
            return plan.changes
        }
    }

    /// What a file would change: each term by its first day and each closure by its date, new
    /// or different; what is already there as the file says is left alone.
    static func plan(terms: [Term], closures: [Closure], schoolID: Int64, in sql: PostgresSQL) async throws -> CalendarPlan {
        var plan = CalendarPlan()
        for term in terms {
            if let row = try await sql.row("SELECT name, endDate FROM term WHERE schoolId = ? AND startDate = ?",
                                           [schoolID, term.start.iso]) {
                let name = try row[0, String.self], end = try row[1, String.self]
                guard name != term.name || end != term.end.iso else { continue }
                plan.termsToUpdate.append(term)
                plan.lines.append("Term from \(term.start.longForm) changed: \(name) to \(SchoolDate(iso: end)?.longForm ?? end) → \(term.name) to \(term.end.longForm)")
            } else {
                plan.termsToAdd.append(term)
                plan.lines.append("Term added: \(term.name), \(term.start.longForm) to \(term.end.longForm)")
            }
        }
        for closure in closures {
            if let row = try await sql.row("SELECT kind, name FROM closure WHERE schoolId = ? AND date = ?",
                                           [schoolID, closure.date.iso]) {
                let kind = try row[0, String.self], name = try row[1, String.self]
                guard kind != closure.kind.rawValue || name != closure.name else { continue }
                plan.closuresToUpdate.append(closure)
                plan.lines.append("Closure on \(closure.date.longForm) changed: \(name) → \(closure.name)")
            } else {
                plan.closuresToAdd.append(closure)
                plan.lines.append("Closure added: \(closure.name), \(closure.date.longForm)")
            }
        }
        return plan
    }
}
