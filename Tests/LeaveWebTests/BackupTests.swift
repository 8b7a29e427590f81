import Foundation
import GRDB
import HummingbirdTesting
import LeaveServices
import LeaveStore
import LeaveWeb
import Testing

/// A backup taken while the portal runs restores to a portal that serves every request and
/// its evidence; a damaged backup, or a database in use, is refused before anything changes.
@Suite("Backup and restore")
struct BackupTests {
    static let pdf = Data("%PDF-1.4\n%backup test\n".utf8) + Data(repeating: 0x41, count: 2_000)

    @Test func aRestoredCopyServesEveryRequestAndItsEvidence() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = folder.appendingPathComponent("live")
        let backup = folder.appendingPathComponent("backup").path
        let restored = folder.appendingPathComponent("restored/portal.sqlite").path
        let restoredEvidence = folder.appendingPathComponent("restored/evidence").path
        let sentReference = ReferenceBox()
        // A parent sends a request with a file; the backup is taken with the portal still running.
        let database = try AppDatabase.open(path: live.appendingPathComponent("portal.sqlite").path)
        let configuration = PortalConfiguration(
            database: live.appendingPathComponent("portal.sqlite").path, store: SQLiteStore(database), loadDemo: true, bcryptCost: 4,
            logLevel: .warning, formsDirectory: PortalHarness.formsFolder, now: { PortalHarness.now })
        try await buildApplication(configuration: configuration).test(.router) { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            try await parent.fillLeaveUpToEvidence()
            try await parent.upload("/parent/forms/leave/evidence", [], file: ("evidence", "certificate.pdf", Self.pdf))
            let sent = try await parent.post("/parent/forms/leave/submit")
            sentReference.value = try #require(sent.location?.references.first)
            let manifest = try await PortalBackup.backup(database: database, evidence: live.appendingPathComponent("evidence").path,
                                                         into: backup, at: PortalHarness.now)
            #expect(manifest.files.count == 2)
        }
        _ = try PortalBackup.restore(from: backup, toDatabase: restored, evidence: restoredEvidence, at: PortalHarness.now)
        let again = PortalConfiguration(database: restored, bcryptCost: 4, logLevel: .warning, formsDirectory: PortalHarness.formsFolder,
                                        evidenceDirectory: restoredEvidence, now: { PortalHarness.now })
        let reference = sentReference.value
        try await buildApplication(configuration: again).test(.router) { client in
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let page = try await head.get("/decisions/\(reference)")
            #expect(page.status == .ok)
            let file = try #require(page.html.firstPath(startingWith: "/files/"))
            let download = try await head.get(file)
            #expect(download.status == .ok)
            #expect(download.html.utf8.count == Self.pdf.count)
        }
    }

    @Test func aDamagedOrUnfinishedBackupIsRefusedAndNothingIsReplaced() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try AppDatabase.open(path: folder.appendingPathComponent("live/portal.sqlite").path)
        _ = try await DemoTrust.load(into: source, today: SchoolDateFixture.today) { "hash" }
        let evidence = folder.appendingPathComponent("live/evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        let name = RandomToken.make()
        try Self.pdf.write(to: evidence.appendingPathComponent(name))
        let backup = folder.appendingPathComponent("backup").path
        _ = try await PortalBackup.backup(database: source, evidence: evidence.path, into: backup, at: PortalHarness.now)
        #expect(try PortalBackup.verify(backup).files.count == 2)
        // A backup folder is never written over.
        await #expect(throws: PortalBackup.Refusal.self) {
            _ = try await PortalBackup.backup(database: source, evidence: evidence.path, into: backup, at: PortalHarness.now)
        }
        // One byte changed in an evidence file.
        let copy = URL(fileURLWithPath: backup).appendingPathComponent("evidence/\(name)")
        var bytes = try Data(contentsOf: copy)
        bytes[bytes.count - 1] = 0x42
        try bytes.write(to: copy)
        let target = folder.appendingPathComponent("target/portal.sqlite").path
        #expect(throws: PortalBackup.Refusal("evidence/\(name) does not match its checksum: the backup is damaged")) {
            _ = try PortalBackup.restore(from: backup, toDatabase: target, evidence: folder.appendingPathComponent("target/evidence").path,
                                         at: PortalHarness.now)
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        // No manifest: a backup that did not finish.
        try FileManager.default.removeItem(atPath: URL(fileURLWithPath: backup).appendingPathComponent(PortalBackup.manifestFile).path)
        #expect(throws: PortalBackup.Refusal.self) { _ = try PortalBackup.verify(backup) }
    }

    @Test func restoreRefusesADatabaseARunningPortalHolds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("portal.sqlite").path
        let nowhere = folder.appendingPathComponent("nowhere").path
        do {
            let serving = try #require(DatabaseLock.shared(forDatabase: path))
            #expect(DatabaseLock.exclusive(forDatabase: path) == nil)
            let refused = try CommandLineTests.run(["restore", nowhere, "--database", path])
            #expect(refused.status == 1)
            #expect(refused.errors.contains("is in use by a running portal"))
            withExtendedLifetime(serving) {}
        }
        // With the portal stopped the lock is free, and the missing backup is what is refused.
        let run = try CommandLineTests.run(["restore", nowhere, "--database", path])
        #expect(run.status == 1)
        #expect(run.errors.contains("is not a finished backup"))
    }
}

/// A value a test's server closure hands back to the test.
final class ReferenceBox: @unchecked Sendable {
    var value = ""
}
