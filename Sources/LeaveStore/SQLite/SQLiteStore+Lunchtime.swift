import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: LunchtimeStore {
    public func lunchtime(schoolID: Int64, on date: SchoolDate) async throws -> [LunchtimeDay] {
        try await writer.read { db in
            let signOuts = try Row.fetchAll(db, sql: "SELECT * FROM lunchtimeSignOut WHERE schoolId = ? AND date = ?",
                                            arguments: [schoolID, date.iso]).map { row in
                LunchtimeSignOut(requestID: row["requestId"], date: date, outAt: row["outAt"], collectedBy: row["collectedBy"],
                                 outByName: row["outByName"], dueBackMinutes: row["dueBackMinutes"], inAt: row["inAt"], inByName: row["inByName"])
            }
            let byRequest = Dictionary(signOuts.map { ($0.requestID, $0) }, uniquingKeysWith: { first, _ in first })
            let running = try Int64.fetchAll(db, sql: """
                SELECT id FROM leaveRequest WHERE schoolId = ? AND status = ? AND kind = ? AND startDate <= ? AND endDate >= ?
                """, arguments: [schoolID, RequestStatus.granted.rawValue, LeaveKind.lunchtime.rawValue, date.iso, date.iso])
            let ids = Array(Set(running).union(byRequest.keys))
            return try Self.withPupils(db, ids: ids)
                .sorted { ($0.pupil.surname, $0.pupil.forename, $0.request.id) < ($1.pupil.surname, $1.pupil.forename, $1.request.id) }
                .map { LunchtimeDay(item: $0, signOut: byRequest[$0.request.id]) }
        }
    }

    public func lunchtimeToStop(parentID: Int64) async throws -> [LeaveRequest] {
        try await writer.read { db in
            try LeaveRequestRecord.filter(
                Column("parentId") == parentID && Column("kind") == LeaveKind.lunchtime.rawValue
                    && [RequestStatus.awaitingDecision.rawValue, RequestStatus.granted.rawValue].contains(Column("status"))
            ).order(Column("id")).fetchAll(db).map { try $0.request() }
        }
    }

    public func signOutAtLunchtime(requestID: Int64, schoolID: Int64, on date: SchoolDate, collectedBy: String, dueBackMinutes: Int,
                                   by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let pupilID = try Int64.fetchOne(db, sql: "SELECT pupilId FROM leaveRequest WHERE id = ? AND schoolId = ?",
                                                   arguments: [requestID, schoolID])
            else { throw StoreError.notFound }
            // Once a day per child, even with two permissions that both run today.
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM lunchtimeSignOut WHERE pupilId = ? AND date = ?", arguments: [pupilID, date.iso]) == true {
                throw StoreError.alreadyDone
            }
            try db.execute(sql: """
                INSERT INTO lunchtimeSignOut (schoolId, requestId, pupilId, date, outAt, collectedBy, outByName, dueBackMinutes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [schoolID, requestID, pupilID, date.iso, at, collectedBy, actor.name, dueBackMinutes])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .lunchtimeSignedOut, at: at,
                                           detail: "pupil \(pupilID) (request \(requestID)), collected by \(collectedBy)"), in: db)
        }
    }

    public func signInAfterLunchtime(requestID: Int64, schoolID: Int64, on date: SchoolDate, by actor: Actor, at: Date) async throws {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, pupilId, inAt FROM lunchtimeSignOut WHERE requestId = ? AND schoolId = ? AND date = ?",
                                             arguments: [requestID, schoolID, date.iso])
            else { throw StoreError.notFound }
            guard (row["inAt"] as Date?) == nil else { throw StoreError.alreadyDone }
            try db.execute(sql: "UPDATE lunchtimeSignOut SET inAt = ?, inByName = ? WHERE id = ?", arguments: [at, actor.name, row["id"] as Int64])
            try Self.record(SchoolActivity(schoolID: schoolID, actor: actor, action: .lunchtimeSignedIn, at: at,
                                           detail: "pupil \(row["pupilId"] as Int64) (request \(requestID))"), in: db)
        }
    }
}
