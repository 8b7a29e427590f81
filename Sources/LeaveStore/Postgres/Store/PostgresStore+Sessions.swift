import Foundation
import LeaveCore

extension PostgresStore: WebSessionStore {
    public func sessionValue(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        try await database.read { sql in try await Self.sessionValue(sql, key: key, now: now) }
    }

    public func session<Session: Sendable>(key: String, now: Date, decode: @escaping @Sendable (Data) throws -> (session: Session, accountID: Int64))
        async throws -> StoredSession<Session>? {
        try await database.read { sql in
            guard let (value, expiresAt) = try await Self.sessionValue(sql, key: key, now: now) else { return nil }
            let (session, accountID) = try decode(value)
            let account = try await Self.account(sql, id: accountID)
            return StoredSession(session: session, expiresAt: expiresAt, account: account,
                                 children: account?.role == .parent ? try await Self.children(sql, ofParent: accountID) : [])
        }
    }

    static func sessionValue(_ sql: PostgresSQL, key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        guard let row = try await sql.row("SELECT value, expiresAt FROM webSession WHERE key = ?", [key]) else { return nil }
        let expires = try row.optional(1, Double.self)
        if let expires, expires <= now.timeIntervalSince1970 { return nil }
        return (try row[0, Data.self], expires.map { Date(timeIntervalSince1970: $0) })
    }

    public func setSessionValue(key: String, value: Data, expiresAt: Date?, keepExpiry: Bool, now: Date) async throws {
        try await database.writeCommitted { sql in
            if keepExpiry {
                // Only a session that still exists is updated: one ended meanwhile (a new sign-in,
                // a sign-out, on this server process or another) must not come back.
                try await sql.execute("UPDATE webSession SET value = ? WHERE key = ?", [value, key])
            } else {
                try await sql.execute("""
                    INSERT INTO webSession (key, value, expiresAt) VALUES (?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, expiresAt = excluded.expiresAt
                    """, [key, value, expiresAt?.timeIntervalSince1970])
            }
            try await sql.execute("DELETE FROM webSession WHERE expiresAt IS NOT NULL AND expiresAt < ?", [now.timeIntervalSince1970])
        }
    }

    public func removeSessionValue(key: String) async throws {
        try await database.writeCommitted { sql in try await sql.execute("DELETE FROM webSession WHERE key = ?", [key]) }
    }
}
