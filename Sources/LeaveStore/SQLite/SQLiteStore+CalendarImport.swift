import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: CalendarImportStore {
    public func previewCalendar(terms: [Term], closures: [Closure], schoolID: Int64) async throws -> CalendarPlan {
        try await writer.read { db in try Self.plan(terms: terms, closures: closures, schoolID: schoolID, in: db) }
    }

    public func importCalendar(terms: [Term], closures: [Closure], schoolID: Int64, by actor: Actor?, at: Date) async throws -> CalendarChanges {
        try await writer.write { db in
            // Planned inside the transaction that writes, so what is written is what was found.
            let plan = try Self.plan(terms: terms, closures: closures, schoolID: schoolID, in: db)
            for term in plan.termsToAdd {
                try db.execute(sql: "INSERT INTO term (schoolId, name, startDate, endDate) VALUES (?, ?, ?, ?)",
                               arguments: [schoolID, term.name, term.start.iso, term.end.iso])
            }
            for term in plan.termsToUpdate {
                try db.execute(sql: "UPDATE term SET name = ?, endDate = ? WHERE schoolId = ? AND startDate = ?",
                               arguments: [term.name, term.end.iso, schoolID, term.start.iso])
            }
            for closure in plan.closuresToAdd {
                try db.execute(sql: "INSERT INTO closure (schoolId, date, kind, name) VALUES (?, ?, ?, ?)",
                               arguments: [schoolID, closure.date.iso, closure.kind.rawValue, closure.name])
            }
            for closure in plan.closuresToUpdate {
                try db.execute(sql: "UPDATE closure SET kind = ?, name = ? WHERE schoolId = ? AND date = ?",
                               arguments: [closure.kind.rawValue, closure.name, schoolID, closure.date.iso])
            }
            for line in plan.lines {
                try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at, detail: line), in: db)
            }
            return plan.changes
        }
    }

    /// What a file would change: each term by its first day and each closure by its date, new
    /// or different; what is already there as the file says is left alone.
    static func plan(terms: [Term], closures: [Closure], schoolID: Int64, in db: Database) throws -> CalendarPlan {
        var plan = CalendarPlan()
        for term in terms {
            if let row = try Row.fetchOne(db, sql: "SELECT name, endDate FROM term WHERE schoolId = ? AND startDate = ?",
                                          arguments: [schoolID, term.start.iso]) {
                let (name, end): (String, String) = (row["name"], row["endDate"])
                guard name != term.name || end != term.end.iso else { continue }
                plan.termsToUpdate.append(term)
                plan.lines.append("Term from \(term.start.longForm) changed: \(name) to \(SchoolDate(iso: end)?.longForm ?? end) → \(term.name) to \(term.end.longForm)")
            } else {
                plan.termsToAdd.append(term)
                plan.lines.append("Term added: \(term.name), \(term.start.longForm) to \(term.end.longForm)")
            }
        }
        for closure in closures {
            if let row = try Row.fetchOne(db, sql: "SELECT kind, name FROM closure WHERE schoolId = ? AND date = ?",
                                          arguments: [schoolID, closure.date.iso]) {
                let (kind, name): (String, String) = (row["kind"], row["name"])
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
