import Foundation
import LeaveCore
import LeaveServices
import LeaveWeb
import Testing

/// What stops the service from starting, with a message naming what is wrong.
@Suite("Starting the service")
struct StartupTests {
    /// A form whose one question has a kind the engine does not know.
    static let broken = """
        title: A test form
        type: medical
        pages:
          - id: when
            title: When?
            questions:
              - id: start
                kind: calendar
                label: When?
                bind: start
        """

    /// The server does not start with a mistaken form: buildApplication throws, naming the file.
    @Test func theServerRefusesToStartWithAMistakenForm() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.broken.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let configuration = PortalConfiguration(database: folder.appendingPathComponent("db.sqlite").path, logLevel: .warning,
                                                formsDirectory: folder.path)
        await #expect(throws: DefinitionError.self) { _ = try await buildApplication(configuration: configuration) }
        do {
            _ = try await buildApplication(configuration: configuration)
        } catch let error as DefinitionError {
            #expect(error.description.contains("forms/broken.yaml, line"))
            #expect(error.description.contains("pages[0].questions[0].kind"))
        }
    }

    /// Issue 14: a letter's wording with a placeholder no letter fills stops the start, named by
    /// file, line and field, so a school's edit never reaches a parent as "{forname}".
    @Test func theServerRefusesToStartWithAMistakeInALettersWording() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("letters-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: PortalHarness.formsFolder).deletingLastPathComponent()
                                            .appendingPathComponent("letters"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = folder.appendingPathComponent("refused.yaml")
        let text = try String(contentsOf: refused, encoding: .utf8)
        try text.replacingOccurrences(of: "has been\n  refused.", with: "has been\n  refused, {forname}.")
            .write(to: refused, atomically: true, encoding: .utf8)
        var configuration = PortalConfiguration(database: folder.appendingPathComponent("db.sqlite").path, logLevel: .warning,
                                                formsDirectory: PortalHarness.formsFolder)
        configuration.lettersDirectory = folder.path
        do {
            _ = try await buildApplication(configuration: configuration)
            Issue.record("the service started with a mistaken letter")
        } catch let error as DefinitionError {
            #expect(error.description.hasPrefix("letters/refused.yaml, line 6: opening: unknown placeholder {forname}"), "\(error)")
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("amended.yaml"))
        try text.write(to: refused, atomically: true, encoding: .utf8)
        do {
            _ = try await buildApplication(configuration: configuration)
            Issue.record("the service started without one of its letters")
        } catch let error as DefinitionError {
            #expect(error.description.hasPrefix("letters/amended.yaml: file: is missing"), "\(error)")
        }
    }

    @Test func anUnknownKindOfDatabaseStopsTheStartWithAMessage() async throws {
        let configuration = PortalConfiguration(database: "mysql://db.example/leave", logLevel: .warning,
                                                formsDirectory: PortalHarness.formsFolder)
        do {
            _ = try await buildApplication(configuration: configuration)
            Issue.record("the service started on a database it cannot use")
        } catch {
            #expect("\(error)".contains("'mysql' databases are not supported"))
        }
    }
}
