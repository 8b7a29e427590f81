import Foundation
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
        await #expect(throws: FormDefinitionError.self) { _ = try await buildApplication(configuration: configuration) }
        do {
            _ = try await buildApplication(configuration: configuration)
        } catch let error as FormDefinitionError {
            #expect(error.description.contains("forms/broken.yaml, line"))
            #expect(error.description.contains("pages[0].questions[0].kind"))
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
