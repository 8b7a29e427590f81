import Foundation
import LeaveCore
import LeaveStore

/// A forgotten password (an e-mailed single-use link, an hour), a password changed by its owner,
/// and signing out everywhere. Each ends every other session of the account.
public struct PasswordChanges: Sendable {
    let store: any PortalStore
    let passwords: Passwords
    let clock: SchoolClock
    let texts: MailTexts
    public static let resetLifetime: TimeInterval = 3600

    public init(store: any PortalStore, passwords: Passwords, clock: SchoolClock, texts: MailTexts) {
        self.store = store
        self.passwords = passwords
        self.clock = clock
        self.texts = texts
    }

    public static func resetPath(_ token: String) -> String { "/password/reset/\(token)" }

    /// Sends a reset link if the address has an open account. The caller answers the same either
    /// way, and this takes about the same time either way (a bcrypt hash is made in both).
    public func requestReset(email typed: String) async throws -> [FieldError] {
        let email: String
        switch EmailAddress.normalise(typed, strict: false) {
        case .success(let key): email = key
        case .failure(let problem): return [FieldError(field: "email", message: problem.message)]
        }
        let found = try await store.account(email: email)
        _ = try await passwords.hash(RandomToken.make())
        guard let account = found?.account, account.isActive, let school = try await store.school(id: account.schoolID) else { return [] }
        let token = RandomToken.make()
        let expires = clock.now.addingTimeInterval(Self.resetLifetime)
        let message = MailMessage(schoolID: school.id, kind: .passwordReset, to: account.email,
                                  subject: "Reset your password for \(school.name)'s leave portal", text: """
            Dear \(account.displayName),

            Someone, probably you, asked to reset the password of your account on \(school.name)'s leave portal.

            To choose a new password, open this link:
            \(texts.publicURL)\(Self.resetPath(token))

            The link works once, for one hour. If you did not ask, you can ignore this email: your password stays as it is.

            \(texts.contact(school))
            """)
        try await store.createPasswordReset(accountID: account.id, tokenHash: TokenDigest.sha256(token), at: clock.now, expiresAt: expires, message: message)
        return []
    }

    /// The account a reset link is for, if it can still be used.
    public func resetAccount(token: String) async throws -> Account? {
        guard RandomToken.isWellFormed(token) else { return nil }
        return try await store.passwordReset(tokenHash: TokenDigest.sha256(token), at: clock.now)?.account
    }

    public enum Outcome: Sendable {
        case invalid([FieldError])
        case unusable
        case changed(Account)
    }

    public func reset(token: String, password: String, confirmation: String) async throws -> Outcome {
        guard RandomToken.isWellFormed(token), let found = try await store.passwordReset(tokenHash: TokenDigest.sha256(token), at: clock.now)
        else { return .unusable }
        if let errors = Self.check(password, confirmation, email: found.account.email) { return .invalid(errors) }
        guard try await store.completePasswordReset(id: found.id, passwordHash: try await passwords.hash(password), at: clock.now) else { return .unusable }
        try await record(found.account, "reset by e-mailed link; every session ended")
        return .changed(found.account)
    }

    /// The owner changes their password, giving the current one; other sessions end.
    public func change(_ account: Account, current: String, password: String, confirmation: String) async throws -> Outcome {
        if current.isEmpty {
            return .invalid([FieldError(field: "current", message: "Enter your current password")]
                            + (Self.check(password, confirmation, email: account.email) ?? []))
        }
        guard let stored = try await store.account(email: account.email),
              try await passwords.verify(current, hash: stored.passwordHash) else {
            return .invalid([FieldError(field: "current", message: "Enter your current password correctly")])
        }
        if let errors = Self.check(password, confirmation, email: account.email) { return .invalid(errors) }
        try await store.setPassword(accountID: account.id, passwordHash: try await passwords.hash(password), at: clock.now)
        try await record(account, "changed by its owner; every other session ended")
        return .changed(account)
    }

    public func signOutEverywhere(_ account: Account) async throws {
        try await store.endSessions(accountID: account.id, at: clock.now)
    }

    static func check(_ password: String, _ confirmation: String, email: String) -> [FieldError]? {
        if let problem = PasswordRules.problem(password, email: email) { return [FieldError(field: "password", message: problem)] }
        if password != confirmation { return [FieldError(field: "confirmation", message: "The passwords do not match")] }
        return nil
    }

    func record(_ account: Account, _ detail: String) async throws {
        try await store.recordActivity(SchoolActivity(schoolID: account.schoolID, actor: Actor(account), action: .passwordChanged,
                                                      at: clock.now, detail: detail))
    }
}
