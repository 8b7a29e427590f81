import Foundation
import GRDB

extension SQLiteStore: SignInAttemptStore {
    public func reserveSignInAttempt(_ limits: [SignInLimit], window: TimeInterval, now: Date) async throws -> Date? {
        try await writer.write { db in
            let since = now.addingTimeInterval(-window)
            try db.execute(sql: "DELETE FROM signInAttempt WHERE at <= ?", arguments: [since])
            for limit in limits {
                let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(at) FROM signInAttempt WHERE key = ? AND at > ?",
                                           arguments: [limit.key, since])
                if let row, (row[0] as Int) >= limit.limit, let oldest = row[1] as Date? { return oldest.addingTimeInterval(window) }
            }
            for limit in limits {
                try db.execute(sql: "INSERT INTO signInAttempt (key, at) VALUES (?, ?)", arguments: [limit.key, now])
            }
            return nil
        }
    }

    public func forgetSignInAttempts(key: String, newestOf other: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM signInAttempt WHERE key = ?", arguments: [key])
            try db.execute(sql: "DELETE FROM signInAttempt WHERE id = (SELECT id FROM signInAttempt WHERE key = ? ORDER BY at DESC, id DESC LIMIT 1)",
                           arguments: [other])
        }
    }

    public func signInAttemptCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signInAttempt") ?? 0 }
    }
}
