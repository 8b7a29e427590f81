import Foundation
import GRDB
import LeaveCore
import LeaveLetters
import LeaveServices
import LeaveStore

/// The use cases over a real SQLite file in a temporary folder, holding the demo trust with
/// its pupils imported through the real CTF importer, at a fixed moment (Monday 23 November
/// 2026, 10:00 in London). No HTTP: what the web and the command line both call.
final class ServiceHarness: @unchecked Sendable {
    static let now = Date(timeIntervalSince1970: 1_795_428_000)  // 2026-11-23T10:00:00Z

    /// The project's own forms/ folder, wherever the tests run from.
    static let formsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("forms").path

    /// The project's own letters/ folder.
    static let lettersFolder = URL(fileURLWithPath: formsFolder).deletingLastPathComponent().appendingPathComponent("letters").path

    let folder: URL
    let store: SQLiteStore
    let database: AppDatabase
    let services: PortalServices
    private let moment: Moment

    /// The clock the services read; a test can move it on.
    final class Moment: @unchecked Sendable {
        var now = ServiceHarness.now
    }

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-services-\(UUID().uuidString)")
        database = try AppDatabase.open(path: folder.appendingPathComponent("portal.sqlite").path)
        store = SQLiteStore(database)
        let moment = Moment()
        self.moment = moment
        let clock = SchoolClock(timeZone: TimeZone(identifier: "Europe/London") ?? .gmt, now: { moment.now })
        services = PortalServices(
            store: store, clock: clock, passwords: Passwords(cost: 4), forms: try FormLoader.load(folder: Self.formsFolder),
            wording: try LetterWordingLoader.load(folder: Self.lettersFolder),
            evidence: EvidenceFiles(folder: folder.appendingPathComponent("evidence").path, maxFileBytes: 1_048_576,
                                    maxRequestBytes: 2 * 1_048_576, store: store),
            importLimitBytes: 10 * 1_048_576)
        _ = try await DemoSetup.load(store: store, clock: clock, passwords: services.passwords)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func advance(days: Int) { moment.now = moment.now.addingTimeInterval(TimeInterval(days * 86_400)) }
    func advance(minutes: Int) { moment.now = moment.now.addingTimeInterval(TimeInterval(minutes * 60)) }

    func account(_ email: String) async throws -> Account {
        guard let found = try await store.account(email: email) else { throw HarnessError("no account \(email)") }
        return found.account
    }

    func children(of parent: Account) async throws -> [Pupil] {
        try await store.children(ofParent: parent.id)
    }

    func count(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// A draft with these answers, as the pages of a form would have collected them.
    func draft(_ formID: String, _ answers: [String: [String]]) -> FormDraft {
        var draft = FormDraft(formID: formID)
        draft.values = answers
        return draft
    }

    func form(_ id: String) throws -> FormDefinition {
        guard let form = services.forms[id] else { throw HarnessError("no form \(id)") }
        return form
    }

    struct HarnessError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
