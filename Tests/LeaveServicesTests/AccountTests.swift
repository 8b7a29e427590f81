import Foundation
import LeaveCore
@testable import LeaveServices
import LeaveStore
import Testing

/// Signing in and adding accounts, without HTTP.
@Suite("Accounts and signing in")
struct AccountTests {
    @Test func signingInChecksTheFormThenThePassword() async throws {
        let h = try await ServiceHarness()
        guard case .incomplete(let errors) = try await h.services.signIn.attempt(email: "", password: "") else {
            Issue.record("an empty form was checked"); return
        }
        #expect(errors.map(\.field) == ["email", "password"])
        guard case .wrongPassword = try await h.services.signIn.attempt(email: "head@oakhollow.example", password: "not it") else {
            Issue.record("a wrong password was accepted"); return
        }
        guard case .signedIn(let account) = try await h.services.signIn.attempt(email: " head@oakhollow.example ", password: DemoTrust.password) else {
            Issue.record("the right password was refused"); return
        }
        #expect(account.role == .headteacher)
    }

    @Test func fiveWrongPasswordsHoldTheAddressBack() async throws {
        let h = try await ServiceHarness()
        for _ in 0..<5 { _ = try await h.services.signIn.attempt(email: "office@oakhollow.example", password: "guess") }
        guard case .heldBack(let errors) = try await h.services.signIn.attempt(email: "office@oakhollow.example", password: DemoTrust.password) else {
            Issue.record("the sixth attempt was not held back"); return
        }
        #expect(errors[0].message.contains("Try again in 15 minutes"))
    }

    @Test func guessesMadeAtTheSameMomentCannotSlipPastTheLimit() async throws {
        let h = try await ServiceHarness()
        let signIn = h.services.signIn
        let outcomes = try await withThrowingTaskGroup(of: SignIn.Outcome.self) { group in
            for _ in 0..<40 { group.addTask { try await signIn.attempt(email: "office@oakhollow.example", password: "guess", client: "203.0.113.9") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let checked = outcomes.filter { if case .wrongPassword = $0 { return true } else { return false } }
        #expect(checked.count == 5, "only five passwords were checked")
        // Another client is held back only once the address's own, higher limit is reached.
        guard case .signedIn = try await signIn.attempt(email: "office@oakhollow.example", password: DemoTrust.password, client: "198.51.100.4") else {
            Issue.record("the owner elsewhere was locked out by a guesser"); return
        }
    }

    @Test func oneClientTryingManyAddressesIsHeldBackToo() async throws {
        let throttle = SignInThrottle(store: try await ServiceHarness().store, pairLimit: 5, addressLimit: 20, clientLimit: 30, window: 900)
        let now = Date(timeIntervalSince1970: 0)
        for index in 0..<30 {
            #expect(try await throttle.reserve(address: "someone\(index)@example.com", client: "203.0.113.7", now: now) == .allowed)
        }
        #expect(try await throttle.reserve(address: "another@example.com", client: "203.0.113.7", now: now) != .allowed)
        #expect(try await throttle.reserve(address: "another@example.com", client: "198.51.100.1", now: now) == .allowed)
    }

    /// Made-up addresses cannot grow the count without bound: what leaves the window is forgotten.
    @Test func theThrottleForgetsWhatLeavesTheWindow() async throws {
        let store = try await ServiceHarness().store
        let throttle = SignInThrottle(store: store, pairLimit: 5, addressLimit: 20, window: 60)
        let start = Date(timeIntervalSince1970: 0)
        for index in 0..<300 {
            _ = try await throttle.reserve(address: "made-up-\(index)@example.com", client: "x", now: start.addingTimeInterval(Double(index)))
        }
        // Three counts (the pair, the address, the client) for each of the last 60 seconds' attempts.
        #expect(try await store.signInAttemptCount() <= 3 * 60)
    }

    /// Two servers behind a load balancer share one database: a guesser sent to each in turn is
    /// counted once, not once per server.
    @Test func twoServersCountOneGuesserOnce() async throws {
        let h = try await ServiceHarness()
        let first = SignInThrottle(store: h.store), second = SignInThrottle(store: SQLiteStore(h.database))
        let now = Date(timeIntervalSince1970: 0)
        for index in 0..<5 {
            let server = index % 2 == 0 ? first : second
            #expect(try await server.reserve(address: "office@oakhollow.example", client: "203.0.113.9", now: now) == .allowed)
        }
        #expect(try await second.reserve(address: "office@oakhollow.example", client: "203.0.113.9", now: now) != .allowed)
        #expect(try await first.reserve(address: "office@oakhollow.example", client: "203.0.113.9", now: now) != .allowed)
    }

    @Test func addressesAreNormalisedOnceAndHiddenCharactersRefused() {
        #expect(EmailAddress.normalise("  Head@OakHollow.Example ") == .success("head@oakhollow.example"))
        #expect(EmailAddress.normalise("head@oakhollow.example\u{0}x") == .failure(.hiddenCharacters))
        #expect(EmailAddress.normalise("head\u{200F}@oakhollow.example") == .failure(.hiddenCharacters))
        #expect(EmailAddress.normalise(String(repeating: "a", count: 250) + "@b.example") == .failure(.tooLong))
        #expect(EmailAddress.normalise("no-at-sign") == .failure(.notAnAddress))
        // One address, one spelling: "é" typed as one character or as e and an accent.
        #expect(EmailAddress.normalise("ren\u{E9}@example.com") == EmailAddress.normalise("rene\u{301}@example.com"))
    }

    @Test func anAccountIsAddedWithItsPasswordHashedAndNotTwice() async throws {
        let h = try await ServiceHarness()
        let school = try await h.account("admin@oakhollow.example").schoolID
        let added = try await h.services.accounts.add(schoolID: school, email: "new.deputy@oakhollow.example", name: "Ms T. Example",
                                                      role: "deputy", password: "a long enough password")
        #expect(added.role == .deputy)
        guard case .signedIn = try await h.services.signIn.attempt(email: "new.deputy@oakhollow.example", password: "a long enough password") else {
            Issue.record("the new account cannot sign in"); return
        }
        await #expect(throws: AccountSetup.Refusal(description: "an account with that email address already exists")) {
            _ = try await h.services.accounts.add(schoolID: school, email: "new.deputy@oakhollow.example", name: "Again",
                                                  role: "deputy", password: "a long enough password")
        }
        await #expect(throws: AccountSetup.Refusal.self) {
            _ = try await h.services.accounts.add(schoolID: school, email: "x@example.com", name: "X", role: "caretaker", password: "a long enough password")
        }
        await #expect(throws: AccountSetup.Refusal(description: "there is no school 999")) {
            _ = try await h.services.accounts.add(schoolID: 999, email: "y@example.com", name: "Y", role: "office", password: "a long enough password")
        }
    }
}
