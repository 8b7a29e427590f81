import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Who can reach what")
struct SecurityTests {
    @Test func aParentCannotSeeAnotherFamilysRequestOrChild() async throws {
        try await PortalHarness.run { client in
            let owner = Browser(client)
            try await owner.signIn("parent2@example.com")
            let reference = try await JourneyTests.submitLeave(owner)
            let ownChildren = try await owner.get("/parent").html
            let childLink = try #require(ownChildren.firstPath(startingWith: "/parent/children/"))
            #expect(try await owner.get(childLink).status == .ok)

            let other = Browser(client)
            try await other.signIn("parent3@example.com")
            #expect(try await other.get("/parent/requests/\(reference)").status == .notFound)
            #expect(try await other.get("/parent/requests/\(reference)/confirmation").status == .notFound)
            #expect(try await other.get("/parent/requests/\(reference)/withdraw").status == .notFound)
            #expect(try await other.post("/parent/requests/\(reference)/withdraw").status == .notFound)
            #expect(try await other.get(childLink).status == .notFound)
            #expect(!(try await other.get("/parent").html.contains(reference)))

            // Posting another family's child id is refused as a choice that is not theirs.
            let childID = String(childLink.split(separator: "/").last!)
            try await other.get("/parent/forms/leave")
            let attempt = try await other.post("/parent/forms/leave/children", [("children", childID)])
            #expect(attempt.status == .unprocessableContent)
            #expect(attempt.html.contains("Select which child the leave is for"))
            #expect(!attempt.html.contains("Bryn Marrowfield"))
            #expect(try await owner.get("/parent/requests/\(reference)").html.contains("Awaiting decision"))
        }
    }

    @Test func staffOfAnotherSchoolSeeNothingOfThisOne() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try await JourneyTests.submitLeave(parent)
            let otherHead = Browser(client)
            try await otherHead.signIn("head@willowmere.example")
            #expect(!(try await otherHead.get("/decisions").html.contains(reference)))
            #expect(try await otherHead.get("/decisions/\(reference)").status == .notFound)
            #expect(try await otherHead.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "x")]).status == .notFound)
        }
    }

    @Test func eachRoleReachesOnlyItsOwnPages() async throws {
        try await PortalHarness.run { client in
            let anonymous = Browser(client)
            for path in ["/parent", "/decisions", "/office/letters", "/admin"] {
                let page = try await anonymous.get(path)
                #expect(page.status == .seeOther, "\(path) should send a stranger to sign in")
                #expect(page.location == "/login")
            }
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            for path in ["/decisions", "/office/letters", "/office/letters/1", "/admin"] {
                #expect(try await parent.get(path).status == .forbidden, "a parent reached \(path)")
            }
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            #expect(try await office.get("/decisions").status == .forbidden)
            #expect(try await office.get("/parent").status == .forbidden)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            #expect(try await head.get("/office/letters").status == .forbidden)
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let settings = try await admin.get("/admin")
            #expect(settings.status == .ok)
            #expect(settings.html.contains("Autumn 2"))
        }
    }

    @Test func aPostWithoutTheRightCSRFTokenIsRefused() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let missing = try await parent.post("/parent/forms/leave/dates", [("csrfToken", "")] + Browser.leaveDates)
            #expect(missing.status == .forbidden)
            let wrong = try await parent.post("/parent/forms/leave/dates", [("csrfToken", String(repeating: "A", count: 43))] + Browser.leaveDates)
            #expect(wrong.status == .forbidden)
            #expect(wrong.html.contains("The form could not be checked"))
            // A browser with no CSRF cookie at all cannot sign in either.
            let stranger = Browser(client)
            let login = try await stranger.post("/login", [("csrfToken", "x"), ("email", "parent2@example.com"), ("password", "demo-password")])
            #expect(login.status == .forbidden)
        }
    }

    @Test func cookiesAreHttpOnlyAndSameSite() async throws {
        try await PortalHarness.run { client in
            let browser = Browser(client)
            let login = try await browser.get("/login")
            let csrf = login.headers[values: .setCookie].first { $0.hasPrefix("lp_csrf=") } ?? ""
            #expect(csrf.contains("HttpOnly"))
            #expect(csrf.contains("SameSite=Lax"))
            try await browser.get("/login")
            let signedIn = try await browser.post("/login", [("email", "parent2@example.com"), ("password", "demo-password")])
            let session = signedIn.headers[values: .setCookie].first { $0.hasPrefix("lp_session=") } ?? ""
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            #expect(signedIn.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
            // Signing out ends the session.
            try await browser.post("/logout")
            #expect(try await browser.get("/parent").location == "/login")
        }
    }

    @Test func aWrongPasswordIsRefusedAndTheEmailKept() async throws {
        try await PortalHarness.run { client in
            let browser = Browser(client)
            let page = try await browser.signIn("parent2@example.com", password: "not the password")
            #expect(page.status == .unauthorized)
            #expect(page.html.contains("Enter a correct email address and password"))
            #expect(page.html.contains("value=\"parent2@example.com\""))
            #expect(browser.cookies["lp_session"] == nil)
            let empty = try await browser.post("/login", [("email", ""), ("password", "")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("Enter your email address"))
        }
    }
}

@Suite("Password guessing")
struct SignInThrottleTests {
    @Test func fiveWrongPasswordsHoldTheAddressBack() async throws {
        try await PortalHarness.run { client in
            let browser = Browser(client)
            for _ in 0..<5 {
                #expect(try await browser.signIn("parent2@example.com", password: "guess").status == .unauthorized)
            }
            let held = try await browser.signIn("parent2@example.com")
            #expect(held.status == .tooManyRequests)
            #expect(held.html.contains("Too many attempts to sign in with this email address. Try again in 15 minutes"))
            #expect(browser.cookies["lp_session"] == nil, "even the right password waits")
            // Other addresses are not affected.
            #expect(try await Browser(client).signIn("parent3@example.com").status == .seeOther)
        }
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
}

@Suite("Static files")
struct StaticFileTests {
    /// The stylesheets are served (by the innermost middleware, after every route has said no).
    @Test func theStylesheetsAreServed() async throws {
        try await PortalHarness.run { client in
            let anyone = Browser(client)
            let css = try await anyone.get("/public/css/portal.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await anyone.get("/public/css/print.css").status == .ok)
            #expect(try await anyone.get("/public/css/none.css").status == .notFound)
        }
    }
}
