import Foundation
import LeaveCore

/// The made-up demo trust on PostgreSQL: seeded as the SQLite store seeds it, in a temporary
/// SQLite file, and moved across by `StoreCopy`, so there is one seeding to keep right. It
/// needs an empty database, which is where anyone trying the portal on PostgreSQL starts.
extension PostgresStore: DemoSeeding {
    public func loadDemoTrust(today: SchoolDate, passwordHash: @Sendable () -> String) async throws -> DemoTrust.Loaded {
        let exists = try await database.read { sql in
            try await sql.value(Int64.self, "SELECT id FROM trust WHERE name = ?", [DemoTrust.trustName]) != nil
        }
        if !exists {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let seeded = try AppDatabase.open(path: folder.appendingPathComponent("demo.sqlite").path)
            _ = try await DemoTrust.load(into: seeded, today: today, passwordHash: passwordHash)
            do {
                _ = try await StoreCopy.copy(from: seeded, to: database)
            } catch let failure as StoreCopy.Failure {
                // Another server started with --demo at the same moment may have put it there first.
                let arrived = try await database.read { sql in
                    try await sql.value(Int64.self, "SELECT id FROM trust WHERE name = ?", [DemoTrust.trustName]) != nil
                }
                guard arrived else {
                    throw StoreError.corrupt("the demo trust goes only into an empty PostgreSQL database (\(failure.description))")
                }
            }
        }
        // Schools still without pupils: just made, or left so by a start that was stopped.
        let waiting = try await database.read { sql in
            try await sql.records(SchoolRecord.self, """
                SELECT school.* FROM school JOIN trust ON trust.id = school.trustId
                WHERE trust.name = ? AND NOT EXISTS (SELECT 1 FROM pupil WHERE pupil.schoolId = school.id)
                ORDER BY school.id
                """, [DemoTrust.trustName]).map(\.school)
        }
        return DemoTrust.Loaded(logins: try await demoLogins(), newSchools: waiting)
    }

    public func demoLogins() async throws -> [DemoTrust.Login] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT account.email, account.role, school.name AS school,
                       (SELECT COUNT(*) FROM parentPupil WHERE parentPupil.accountId = account.id) AS children
                FROM account JOIN school ON school.id = account.schoolId
                JOIN trust ON trust.id = school.trustId
                WHERE trust.name = ?
                ORDER BY school.id, CASE account.role WHEN 'parent' THEN 1 ELSE 0 END, account.id
                """, [DemoTrust.trustName]).compactMap { row in
                guard let role = Role(rawValue: try row[1, String.self]) else { return nil }
                let children = Int(try row[3, Int64.self])
                return DemoTrust.Login(email: try row[0, String.self], role: role, school: try row[2, String.self],
                                       note: role == .parent ? "\(children) \(children == 1 ? "child" : "children")" : role.title)
            }
        }
    }
}
