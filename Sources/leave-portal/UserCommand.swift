import ArgumentParser
import Foundation
import LeaveCore
import LeaveServices
import LeaveStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account. The password is read from standard input (one line), so it never appears in the shell history.")

        @Option(help: "The database: a SQLite file or sqlite:PATH. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
        var database: String?

        @Option(help: "The school's id (see the admin page).")
        var school: Int64

        @Option(help: "Email address used to sign in.")
        var email: String

        @Option(help: "Name shown on pages and letters.")
        var name: String

        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(help: "bcrypt cost for the password hash. [LEAVE_PORTAL_BCRYPT_COST, default 12]")
        var bcryptCost: UInt8?

        func run() async throws {
            guard let password = readLine(strippingNewline: true) else {
                throw ValidationError("give a password of at least \(AccountSetup.minimumPasswordLength) characters on standard input")
            }
            let cost = try Environment.bcryptCost(bcryptCost)
            let setup = AccountSetup(store: try Environment.store(database), passwords: Passwords(cost: cost))
            do {
                let account = try await setup.add(schoolID: school, email: email, name: name, role: role, password: password)
                print("Added account \(account.id) (\(account.role.title)).")
            } catch let refusal as AccountSetup.Refusal {
                throw ValidationError(refusal.description)
            }
        }
    }
}
