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
