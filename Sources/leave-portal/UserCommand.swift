import ArgumentParser
import Foundation
import LeaveCore
import LeaveServices
import LeaveStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Invite.self, Add.self])

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite a member of staff: they get an e-mail with a link to choose their password.")
        @Option(help: "The school's id.") var school: Int64
        @Option(help: "Their e-mail address.") var email: String
        @Option(help: "Their name, as letters show it.") var name: String
        @Option(help: "One of: admin, headteacher, deputy, office.") var role: String
        @Flag(help: "Print the invitation link as well as e-mailing it.") var printLink = false
        @OptionGroup var options: SetupOptions

        func run() async throws {
            guard let role = Role(rawValue: role), role != .parent else {
                throw ValidationError("unknown role '\(role)'; use one of admin, headteacher, deputy, office")
            }
            let (invitations, store) = try await options.invitations()
            do {
                let sent = try await invitations.invite(schoolID: school, email: email, name: name, role: role)
                try await options.deliver(store)
                print("Invited \(sent.invitation.email) as \(role.title.lowercased()); the link works until \(Environment.clock.describe(sent.invitation.expiresAt)).")
                if printLink { print(sent.link) }
            } catch let refusal as Invitations.Refusal {
                throw ValidationError(refusal.message)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account. The password is read from standard input (one line), so it never appears in the shell history.")

        @Option(help: "The database: a SQLite file, sqlite:PATH or postgres://user@host/db. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
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
            let setup = AccountSetup(store: try await Environment.store(database), passwords: Passwords(cost: cost))
            do {
                let account = try await setup.add(schoolID: school, email: email, name: name, role: role, password: password)
                print("Added account \(account.id) (\(account.role.title)).")
            } catch let refusal as AccountSetup.Refusal {
                throw ValidationError(refusal.description)
            }
        }
    }
}
