import Foundation
import LeaveCore

extension PostgresStore: ActivityStore, StoreHealth {
    public func recordActivity(_ activity: SchoolActivity) async throws {
        try await database.write { sql in try await Self.record(activity, in: sql) }
    }

    public func activity(schoolID: Int64, limit: Int) async throws -> [SchoolActivity] {
        try await database.read { sql in
            try await sql.rows("SELECT * FROM activity WHERE schoolId = ? ORDER BY id DESC LIMIT ?", [schoolID, max(0, min(limit, 1_000))])
                .compactMap { row in
                    guard let action = SchoolActivity.Action(rawValue: try row["action", String.self]) else { return nil }
                    var actor: Actor?
                    if let id = try row.optional("actorId", Int64.self), let role = try row.optional("actorRole", String.self).flatMap(Role.init(rawValue:)) {
                        actor = Actor(accountID: id, name: try row.optional("actorName", String.self) ?? "", role: role)
                    }
                    return SchoolActivity(schoolID: try row.optional("schoolId", Int64.self), actor: actor, action: action,
                                          at: try row["at", Date.self], detail: try row["detail", String.self])
                }
        }
    }

    /// Written inside the caller's transaction, so a change and its line are kept together or not at all.
    static func record(_ activity: SchoolActivity, in sql: PostgresSQL) async throws {
        try await sql.execute("""
            INSERT INTO activity (schoolId, at, actorId, actorName, actorRole, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [activity.schoolID, activity.at, activity.actor?.accountID, activity.actor?.name,
                  activity.actor?.role.rawValue, activity.action.rawValue, activity.detail])
    }

    public func isHealthy() async -> Bool {
        (try? await database.read { sql in try await sql.value(Int64.self, "SELECT 1") }) == 1
    }

    /// Proves the database takes writes (a full disk, a replica promoted wrongly, a read-only role).
    public func takesWrites(at: Date) async -> Bool {
        (try? await database.writeCommitted { sql in
            try await sql.execute("INSERT INTO heartbeat (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at", [at])
        }) != nil
    }
}
