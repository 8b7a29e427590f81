import Crypto
import Foundation
import LeaveCore
import LeaveStore

/// A copy of everything the portal keeps, taken while it runs: the database (consistent, by
/// SQLite's VACUUM INTO), the evidence files, and a manifest of their SHA-256 checksums, so
/// a restore can tell a damaged or incomplete copy before it replaces anything.
public enum PortalBackup {
    public static let databaseFile = "portal.sqlite"
    public static let evidenceFolder = "evidence"
    public static let manifestFile = "manifest.json"

    public struct Manifest: Codable, Equatable, Sendable {
        public struct Entry: Codable, Equatable, Sendable {
            public let path: String
            public let size: Int
            public let sha256: String
        }

        public let madeAt: Date
        public let files: [Entry]
    }

    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    /// Copies the database and the evidence into `folder`, which must be new or empty.
    public static func backup(database: AppDatabase, evidence evidenceSource: String, into folder: String, at: Date) async throws -> Manifest {
        let files = FileManager.default
        if files.fileExists(atPath: folder) {
            guard (try? files.contentsOfDirectory(atPath: folder))?.isEmpty == true else {
                throw Refusal("\(folder) already holds files; give a new or empty folder for the backup")
            }
        }
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let root = URL(fileURLWithPath: folder)
        try await database.copy(to: root.appendingPathComponent(databaseFile).path)
        let evidenceCopy = root.appendingPathComponent(evidenceFolder)
        try files.createDirectory(at: evidenceCopy, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var entries = [try entry(databaseFile, in: root)]
        for name in ((try? files.contentsOfDirectory(atPath: evidenceSource)) ?? []).sorted() where RandomToken.isWellFormed(name) {
            try files.copyItem(at: URL(fileURLWithPath: evidenceSource).appendingPathComponent(name), to: evidenceCopy.appendingPathComponent(name))
            entries.append(try entry("\(evidenceFolder)/\(name)", in: root))
        }
        let manifest = Manifest(madeAt: at, files: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        // Written last: a folder without a manifest is a backup that did not finish.
        try encoder.encode(manifest).write(to: root.appendingPathComponent(manifestFile), options: .atomic)
        return manifest
    }

    /// Checks every file of a backup against its manifest and the database's integrity.
    public static func verify(_ folder: String) throws -> Manifest {
        let root = URL(fileURLWithPath: folder)
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(manifestFile).path) else {
            throw Refusal("\(folder) has no \(manifestFile): it is not a finished backup")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let manifest = try? decoder.decode(Manifest.self, from: data) else {
            throw Refusal("\(manifestFile) in \(folder) cannot be read")
        }
        guard manifest.files.contains(where: { $0.path == databaseFile }) else { throw Refusal("the manifest lists no database") }
        for listed in manifest.files {
            guard listed.path == databaseFile || (listed.path.hasPrefix(evidenceFolder + "/")
                  && RandomToken.isWellFormed(String(listed.path.dropFirst(evidenceFolder.count + 1)))) else {
                throw Refusal("the manifest lists \(listed.path), which no backup holds")
            }
            guard let found = try? entry(listed.path, in: root) else { throw Refusal("\(listed.path) is missing from the backup") }
            guard found == listed else { throw Refusal("\(listed.path) does not match its checksum: the backup is damaged") }
        }
        let problems = try AppDatabase.check(path: root.appendingPathComponent(databaseFile).path)
        guard problems.isEmpty else { throw Refusal("the database in the backup fails its check: \(problems.prefix(3).joined(separator: "; "))") }
        return manifest
    }

    /// Puts a checked backup in place. The database it replaces is kept beside it, renamed.
    public static func restore(from folder: String, toDatabase path: String, evidence evidenceTarget: String, at: Date) throws -> Manifest {
        let manifest = try verify(folder)
        let files = FileManager.default
        let root = URL(fileURLWithPath: folder)
        let target = URL(fileURLWithPath: path)
        try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staged = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restoring")
        try? files.removeItem(at: staged)
        try files.copyItem(at: root.appendingPathComponent(databaseFile), to: staged)
        if files.fileExists(atPath: path) {
            let stamp = Int(at.timeIntervalSince1970)
            for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
                try files.moveItem(atPath: path + suffix, toPath: "\(path).replaced-\(stamp)\(suffix)")
            }
        }
        try files.moveItem(at: staged, to: target)
        try files.createDirectory(atPath: evidenceTarget, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for listed in manifest.files where listed.path.hasPrefix(evidenceFolder + "/") {
            let name = String(listed.path.dropFirst(evidenceFolder.count + 1))
            let destination = URL(fileURLWithPath: evidenceTarget).appendingPathComponent(name)
            if !files.fileExists(atPath: destination.path) {
                try files.copyItem(at: root.appendingPathComponent(listed.path), to: destination)
            }
        }
        return manifest
    }

    static func entry(_ path: String, in root: URL) throws -> Manifest.Entry {
        let url = root.appendingPathComponent(path)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1_048_576), !chunk.isEmpty {
            hash.update(data: chunk)
            size += chunk.count
        }
        return Manifest.Entry(path: path, size: size, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
