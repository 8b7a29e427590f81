import Foundation
import LeaveCore

extension PostgresStore: LunchtimeStore {
    public func lunchtime(schoolID: Int64, on date: SchoolDate) async throws -> [LunchtimeDay] {
        try await database.read { sql in
            let signOuts = try await sql.rows("SELECT * FROM lunchtimeSignOut WHERE schoolId = ? AND date = ?", [schoolID, date.iso]).map { row in
                LunchtimeSignOut(requestID: try row["requestId", Int64.self], date: date, outAt: try row["outAt", Date.self],
                                 collectedBy: try row["collectedBy", String.self], outByName: try row["outByName", String.self],
                                 dueBackMinutes: Int(try row["dueBackMinutes", Int64.self]), inAt: try row.optional("inAt", Date.self),
                                 inByName: try row.optional("inByName", String.self))
            }
            let byRequest = Dictionary(signOuts.map { ($0.requestID, $0) }, uniquingKeysWith: { first, _ in first })
            let running = try await sql.rows("""
                SELECT id FROM leaveRequest WHERE schoolId = ? AND status = ? AND kind = ? AND startDate <= ? AND endDate >= ?
                """, [schoolID, RequestStatus.granted.rawValue, LeaveKind.lunchtime.rawValue, date.iso, date.iso]).map { try $0[0, Int64.self] }
            let ids = Array(Set(running).union(byRequest.keys))
            return try await Self.withPupils(sql, ids: ids)
                .sorted { ($0.pupil.surname, $0.pupil.forename, $0.request.id) < ($1.pupil.surname, $1.pupil.forename, $1.request.id) }
                .map { LunchtimeDay(item: $0, signOut: byRequest[$0.request.id]) }
        }
    }

    public func lunchtimeToStop(parentID: Int64) async throws -> [LeaveRequest] {
        try await database.read { sql in
            try await sql.records(LeaveRequestRecord.self, "SELECT * FROM leaveRequest WHERE parentId = ? AND kind = ? AND status IN (?, ?) ORDER BY id",
                                  [parentID, LeaveKind.lunchtime.rawValue, RequestStatus.awaitingDecision.rawValue, RequestStatus.granted.rawValue])
                .map { try $0.request() }
        }
    }

    public func signOutAtLunchtime(requestID: Int64, schoolID: Int64, on date: SchoolDate, collectedBy: String, dueBackMinutes: Int,
                                   by actor: Actor, at: Date) async throws {
        do {
            try await database.write { sql in
                guard let pupilID = try await sql.value(Int64.self, "SELECT pupilId FROM leaveRequest WHERE id = ? AND schoolId = ?",
                                                        [requestID, schoolID])
                else { throw StoreError.notFound }
                // Once a day per child, even with two permissions that both run today. Two offices at
                // once: SERIALIZABLE makes the later one run again and find the first's row here.
                if try await sql.row("SELECT 1 FROM lunchtimeSignOut WHERE pupilId = ? AND date = ?", [pupilID, date.iso]) != nil {
                    throw StoreError.alreadyDone
                }
                try await sql.execute("""
                    INSERT INTO lunchtimeSignOut (schoolId, requestId, pupilId, date, outAt, collectedBy, outByName, dueBackMinutes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [schoolID, requestID, pupilID, date.iso, at, collectedBy, actor.name, dueBackMinutes])
                try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .lunchtimeSignedOut, at: at,
                                                     detail: "pupil \(pupilID) (request \(requestID)), collected by \(collectedBy)"), in: sql)
            }
        } catch where PostgresDatabase.isUniqueViolation(error) {
            // The same permission signed out by two offices at once (UNIQUE (requestId, date)): the later finds it done.
            throw StoreError.alreadyDone
        }
    }

    public func signInAfterLunchtime(requestID: Int64, schoolID: Int64, on date: SchoolDate, by actor: Actor, at: Date) async throws {
        try await database.write { sql in
            guard let row = try await sql.row("SELECT id, pupilId, inAt FROM lunchtimeSignOut WHERE requestId = ? AND schoolId = ? AND date = ?",
                                              [requestID, schoolID, date.iso])
            else { throw StoreError.notFound }
            guard row.isNull(2) else { throw StoreError.alreadyDone }
            let signOutID = try row[0, Int64.self]
            let pupilID = try row[1, Int64.self]
            try await sql.execute("UPDATE lunchtimeSignOut SET inAt = ?, inByName = ? WHERE id = ?", [at, actor.name, signOutID])
            try await Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .lunchtimeSignedIn, at: at,
                                                 detail: "pupil \(pupilID) (request \(requestID))"), in: sql)
        }
    }
}
