import Foundation
import Logging
import PostgresNIO

/// Owns the pool of connections to one PostgreSQL database and its schema, as `AppDatabase`
/// owns the SQLite file. Several server processes may share the database: each write runs
/// SERIALIZABLE and is tried again when PostgreSQL finds it raced another (SQLSTATE 40001,
/// 40P01), so two processes behave as SQLite's single writer does, one write after another.
public final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    private init(client: PostgresClient, logger: Logger, started: CheckedContinuation<Void, Never>) {
        self.client = client
        self.logger = logger
        running = Task {
            started.resume()
            await client.run()
        }
    }

    /// Connects, checks the server answers, and brings the schema up to date.
    public static func open(_ url: PostgresURL, migrating: Bool = true,
                            logger: Logger = Logger(label: "leave-portal.postgres")) async throws -> PostgresDatabase {
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger)
        var made: PostgresDatabase?
        await withCheckedContinuation { started in made = PostgresDatabase(client: client, logger: logger, started: started) }
        // The pool starts as `run()` begins, just after; a connection asked for sooner is only logged as early.
        try await Task.sleep(for: .milliseconds(2))
        guard let database = made else { throw StoreError.corrupt("the PostgreSQL client did not start") }
        do {
            if migrating { _ = try await database.migrate() } else { _ = try await database.outsideTransaction { sql in try await sql.execute("SELECT 1") } }
            return database
        } catch {
            await database.close()
            throw error
        }
    }

    public func close() async {
        running.cancel()
        await running.value
    }

    /// A consistent view for several statements: REPEATABLE READ, read-only.
    @discardableResult
    func read<Result: Sendable>(_ body: (PostgresSQL) async throws -> Result) async throws -> Result {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// One transaction, all or nothing, as if no other process wrote meanwhile.
    @discardableResult
    func write<Result: Sendable>(_ body: (PostgresSQL) async throws -> Result) async throws -> Result {
        try await retrying { try await transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", body) }
    }

    /// One transaction in which each statement sees what others have committed (READ COMMITTED):
    /// for a single statement that is atomic alone (a session saved, the heartbeat), where
    /// SERIALIZABLE would only add conflicts; and, with `lock`, for long work that takes turns
    /// under an advisory lock instead (a school's register import), so it is not re-run whole
    /// because a parent signed in meanwhile.
    @discardableResult
    func writeCommitted<Result: Sendable>(lock: Int64? = nil, _ body: (PostgresSQL) async throws -> Result) async throws -> Result {
        try await retrying {
            try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED") { sql in
                if let lock { try await sql.execute("SELECT pg_advisory_xact_lock(?)", [lock]) }
                return try await body(sql)
            }
        }
    }

    private func retrying<Result: Sendable>(_ work: () async throws -> Result) async throws -> Result {
        var attempt = 0
        while true {
            do {
                return try await work()
            } catch let error as PSQLError where attempt < 8 && Self.isRace(error) {
                attempt += 1
                // A short, growing, random pause, so two racing processes do not race again.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 << min(attempt, 5)))))
            }
        }
    }

    /// Runs statements with no values in one transaction: for benchmarks' ceilings and tools.
    public func execute(_ statements: [String]) async throws {
        try await write { sql in for statement in statements { try await sql.execute(statement) } }
    }

    /// Statements PostgreSQL refuses inside a transaction (CREATE DATABASE).
    func outsideTransaction<Result: Sendable>(_ body: (PostgresSQL) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in try await body(PostgresSQL(connection: connection, logger: logger)) }
    }

    private func transaction<Result: Sendable>(_ begin: String, _ body: (PostgresSQL) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            let sql = PostgresSQL(connection: connection, logger: logger)
            try await sql.execute(begin)
            do {
                let result = try await body(sql)
                try await sql.execute("COMMIT")
                return result
            } catch {
                _ = try? await sql.execute("ROLLBACK")
                throw error
            }
        }
    }

    static func isRace(_ error: PSQLError) -> Bool {
        let state = error.serverInfo?[.sqlState]
        return state == "40001" || state == "40P01"
    }

    /// A unique constraint refused a row; with `constraint`, that one only (named as PostgreSQL
    /// names it: `table_column_key`, in lower case).
    static func isUniqueViolation(_ error: any Error, of constraint: String? = nil) -> Bool {
        guard let info = (error as? PSQLError)?.serverInfo, info[.sqlState] == "23505" else { return false }
        return constraint == nil || info[.constraintName] == constraint
    }

    // MARK: Migrations

    /// Applies the migrations not yet applied, in order, and gives their names. Under an advisory
    /// lock in one transaction: a second server starting at the same moment waits, then finds
    /// nothing left to do; a migration that fails leaves the schema as it was.
    @discardableResult
    public func migrate() async throws -> [String] {
        // READ COMMITTED, not SERIALIZABLE: a server that waited on the lock must see what the
        // first one committed meanwhile, which a snapshot taken before the wait would hide.
        try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED") { sql in
            try await sql.execute("SELECT pg_advisory_xact_lock(7243019)")
            try await sql.execute("CREATE TABLE IF NOT EXISTS leaveMigration (name text PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try await sql.rows("SELECT name FROM leaveMigration").map { try $0[0, String.self] })
            var done: [String] = []
            for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                for statement in migration.statements { try await sql.execute(statement) }
                try await sql.execute("INSERT INTO leaveMigration (name) VALUES (?)", [migration.name])
                done.append(migration.name)
            }
            return done
        }
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        let names = try await read { sql in try await sql.rows("SELECT name FROM leaveMigration").map { try $0[0, String.self] } }
        // In the order they are declared: several applied together share one moment.
        let position = Dictionary(PostgresMigrations.all.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return names.sorted { (position[$0] ?? .max, $0) < (position[$1] ?? .max, $1) }
    }
}

/// PostgreSQL's migrations, named and append-only like SQLite's: a released migration is never
/// edited; a change is a new one at the end.
enum PostgresMigrations {
    struct Migration {
        let name: String
        let statements: [String]
    }

    static let all: [Migration] = [
        Migration(name: "v1 the portal's tables, as SQLite's v27 left them", statements: PostgresSchema.version1),
        // SQLite's v28.
        Migration(name: "v2 sign-in attempts, shared by every server", statements: [
            "CREATE TABLE signInAttempt (\(PostgresSchema.identity), key text NOT NULL, at timestamptz NOT NULL)",
            "CREATE INDEX signInAttempt_key ON signInAttempt(key, at)",
            "CREATE INDEX signInAttempt_at ON signInAttempt(at)",
        ]),
        // SQLite's v31.
        Migration(name: "v3 accounts by school and role", statements: [
            "CREATE INDEX account_school_role ON account(schoolId, role)",
        ]),
    ]
}
