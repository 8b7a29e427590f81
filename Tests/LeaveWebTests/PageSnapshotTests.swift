import Foundation
import HummingbirdTesting
import SnapshotTesting
import Testing

/// The HTML of the main pages of each role, compared with the pages kept in __Snapshots__:
/// a change to what people see shows up in review as a change to those files. What differs
/// from run to run (security tokens, reference numbers) is replaced by placeholders first.
@Suite("The main pages, as HTML")
struct PageSnapshotTests {
    /// The page with its random parts replaced: each reference by the order it first appears in.
    static func stable(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"value="[A-Za-z0-9_-]{43}""#, with: #"value="(token)""#, options: .regularExpression)
        var seen: [String] = []
        for reference in html.references where !seen.contains(reference) { seen.append(reference) }
        for (index, reference) in seen.enumerated() {
            text = text.replacingOccurrences(of: reference, with: "LP-REF\(index + 1)")
        }
        return text
    }

    static func snapshot(_ browser: Browser, _ path: String, named name: String,
                         fileID: StaticString = #fileID, file: StaticString = #filePath, testName: String = #function,
                         line: UInt = #line, column: UInt = #column) async throws {
        let page = try await browser.get(path)
        #expect(page.status == .ok, "\(path) answered \(page.status.code)")
        assertSnapshot(of: stable(page.html), as: .lines, named: name, fileID: fileID, file: file, testName: testName, line: line, column: column)
    }

    @Test func signedOut() async throws {
        try await PortalHarness.run { client in
            try await Self.snapshot(Browser(client), "/login", named: "login")
        }
    }

    @Test func parent() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let references = try await parent.askForLeave()
            try await Self.snapshot(parent, "/parent", named: "home")
            try await Self.snapshot(parent, "/parent/forms", named: "forms")
            try await Self.snapshot(parent, "/parent/forms/leave/children?start=1", named: "leave-first-page")
            try await Self.snapshot(parent, "/parent/requests/\(references[0])/confirmation", named: "confirmation")
            try await Self.snapshot(parent, "/parent/requests/\(references[0])", named: "request")
            // A second request, stopped at "Check your answers".
            try await parent.get("/parent/forms/leave")
            let ids = try await parent.childIDs(["Cai Marrowfield"])
            try await parent.post("/parent/forms/leave/children", ids.map { ("children", $0) })
            try await parent.post("/parent/forms/leave/reason", [("category", "holiday"), ("purpose", "A week in Cornwall")])
            try await parent.post("/parent/forms/leave/dates", Browser.leaveDates)
            try await Self.snapshot(parent, "/parent/forms/leave/check", named: "check-answers")
        }
    }

    /// A leave request sent by a parent through the forms, as every staff page needs one.
    static func requestSent(_ client: any TestClientProtocol) async throws -> [String] {
        let parent = Browser(client)
        try await parent.signIn("parent2@example.com")
        return try await parent.askForLeave()
    }

    @Test func headteacher() async throws {
        try await PortalHarness.run { client in
            let references = try await Self.requestSent(client)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            try await Self.snapshot(head, "/decisions", named: "queue")
            try await Self.snapshot(head, "/decisions/\(references[0])", named: "request")
            // Issue 13: the confirmation step shows the letter's first lines before anything is kept.
            let confirm = try await head.post("/decisions/\(references[0])", [("outcome", "refused"), ("reason", "Not exceptional enough")])
            #expect(confirm.status == .ok)
            assertSnapshot(of: Self.stable(confirm.html), as: .lines, named: "confirm")
            try await head.post("/decisions/\(references[0])", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional enough")])
            try await Self.snapshot(head, "/decisions/\(references[0])?recorded=1", named: "decided")
            try await Self.snapshot(head, "/decisions/decided", named: "decided-list")
        }
    }

    @Test func office() async throws {
        try await PortalHarness.run { client in
            let references = try await Self.requestSent(client)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            try await head.post("/decisions/\(references[0])", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "A funeral is exceptional")])
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            try await Self.snapshot(office, "/office/letters", named: "letters")
            let letter = try #require(try await office.get("/office/letters").html.letterPaths.first)
            try await Self.snapshot(office, letter, named: "letter")
            try await Self.snapshot(office, "/office/imports", named: "imports")
            try await Self.snapshot(office, "/office", named: "today")
            try await Self.snapshot(office, "/office/lunchtime", named: "lunchtime")
            try await Self.snapshot(office, "/office/register?from=2026-12-07&to=2026-12-09", named: "register")
        }
    }

    @Test func admin() async throws {
        try await PortalHarness.run { client in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            try await Self.snapshot(admin, "/admin", named: "settings")
            try await Self.snapshot(admin, "/admin/policy", named: "policy")
            try await Self.snapshot(admin, "/admin/calendar", named: "calendar")
        }
    }
}
