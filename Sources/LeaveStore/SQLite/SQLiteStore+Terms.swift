import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: TermEditing {
    public func terms(schoolID: Int64) async throws -> [StoredTerm] {
        try await writer.read { db in
            try TermRecord.filter(Column("schoolId") == schoolID).order(Column("startDate")).fetchAll(db).compactMap { record in
                guard let id = record.id, let term = record.term else { return nil }
                return StoredTerm(id: id, term: term)
            }
        }
    }

    public func closures(schoolID: Int64) async throws -> [StoredClosure] {
        try await writer.read { db in
            try ClosureRecord.filter(Column("schoolId") == schoolID).order(Column("date")).fetchAll(db).compactMap { record in
                guard let id = record.id, let closure = record.closure else { return nil }
                return StoredClosure(id: id, closure: closure)
            }
        }
    }

    public func removeTerm(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let term = try TermRecord.filter(Column("id") == id && Column("schoolId") == schoolID).fetchOne(db)?.term else { return }
            try db.execute(sql: "DELETE FROM term WHERE id = ? AND schoolId = ?", arguments: [id, schoolID])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                           detail: "term removed: \(term.name), \(term.start.iso) to \(term.end.iso)"), in: db)
        }
    }

    public func removeClosure(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let closure = try ClosureRecord.filter(Column("id") == id && Column("schoolId") == schoolID).fetchOne(db)?.closure else { return }
            try db.execute(sql: "DELETE FROM closure WHERE id = ? AND schoolId = ?", arguments: [id, schoolID])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .calendarChanged, at: at,
                                           detail: "closure removed: \(closure.name), \(closure.date.iso)"), in: db)
        }
    }
}
