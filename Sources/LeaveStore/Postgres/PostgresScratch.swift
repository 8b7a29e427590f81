import Foundation

/// A database made for one test or benchmark on a PostgreSQL server and dropped after it: the
/// server's URL names any database the user may connect to, to create and drop the new one from.
public enum PostgresScratch {
    public static func with<Result: Sendable>(server: PostgresURL, migrating: Bool = true,
                                              _ body: (PostgresDatabase, PostgresURL) async throws -> Result) async throws -> Result {
        let name = "leave_scratch_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
        let admin = try await PostgresDatabase.open(server, migrating: false)
        try await admin.outsideTransaction { sql in try await sql.execute("CREATE DATABASE \(name)") }
        let url = server.with(database: name)
        do {
            let database = try await PostgresDatabase.open(url, migrating: migrating)
            let result: Result
            do {
                result = try await body(database, url)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            try await admin.outsideTransaction { sql in try await sql.execute("DROP DATABASE \(name) WITH (FORCE)") }
            await admin.close()
            return result
        } catch {
            _ = try? await admin.outsideTransaction { sql in try await sql.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            await admin.close()
            throw error
        }
    }
}
