import ArgumentParser
import Foundation
import LeaveCore
import LeaveServices
import LeaveStore

/// `leave-portal backup DIR`: a consistent copy of the database and the evidence files, with a
/// manifest of checksums, taken while the portal runs. `leave-portal restore DIR` puts one back.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database and the evidence files into a new folder, with a manifest of checksums.",
        discussion: "Safe while the portal is running. Restore with `leave-portal restore DIR`.")

    @Argument(help: "A new (or empty) folder for the backup.")
    var folder: String

    @OptionGroup var location: DataLocation

    func run() async throws {
        guard case .sqlite(let path) = try location.store() else { throw ValidationError(DataLocation.postgresBackups) }
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("there is no database at \(path)") }
        do {
            let manifest = try await PortalBackup.backup(database: try AppDatabase.open(path: path), evidence: location.evidenceFolder,
                                                         into: folder, at: Date())
            let bytes = manifest.files.reduce(0) { $0 + $1.size }
            print("Backed up the database and \(manifest.files.count - 1) evidence files (\(bytes) bytes) into \(folder).")
        } catch let refusal as PortalBackup.Refusal {
            FileHandle.standardError.write(Data("leave-portal: \(refusal)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back: checks every file against the manifest first, refuses while the portal is running.",
        discussion: "The database it replaces is kept beside it, renamed with .replaced-TIME.")

    @Argument(help: "The backup's folder.")
    var folder: String

    @OptionGroup var location: DataLocation

    func run() async throws {
        guard case .sqlite(let path) = try location.store() else { throw ValidationError(DataLocation.postgresBackups) }
        do {
            // Held while the files are swapped, so a portal cannot start on a half-restored database either.
            guard let lock = DatabaseLock.exclusive(forDatabase: path) else {
                throw PortalBackupInUse(path: path)
            }
            let manifest = try PortalBackup.restore(from: folder, toDatabase: path, evidence: location.evidenceFolder, at: Date())
            let store = SQLiteStore(try AppDatabase.open(path: path))
            try await store.recordActivity(SchoolActivity(schoolID: nil, actor: nil, action: .restored, at: Date(),
                                                          detail: "from the backup made at \(manifest.madeAt) (\(manifest.files.count) files checked)"))
            withExtendedLifetime(lock) {}
            print("Restored the database and \(manifest.files.count - 1) evidence files from \(folder).")
        } catch let refusal as PortalBackup.Refusal {
            FileHandle.standardError.write(Data("leave-portal: the backup was not restored: \(refusal)\n".utf8))
            throw ExitCode(1)
        } catch let busy as PortalBackupInUse {
            FileHandle.standardError.write(Data("leave-portal: \(busy)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct PortalBackupInUse: Error, CustomStringConvertible {
    let path: String
    var description: String { "the database at \(path) is in use by a running portal; stop it, then restore" }
}

/// Where the data is: the database setting and the evidence folder beside it.
struct DataLocation: ParsableArguments {
    static let postgresBackups = "backup and restore are for a SQLite database; back PostgreSQL up with its own tools "
        + "(pg_dump, or pg_basebackup with WAL archiving), and the evidence folder with the files (see README)"

    @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
    var database: String?

    @Option(help: "The evidence folder. [LEAVE_PORTAL_EVIDENCE, default: evidence beside the database]")
    var evidence: String?

    func store() throws -> StoreLocation {
        do {
            return try StoreLocation(Environment.database(database))
        } catch let error as StoreLocationError {
            throw ValidationError(error.description)
        }
    }

    var evidenceFolder: String {
        evidence ?? Environment.value("LEAVE_PORTAL_EVIDENCE")
            ?? URL(fileURLWithPath: (try? store().folder ?? "data") ?? "data").appendingPathComponent("evidence").path
    }
}
