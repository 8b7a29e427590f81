import ArgumentParser
import Foundation

@main
struct LeavePortal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leave-portal",
        abstract: "Leave of absence requests for schools: parents ask, the headteacher decides, the office prints the letter.",
        subcommands: [Serve.self, ImportCommand.self, EvaluateCommand.self, UserCommand.self, SchoolCommand.self, InviteCommand.self, CalendarCommand.self,
                      BackupCommand.self, RestoreCommand.self, LettersCommand.self, RegisterCommand.self, MigrateCommand.self, CopyCommand.self],
        defaultSubcommand: Serve.self)

    /// Wrong usage exits 2, as scripts calling the portal expect, rather than
    /// ArgumentParser's 64; every other outcome keeps its own code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
