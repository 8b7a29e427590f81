import ArgumentParser

@main
struct LeavePortal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leave-portal",
        abstract: "Leave of absence requests for schools: parents ask, the headteacher decides, the office prints the letter.",
        subcommands: [Serve.self, UserCommand.self],
        defaultSubcommand: Serve.self)
}
