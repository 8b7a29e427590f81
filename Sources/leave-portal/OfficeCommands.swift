import ArgumentParser
import Foundation
import LeaveCore
import LeaveServices
import LeaveStore

/// `leave-portal letters print`: the office's run of waiting letters as one PDF, from the command
/// line (for a print server, or a morning script), marked printed only when asked.
struct LettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "letters", abstract: "Decision letters.", subcommands: [Print.self])

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Write every letter waiting to be printed into one PDF, each starting on the front of a sheet.",
            discussion: "Without --mark-printed nothing changes: run it again with --mark-printed once the letters have printed.")

        @Option(help: "The school's id (see `leave-portal school` and the admin's pages).")
        var school: Int64

        @Option(help: "The PDF to write.")
        var out: String

        @Flag(help: "Mark the letters in the file printed (each recorded, as the office's button does).")
        var markPrinted = false

        @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
        var database: String?

        func run() async throws {
            let store = try await Environment.store(database)
            guard try await store.school(id: school) != nil else { throw ValidationError("there is no school \(school)") }
            let letters = try await store.waitingLetterPDFs(schoolID: school, limit: 1000)
            guard !letters.isEmpty else {
                print("No letters are waiting to be printed.")
                return
            }
            do {
                try Data(try LetterBatch.combine(letters)).write(to: URL(fileURLWithPath: out))
            } catch let failure as LetterBatch.Failure {
                throw ValidationError(failure.description)
            }
            print("Wrote \(letters.count) letters to \(out).")
            guard markPrinted else { return }
            let actor = Actor(accountID: 0, name: "leave-portal letters print", role: .office)
            for letter in letters {
                do {
                    try await store.markPrinted(letterID: letter.letterID, schoolID: school, by: actor, at: Date())
                } catch StoreError.alreadyPrinted {
                    continue
                }
            }
            print("Marked them printed.")
        }
    }
}

/// `leave-portal register export`: the codes the decisions give, for the MIS's register.
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "register", abstract: "The register write-back.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write, as CSV for the MIS, the code of every session the decisions cover between two dates.",
            discussion: "Columns: UPN, Date, Session (AM/PM), Code, Reference, Write (granted, or only if absent for refused leave).")

        @Option(help: "The school's id.")
        var school: Int64

        @Option(help: "The first day, as YYYY-MM-DD.")
        var from: String

        @Option(help: "The last day, as YYYY-MM-DD.")
        var to: String

        @Option(help: "The CSV file to write (default: standard output).")
        var out: String?

        @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
        var database: String?

        @Flag(help: "Write the CSV without marking its sessions as exported (to look first).")
        var dryRun = false

        func run() async throws {
            guard case .valid(let range) = RegisterExports.range(from: from, to: to) else {
                throw ValidationError(RegisterExports.range(from: from, to: to).errors.map(\.message).joined(separator: "; "))
            }
            let store = try await Environment.store(database)
            guard try await store.school(id: school) != nil else { throw ValidationError("there is no school \(school)") }
            let exports = RegisterExports(store: store, clock: Environment.clock)
            let csv: String
            let entries: Int
            if dryRun {
                let found = try await exports.entries(schoolID: school, from: range.from, to: range.to)
                csv = RegisterWriteBack.csv(found)
                entries = found.count
            } else {
                let exported: (run: RegisterExportRun, csv: String)
                do {
                    exported = try await exports.export(schoolID: school, from: range.from, to: range.to, by: nil)
                } catch ServiceError.conflict(let message) {
                    throw ValidationError(message)
                }
                let (run, written) = exported
                csv = written
                entries = run.entries
                FileHandle.standardError.write(Data("Marked as exported (export \(run.id)).\n".utf8))
            }
            if let out {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: out))
                FileHandle.standardError.write(Data("Wrote \(entries) sessions to \(out).\n".utf8))
            } else {
                print(csv, terminator: "")
            }
        }
    }
}
