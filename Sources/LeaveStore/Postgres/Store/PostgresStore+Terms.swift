import Foundation
import LeaveCore

extension PostgresStore: TermEditing {
    public func terms(schoolID: Int64) async throws -> [StoredTerm] {
        try await database.read { sql in
            try await sql.records(TermRecord.self, "SELECT * FROM term WHERE schoolId = ? ORDER BY startDate", [schoolID]).compactMap { record in
                guard let id = record.id, let term = record.term else { return nil }
                return StoredTerm(id: id, term: term)
            }
        }
    }

    public func closures(schoolID: Int64) async throws -> [StoredClosure] {
        try await database.read { sql in
            try await sql.records(ClosureRecord.self, "SELECT * FROM closure WHERE schoolId = ? ORDER BY date", [schoolID]).compactMap { record in
                guard let id = record.id, let closure = record.closure else { return nil }
                return StoredClosure(id: id, closure: closure)
            }
        }
    }

    public func removeTerm(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let term = try await sql.record(TermRecord.self, "SELECT * FROM term WHERE id = ? AND schoolId = ?", [id, schoolID])?.term
            else { return }
            try await sql.execute("DELETE FROM term WHERE id = ? AND schoolId = ?", [id, schoolID])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                                 detail: "term removed: \(term.name), \(term.start.iso) to \(term.end.iso)"), in: sql)
        }
    }

    public func removeClosure(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let closure = try await sql.record(ClosureRecord.self, "SELECT * FROM closure WHERE id = ? AND schoolId = ?", [id, schoolID])?.closure
            else { return }
            try await sql.execute("DELETE FROM closure WHERE id = ? AND schoolId = ?", [id, schoolID])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                                 detail: "closure removed: \(closure.name), \(closure.date.iso)"), in: sql)
        }
    }
}
