import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: CalendarImportStore {
    public func importCalendar(terms: [Term], closures: [Closure], schoolID: Int64, by actor: Actor?, at: Date) async throws -> CalendarChanges {
        try await writer.write { db in
            var changes = CalendarChanges()
            var lines: [String] = []
            for term in terms {
                if let row = try Row.fetchOne(db, sql: "SELECT name, endDate FROM term WHERE schoolId = ? AND startDate = ?",
                                              arguments: [schoolID, term.start.iso]) {
                    let (name, end): (String, String) = (row["name"], row["endDate"])
                    guard name != term.name || end != term.end.iso else { continue }
                    try db.execute(sql: "UPDATE term SET name = ?, endDate = ? WHERE schoolId = ? AND startDate = ?",
                                   arguments: [term.name, term.end.iso, schoolID, term.start.iso])
                    changes.terms.updated += 1
                    lines.append("term from \(term.start.iso): \(name) to \(end) → \(term.name) to \(term.end.iso)")
                } else {
                    try db.execute(sql: "INSERT INTO term (schoolId, name, startDate, endDate) VALUES (?, ?, ?, ?)",
                                   arguments: [schoolID, term.name, term.start.iso, term.end.iso])
                    changes.terms.added += 1
                    lines.append("term added: \(term.name), \(term.start.iso) to \(term.end.iso)")
                }
            }
            for closure in closures {
                if let row = try Row.fetchOne(db, sql: "SELECT kind, name FROM closure WHERE schoolId = ? AND date = ?",
                                              arguments: [schoolID, closure.date.iso]) {
                    let (kind, name): (String, String) = (row["kind"], row["name"])
                    guard kind != closure.kind.rawValue || name != closure.name else { continue }
                    try db.execute(sql: "UPDATE closure SET kind = ?, name = ? WHERE schoolId = ? AND date = ?",
                                   arguments: [closure.kind.rawValue, closure.name, schoolID, closure.date.iso])
                    changes.closures.updated += 1
                    lines.append("closure on \(closure.date.iso): \(name) → \(closure.name)")
                } else {
                    try db.execute(sql: "INSERT INTO closure (schoolId, date, kind, name) VALUES (?, ?, ?, ?)",
                                   arguments: [schoolID, closure.date.iso, closure.kind.rawValue, closure.name])
                    changes.closures.added += 1
                    lines.append("closure added: \(closure.name), \(closure.date.iso)")
                }
            }
            for line in lines {
                try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at, detail: line), in: db)
            }
            return changes
        }
    }
}
