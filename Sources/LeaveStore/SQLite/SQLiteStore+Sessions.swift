import Foundation
import GRDB
import LeaveCore

extension SQLiteStore: WebSessionStore {
    public func sessionValue(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        try await writer.read { db in try Self.sessionValue(db, key: key, now: now) }
    }

    public func session<Session: Sendable>(key: String, now: Date, decode: @escaping @Sendable (Data) throws -> (session: Session, accountID: Int64))
        async throws -> StoredSession<Session>? {
        try await writer.read { db in
            guard let (value, expiresAt) = try Self.sessionValue(db, key: key, now: now) else { return nil }
            let (session, accountID) = try decode(value)
            let account = try Self.account(db, id: accountID)
            return StoredSession(session: session, expiresAt: expiresAt, account: account,
                                 children: account?.role == .parent ? try Self.children(db, ofParent: accountID) : [])
        }
    }

    static func sessionValue(_ db: Database, key: String, now: Date) throws -> (value: Data, expiresAt: Date?)? {
        // Every signed-in page starts here, so the statement is prepared once.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT value, expiresAt FROM webSession WHERE key = ?"), arguments: [key])
        else { return nil }
        let expires: Double? = row["expiresAt"]
        if let expires, expires <= now.timeIntervalSince1970 { return nil }
        return (row["value"], expires.map { Date(timeIntervalSince1970: $0) })
    }

    /// Committed without waiting for the disk (synchronous NORMAL, for this transaction only): a
    /// session's draft answers survive the process being killed, as WAL keeps every commit, and
    /// only a power cut in the moment after could lose the last page's answers. Submissions and
    /// decisions are committed with FULL, so what is acknowledged as sent or decided is never lost.
    ///
    /// Run in a task of its own, which a cancelled request does not cancel: GRDB makes every
    /// statement of a cancelled task throw, and the pragma that puts the writer back to FULL
    /// must never be one of them.
    public func setSessionValue(key: String, value: Data, expiresAt: Date?, keepExpiry: Bool, now: Date) async throws {
        let writer = writer
        try await Task {
            try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                try db.inTransaction {
                    try Self.setSessionValue(db, key: key, value: value, expiresAt: expiresAt, keepExpiry: keepExpiry, now: now)
                    return .commit
                }
            }
        }.value
    }

    static func setSessionValue(_ db: Database, key: String, value: Data, expiresAt: Date?, keepExpiry: Bool, now: Date) throws {
        if keepExpiry {
            // Only a session that still exists is updated: one ended meanwhile (a new sign-in,
            // a sign-out) must not come back through a request still in flight.
            try db.cachedStatement(sql: "UPDATE webSession SET value = ? WHERE key = ?").execute(arguments: [value, key])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO webSession (key, value, expiresAt) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, expiresAt = excluded.expiresAt
                """).execute(arguments: [key, value, expiresAt?.timeIntervalSince1970])
        }
        // Expired sessions go as new ones arrive, so the table never grows without bound.
        try db.cachedStatement(sql: "DELETE FROM webSession WHERE expiresAt IS NOT NULL AND expiresAt < ?")
            .execute(arguments: [now.timeIntervalSince1970])
    }

    public func removeSessionValue(key: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM webSession WHERE key = ?", arguments: [key])
        }
    }
}
