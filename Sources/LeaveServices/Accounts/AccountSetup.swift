import Foundation
import LeaveCore
import LeaveStore

/// Adds an account with its password hashed: for scripted set-ups from the command line.
public struct AccountSetup: Sendable {
    let store: any PortalStore
    let passwords: Passwords

    public init(store: any PortalStore, passwords: Passwords) {
        self.store = store
        self.passwords = passwords
    }

    public static let minimumPasswordLength = 10

    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public func add(schoolID: Int64, email: String, name: String, role roleName: String, password: String) async throws -> Account {
        guard let role = Role(rawValue: roleName) else {
            throw Refusal(description: "unknown role '\(roleName)'; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard case .success(let email) = EmailAddress.normalise(email) else {
            throw Refusal(description: "'\(email)' is not an email address")
        }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 120, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Refusal(description: "give the name shown on pages and letters (at most 120 characters)")
        }
        guard password.count >= Self.minimumPasswordLength, password.utf8.count <= SignIn.maximumPasswordBytes else {
            throw Refusal(description: "give a password of at least \(Self.minimumPasswordLength) characters (at most \(SignIn.maximumPasswordBytes) bytes) on standard input")
        }
        guard try await store.school(id: schoolID) != nil else { throw Refusal(description: "there is no school \(schoolID)") }
        let hash = try await passwords.hash(password)
        do {
            return try await store.addAccount(schoolID: schoolID, email: email, displayName: name, role: role, passwordHash: hash)
        } catch StoreError.duplicateEmail {
            throw Refusal(description: "an account with that email address already exists")
        }
    }
}
