import ArgumentParser
import Foundation
import LeaveStore

/// `leave-portal migrate`: brings a database's schema up to date without serving, so an
/// operator can do it once, before starting several servers, or check which migrations ran.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the portal's tables in a database, or bring them up to date, and list the migrations applied.",
        discussion: "Safe to run while servers are running, and twice: what is already applied is left alone. "
            + "Servers also migrate when they start.")

    @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
    var database: String?

    func run() async throws {
        let setting = Environment.database(database)
        let location: StoreLocation
        do { location = try StoreLocation(setting) } catch let error as StoreLocationError { throw ValidationError(error.description) }
        switch location {
        case .sqlite(let path):
            let before = FileManager.default.fileExists(atPath: path) ? try AppDatabase.open(path: path).appliedMigrations() : []
            let after = try AppDatabase.open(path: path).appliedMigrations()
            report(applied: after, new: after.filter { !before.contains($0) }, on: "the SQLite database at \(path)")
        case .postgres(let url):
            do {
                let database = try await PostgresDatabase.open(try PostgresURL(url))
                let applied = try await database.appliedMigrations()
                let new = try await database.migrate()
                await database.close()
                report(applied: applied, new: new, on: "the PostgreSQL database \(PostgresURL.withoutPassword(url))")
            } catch let error as StoreLocationError {
                throw ValidationError(error.description)
            } catch {
                FileHandle.standardError.write(Data("leave-portal: cannot migrate \(PostgresURL.withoutPassword(url)): \(StoreDiagnostics.describe(error) ?? "\(error)")\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    private func report(applied: [String], new: [String], on place: String) {
        print(new.isEmpty ? "\(place): up to date, \(applied.count) migrations applied." : "\(place): applied \(new.count) migrations:")
        for name in new { print("  \(name)") }
    }
}

/// `leave-portal copy --from sqlite:FILE --to postgres://…`: moves a school (or a trust) that
/// has outgrown SQLite onto PostgreSQL, checked table by table.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy everything in a SQLite database into an empty PostgreSQL database, checked by counts and checksums.",
        discussion: """
            Stop the portal first: the copy is of the file as it stands when the copy starts. The PostgreSQL database \
            must be empty (made with `leave-portal migrate`, or new); the copy is one transaction, so a copy that \
            fails leaves it empty. Evidence files stay in their folder: give the servers the same --evidence.
            """)

    @Option(help: "The SQLite database to copy: a file or sqlite:PATH.")
    var from: String

    @Option(help: "The PostgreSQL database to copy into: postgres://user@host:5432/db.")
    var to: String

    func run() async throws {
        let source: StoreLocation, target: StoreLocation
        do { (source, target) = (try StoreLocation(from), try StoreLocation(to)) } catch let error as StoreLocationError {
            throw ValidationError(error.description)
        }
        guard case .sqlite(let path) = source else { throw ValidationError("--from must be a SQLite file (or sqlite:PATH)") }
        guard case .postgres(let url) = target else { throw ValidationError("--to must be a postgres:// URL") }
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("there is no SQLite database at \(path)") }
        // A running portal holds this lock; copying under it would copy a moment, not the school.
        guard let lock = DatabaseLock.exclusive(forDatabase: path) else {
            throw ValidationError("the database at \(path) is in use by a running portal; stop it, then copy")
        }
        defer { withExtendedLifetime(lock) {} }
        let database: PostgresDatabase
        do { database = try await PostgresDatabase.open(try PostgresURL(url)) } catch let error as StoreLocationError {
            throw ValidationError(error.description)
        }
        do {
            let started = Date()
            let tables = try await StoreCopy.copy(from: try AppDatabase.open(path: path), to: database)
            await database.close()
            print("Copied \(path) into \(PostgresURL.withoutPassword(url)) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; "
                  + "every table's rows counted and checksummed on both sides:")
            for table in tables where table.rows > 0 {
                print("  \(table.table.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(table.rows).leftPadded(9))  \(table.checksum.prefix(16))")
            }
            print("Start the servers with --database \(PostgresURL.withoutPassword(url)).")
        } catch let failure as StoreCopy.Failure {
            await database.close()
            FileHandle.standardError.write(Data("leave-portal: nothing was copied: \(failure.description)\n".utf8))
            throw ExitCode(1)
        } catch {
            await database.close()
            FileHandle.standardError.write(Data("leave-portal: nothing was copied: \(StoreDiagnostics.describe(error) ?? "\(error)")\n".utf8))
            throw ExitCode(1)
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
