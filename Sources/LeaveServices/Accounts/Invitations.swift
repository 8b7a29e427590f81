import Foundation
import LeaveCore
import LeaveStore

/// Accounts are made by invitation, never with a password someone else chose: the person gets
/// a single-use link by e-mail, chooses their password, and is signed in.
public struct Invitations: Sendable {
    let store: any PortalStore
    let passwords: Passwords
    let clock: SchoolClock
    let texts: MailTexts
    public let lifetime: TimeInterval

    public init(store: any PortalStore, passwords: Passwords, clock: SchoolClock, texts: MailTexts, lifetime: TimeInterval = 7 * 24 * 3600) {
        self.store = store
        self.passwords = passwords
        self.clock = clock
        self.texts = texts
        self.lifetime = lifetime
    }

    /// The path of an invitation's page; the link in the e-mail is the public URL and this.
    public static func path(_ token: String) -> String { "/invitations/\(token)" }

    public struct Sent: Sendable {
        public let invitation: Invitation
        public let link: String
    }

    /// Invites someone to the school with a role; the e-mail is written with the invitation.
    public func invite(schoolID: Int64, email typed: String, name typedName: String, role: Role) async throws -> Sent {
        guard case .success(let email) = EmailAddress.normalise(typed) else {
            throw Refusal(field: "email", message: "Enter an email address in the correct format, like name@example.com")
        }
        let name = typedName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Refusal(field: "name", message: "Enter the person's name, as letters will show it (120 characters or fewer)")
        }
        guard try await store.account(email: email) == nil else {
            throw Refusal(field: "email", message: "Someone already has an account with that email address")
        }
        guard try await store.pendingInvitation(email: email, at: clock.now) == nil else {
            throw Refusal(field: "email", message: "An invitation to that address is waiting to be accepted: send it again from the list if it went astray")
        }
        guard let school = try await store.school(id: schoolID) else { throw Refusal(field: "school", message: "There is no school \(schoolID)") }
        let token = RandomToken.make()
        let link = texts.publicURL + Self.path(token)
        let expires = clock.now.addingTimeInterval(lifetime)
        let message = texts.invitation(to: email, name: name, role: role, school: school, link: link,
                                       expires: clock.describe(expires))
        let invitation = try await store.createInvitation(schoolID: schoolID, email: email, name: name, role: role,
                                                          tokenHash: TokenDigest.sha256(token), at: clock.now, expiresAt: expires,
                                                          message: message)
        return Sent(invitation: invitation, link: link)
    }

    /// Sends a new link to someone invited before who has not accepted; the old link stops working.
    public func resend(invitationID: Int64, schoolID: Int64, parents: Bool) async throws -> Sent {
        guard let old = try await store.expireInvitation(id: invitationID, schoolID: schoolID, at: clock.now),
              (old.role == .parent) == parents
        else { throw Refusal(field: "invitation", message: "That invitation has been accepted already, or is not one of this school's") }
        return try await invite(schoolID: schoolID, email: old.email, name: old.name, role: old.role)
    }

    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let field: String
        public let message: String
        public var description: String { message }
    }

    /// The invitation a link stands for, if it can still be used.
    public func pending(token: String) async throws -> Invitation? {
        guard RandomToken.isWellFormed(token), let found = try await store.invitation(tokenHash: TokenDigest.sha256(token)),
              found.status(at: clock.now) == .pending else { return nil }
        return found
    }

    public enum Acceptance: Sendable {
        case invalid([FieldError])
        /// Used, expired or never sent: the same answer for each, so a link tells nothing.
        case unusable
        case accepted(Account)
    }

    public func accept(token: String, password: String, confirmation: String) async throws -> Acceptance {
        guard let invitation = try await pending(token: token) else { return .unusable }
        if let problem = PasswordRules.problem(password, email: invitation.email) {
            return .invalid([FieldError(field: "password", message: problem)])
        }
        guard password == confirmation else { return .invalid([FieldError(field: "confirmation", message: "The passwords do not match")]) }
        do {
            return .accepted(try await store.acceptInvitation(id: invitation.id, passwordHash: try await passwords.hash(password), at: clock.now))
        } catch StoreError.invitationUsed {
            return .unusable
        } catch StoreError.duplicateEmail {
            return .invalid([FieldError(field: "password", message: "An account with this email address already exists: sign in instead")])
        }
    }

    public struct ParentInvitations: Sendable, Codable, Equatable {
        public var invited = 0
        public var alreadyInvited = 0
        public var haveAccounts = 0
        public var noEmail = 0
    }

    /// Invites every contact with parental responsibility and an address who has no account and
    /// no invitation waiting; running it again invites nobody twice.
    public func inviteParents(schoolID: Int64) async throws -> ParentInvitations {
        let contacts = try await store.parentContacts(schoolID: schoolID, at: clock.now)
        var result = ParentInvitations(alreadyInvited: contacts.invited, haveAccounts: contacts.haveAccounts, noEmail: contacts.noEmail)
        for contact in contacts.uninvited {
            do {
                _ = try await invite(schoolID: schoolID, email: contact.email, name: contact.name, role: .parent)
                result.invited += 1
            } catch is Refusal {
                result.noEmail += 1
            }
        }
        return result
    }
}
