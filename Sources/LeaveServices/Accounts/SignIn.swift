import Foundation
import LeaveCore
import LeaveStore

/// Signing in with an e-mail address and password, behind the throttle that slows guessing.
public struct SignIn: Sendable {
    let accounts: any AccountStore & ActivityStore
    let passwords: Passwords
    let throttle: SignInThrottle
    let clock: SchoolClock

    public init(accounts: any AccountStore & ActivityStore, passwords: Passwords, throttle: SignInThrottle, clock: SchoolClock) {
        self.accounts = accounts
        self.passwords = passwords
        self.throttle = throttle
        self.clock = clock
    }

    public enum Outcome: Sendable {
        /// The form is not filled in properly; nothing was checked.
        case incomplete([FieldError])
        /// Too many wrong passwords for this address lately.
        case heldBack([FieldError])
        case wrongPassword([FieldError])
        case signedIn(Account)
    }

    /// The longest password a new account may have: bcrypt reads only the first 72 bytes.
    public static let maximumPasswordBytes = 72

    /// `client` names where the attempt comes from (the peer's address), for the throttle.
    public func attempt(email typed: String, password: String, client: String = "unknown") async throws -> Outcome {
        var errors: [FieldError] = []
        var email = ""
        switch EmailAddress.normalise(typed, strict: false) {
        case .success(let key): email = key
        case .failure(let problem): errors.append(FieldError(field: "email", message: problem.message))
        }
        if password.isEmpty {
            errors.append(FieldError(field: "password", message: "Enter your password"))
        } else if password.utf8.count > 1_024 || password.unicodeScalars.contains(where: { $0.value == 0 }) {
            // bcrypt reads 72 bytes; an existing longer password still signs in, but nothing absurd is hashed.
            errors.append(FieldError(field: "password", message: "Enter a correct email address and password"))
        }
        guard errors.isEmpty else { return .incomplete(errors) }

        // Counted before the password is checked, so attempts at the same moment cannot slip past.
        if case .heldUntil(let until) = try await throttle.reserve(address: email, client: client, now: clock.now) {
            let minutes = max(1, Int((until.timeIntervalSince(clock.now) / 60).rounded(.up)))
            return .heldBack([FieldError(field: "email", message: "Too many attempts to sign in with this email address. Try again in \(minutes) \(minutes == 1 ? "minute" : "minutes"), or ask the school office to reset your password")])
        }
        let found = try await accounts.account(email: email)
        guard try await passwords.verify(password, hash: found?.passwordHash), let account = found?.account else {
            // Recorded for an account's own school, only when its password was checked (so the
            // throttle bounds the lines); what was typed for an unknown address is not kept.
            if let account = found?.account { try await record(.signInRefused, account: account, detail: "wrong password") }
            return .wrongPassword([FieldError(field: "email", message: "Enter a correct email address and password")])
        }
        guard account.isActive else {
            return .wrongPassword([FieldError(field: "email", message: "This account has been closed. Ask the school office if you need one")])
        }
        try await throttle.succeeded(address: email, client: client)
        try await record(.signedIn, account: account, detail: account.role.title)
        return .signedIn(account)
    }

    /// Sign-ins go in the school's record, never the password (and never the log).
    func record(_ action: SchoolActivity.Action, account: Account?, detail: String) async throws {
        try await accounts.recordActivity(SchoolActivity(schoolID: account?.schoolID, actor: account.map(Actor.init), action: action,
                                                         at: clock.now, detail: detail))
    }
}
