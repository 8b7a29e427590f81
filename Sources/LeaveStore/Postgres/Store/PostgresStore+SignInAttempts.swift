import Foundation

extension PostgresStore: SignInAttemptStore {
    /// SERIALIZABLE: two servers counting the same guesser at the same moment are put one after
    /// the other (the later one is tried again and sees the first's attempt).
    public func reserveSignInAttempt(_ limits: [SignInLimit], window: TimeInterval, now: Date) async throws -> Date? {
        try await database.write { sql in
            let since = now.addingTimeInterval(-window)
            try await sql.execute("DELETE FROM signInAttempt WHERE at <= ?", [since])
            for limit in limits {
                guard let row = try await sql.row("SELECT COUNT(*), MIN(at) FROM signInAttempt WHERE key = ? AND at > ?", [limit.key, since])
                else { continue }
                if try row[0, Int64.self] >= Int64(limit.limit), let oldest = try row.optional(1, Date.self) { return oldest.addingTimeInterval(window) }
            }
            for limit in limits {
                try await sql.execute("INSERT INTO signInAttempt (key, at) VALUES (?, ?)", [limit.key, now])
            }
            return nil
        }
    }

    public func forgetSignInAttempts(key: String, newestOf other: String) async throws {
        try await database.write { sql in
            try await sql.execute("DELETE FROM signInAttempt WHERE key = ?", [key])
            try await sql.execute("DELETE FROM signInAttempt WHERE id = (SELECT id FROM signInAttempt WHERE key = ? ORDER BY at DESC, id DESC LIMIT 1)",
                                  [other])
        }
    }

    public func signInAttemptCount() async throws -> Int {
        Int(try await database.read { sql in try await sql.value(Int64.self, "SELECT COUNT(*) FROM signInAttempt") } ?? 0)
    }
}
