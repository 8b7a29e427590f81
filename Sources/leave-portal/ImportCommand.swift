import ArgumentParser
import Foundation
import LeaveImport
import LeaveServices
import LeaveStore

/// `leave-portal import ctf|attendance|pupils FILE`: exit 0 when imported, 1 when the file
/// was refused (the reason on standard error), 2 for wrong usage.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pupils and attendance from the school's MIS.",
        subcommands: [CTF.self, Attendance.self, Pupils.self])

    struct Options: ParsableArguments {
        @Argument(help: "The file to import.")
        var file: String

        @Option(help: "The school's id. A CTF names its own school; a CSV needs this when the portal has more than one school.")
        var school: Int64?

        @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
        var database: String?

        @Flag(help: "Print the report as one JSON object.")
        var json = false

        @Option(help: "Largest file accepted, in megabytes. [LEAVE_PORTAL_IMPORT_LIMIT_MB, default 100]")
        var limitMb: Int?

        func run(_ kind: RegisterImports.Kind) async throws {
            guard FileManager.default.fileExists(atPath: file) else {
                throw ValidationError("there is no file '\(file)'")
            }
            let megabytes = limitMb ?? Environment.value("LEAVE_PORTAL_IMPORT_LIMIT_MB").flatMap(Int.init) ?? 100
            guard (1...1024).contains(megabytes) else { throw ValidationError("--limit-mb must be between 1 and 1024") }
            let store = try await Environment.store(database)
            do {
                let (school, report) = try await RegisterImports(store: store, clock: Environment.clock, maxBytes: megabytes * 1_048_576)
                    .run(kind, path: file, schoolID: school, actorName: "command line")
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    print(String(decoding: try encoder.encode(report), as: UTF8.self))
                } else {
                    print("\(school.name): \(report.summary)")
                    for problem in report.problems { print("  \(problem.location): \(problem.message)") }
                }
            } catch let refusal as ImportRefusal {
                FileHandle.standardError.write(Data("The file was refused, nothing was imported: \(refusal)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct CTF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a Common Transfer File (XML) exported from Arbor, SIMS or Bromcom: pupils, contacts and attendance marks.")
        @OptionGroup var options: Options
        func run() async throws { try await options.run(.ctf) }
    }

    struct Attendance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import session marks from CSV: UPN (or pupil id), Date, Session (AM/PM), Mark.")
        @OptionGroup var options: Options
        func run() async throws { try await options.run(.attendance) }
    }

    struct Pupils: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import pupils and contacts from CSV: UPN (or pupil id), Forename, Surname, Year group, and contact columns.")
        @OptionGroup var options: Options
        func run() async throws { try await options.run(.pupils) }
    }
}
