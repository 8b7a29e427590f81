import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: ActivityStore {
    public func recordActivity(_ activity: SchoolActivity) async throws {
        try await writer.write { db in try Self.record(activity, in: db) }
    }

    public func activity(schoolID: Int64, limit: Int) async throws -> [SchoolActivity] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM activity WHERE schoolId = ? ORDER BY id DESC LIMIT ?",
                             arguments: [schoolID, max(0, min(limit, 1_000))]).compactMap { row in
                guard let action = SchoolActivity.Action(rawValue: row["action"]) else { return nil }
                var actor: Actor?
                if let id: Int64 = row["actorId"], let role = (row["actorRole"] as String?).flatMap(Role.init(rawValue:)) {
                    actor = Actor(accountID: id, name: row["actorName"] ?? "", role: role)
                }
                return SchoolActivity(schoolID: row["schoolId"], actor: actor, action: action, at: row["at"], detail: row["detail"])
            }
        }
    }

    /// Written inside the caller's transaction, so a change and its line are kept together or not at all.
    static func record(_ activity: SchoolActivity, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO activity (schoolId, at, actorId, actorName, actorRole, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [activity.schoolID, activity.at, activity.actor?.accountID, activity.actor?.name,
                             activity.actor?.role.rawValue, activity.action.rawValue, activity.detail])
    }

    /// Proves the database takes writes (a full disk, a read-only file): what `/health` asks.
    public func takesWrites(at: Date) async -> Bool {
        (try? await writer.write { db in
            try db.execute(sql: "INSERT INTO heartbeat (id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at", arguments: [at])
        }) != nil
    }
}
