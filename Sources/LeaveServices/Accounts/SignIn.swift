import Foundation
import LeaveCore
import LeaveStore

/// Signing in with an e-mail address and password, behind the throttle that slows guessing.
public struct SignIn: Sendable {
    let accounts: any AccountStore
    let passwords: Passwords
    let throttle: SignInThrottle
    let clock: SchoolClock

    public init(accounts: any AccountStore, passwords: Passwords, throttle: SignInThrottle, clock: SchoolClock) {
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

    public func attempt(email typed: String, password: String) async throws -> Outcome {
        let email = typed.trimmingCharacters(in: .whitespaces)
        var errors: [FieldError] = []
        if email.isEmpty {
            errors.append(FieldError(field: "email", message: "Enter your email address"))
        } else if !email.contains("@") {
            errors.append(FieldError(field: "email", message: "Enter an email address in the correct format, like name@example.com"))
        }
        if password.isEmpty { errors.append(FieldError(field: "password", message: "Enter your password")) }
        guard errors.isEmpty else { return .incomplete(errors) }

        if let until = await throttle.heldUntil(email, now: clock.now) {
            let minutes = max(1, Int((until.timeIntervalSince(clock.now) / 60).rounded(.up)))
            return .heldBack([FieldError(field: "email", message: "Too many attempts to sign in with this email address. Try again in \(minutes) \(minutes == 1 ? "minute" : "minutes"), or ask the school office to reset your password")])
        }
        let found = try await accounts.account(email: email)
        guard try await passwords.verify(password, hash: found?.passwordHash), let account = found?.account else {
            await throttle.failed(email, now: clock.now)
            return .wrongPassword([FieldError(field: "email", message: "Enter a correct email address and password")])
        }
        await throttle.succeeded(email)
        return .signedIn(account)
    }
}
