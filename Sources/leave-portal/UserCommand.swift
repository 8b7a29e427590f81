import ArgumentParser
import Foundation
import LeaveCore
import LeaveStore
import LeaveWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account. The password is read from standard input (one line), so it never appears in the shell history.")

        @Option(help: "SQLite database file. [LEAVE_PORTAL_DATABASE, default data/leave-portal.sqlite]")
        var database: String?

        @Option(help: "The school's id (see the admin page).")
        var school: Int64

        @Option(help: "Email address used to sign in.")
        var email: String

        @Option(help: "Name shown on pages and letters.")
        var name: String

        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("unknown role '\(role)'") }
            guard email.contains("@") else { throw ValidationError("'\(email)' is not an email address") }
            guard let password = readLine(strippingNewline: true), password.count >= 10 else {
                throw ValidationError("give a password of at least 10 characters on standard input")
            }
            let path = database ?? Environment.value("LEAVE_PORTAL_DATABASE") ?? PortalConfiguration().databasePath
            let store = SQLiteStore(try AppDatabase.open(path: path))
            guard try await store.school(id: school) != nil else { throw ValidationError("there is no school \(school)") }
            let hash = try await Passwords(cost: 12).hash(password)
            do {
                let account = try await store.addAccount(schoolID: school, email: email, displayName: name, role: role, passwordHash: hash)
                print("Added account \(account.id) (\(role.title)).")
            } catch StoreError.duplicateEmail {
                throw ValidationError("an account with that email address already exists")
            }
        }
    }
}
