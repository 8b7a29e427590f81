import ArgumentParser
import Foundation
import LeaveCore
import LeaveImport
import LeaveServices

/// `leave-portal calendar import FILE --school ID`: term dates from the local authority's
/// iCalendar (.ics) or a CSV of kind,start,end,name. Exit 0 imported, 1 refused, 2 wrong usage.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "The school calendar.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import terms, INSET days and bank holidays from an iCalendar (.ics) file or a CSV (kind,start,end,name).")

        @Argument(help: "The .ics or .csv file.") var file: String
        @Option(help: "The school's id.") var school: Int64
        @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
        var database: String?
        @Flag(help: "Print the report as one JSON object.") var json = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("there is no file '\(file)'") }
            let store = try await Environment.store(database)
            do {
                let report = try await CalendarImports(store: store, clock: Environment.clock)
                    .run(data, fileName: URL(fileURLWithPath: file).lastPathComponent, schoolID: school, by: nil)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    print(String(decoding: try encoder.encode(report), as: UTF8.self))
                } else {
                    print(report.summary)
                    for problem in report.problems { print("  \(problem.location): \(problem.message)") }
                }
            } catch let refusal as ImportRefusal {
                FileHandle.standardError.write(Data("The file was refused, nothing was imported: \(refusal)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
