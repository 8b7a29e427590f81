import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock file beside a SQLite database, held by each running `serve` (shared) so that
/// `restore` (which needs it alone) refuses to replace a database in use.
public final class DatabaseLock: @unchecked Sendable {
    let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    public static func path(forDatabase database: String) -> String { database + ".lock" }

    /// Held for as long as the returned value lives; nil if the lock file cannot be made.
    public static func shared(forDatabase database: String) -> DatabaseLock? {
        take(database, LOCK_SH | LOCK_NB)
    }

    /// Nil when a running portal holds the database.
    public static func exclusive(forDatabase database: String) -> DatabaseLock? {
        take(database, LOCK_EX | LOCK_NB)
    }

    private static func take(_ database: String, _ operation: Int32) -> DatabaseLock? {
        try? FileManager.default.createDirectory(atPath: URL(fileURLWithPath: database).deletingLastPathComponent().path,
                                                 withIntermediateDirectories: true)
        let descriptor = open(path(forDatabase: database), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, operation) == 0 else {
            close(descriptor)
            return nil
        }
        return DatabaseLock(descriptor: descriptor)
    }
}
