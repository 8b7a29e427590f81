import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import LeaveServices
import LeaveStore
import Testing

/// Opening a page never changes what the portal keeps: every page each role can reach by
/// following links is opened, and the database is the same, row for row, afterwards.
@Suite("Opening pages writes nothing")
struct GetWritesNothingTests {
    /// Every row of every table, in order: two equal fingerprints mean nothing was written. The
    /// outbox is left out: the server's delivery service marks messages sent in the background
    /// while the pages are opened, which is not a page writing.
    static func fingerprint(_ database: AppDatabase) throws -> [String: [String]] {
        try database.writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'outbox' ORDER BY name
                """)
            var all: [String: [String]] = [:]
            for table in tables {
                all[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
            }
            return all
        }
    }

    /// Follows every link of the portal's own pages from `start`, opening each once.
    static func crawl(_ browser: Browser, from start: [String], limit: Int = 400) async throws -> [String: HTTPResponse.Status] {
        var seen: [String: HTTPResponse.Status] = [:]
        var queue = start
        while let path = queue.first, seen.count < limit {
            queue.removeFirst()
            guard seen[path] == nil else { continue }
            let page = try await browser.get(path)
            seen[path] = page.status
            var found = page.html.links
            if let location = page.location, location.hasPrefix("/") { found.append(location) }
            for link in found where seen[link] == nil && !queue.contains(link) { queue.append(link) }
        }
        return seen
    }

    @Test func everyPageOfEveryRoleCanBeOpenedWithoutChangingTheDatabase() async throws {
        try await PortalHarness.run { client, database in
            // Something of everything first: requests for two children, one decided with its letter.
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let references = try await parent.askForLeave(children: ["Bryn Marrowfield", "Cai Marrowfield"])
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            let decided = try await head.post("/decisions/\(references[0])", [("confirmed", "yes"), ("outcome", "granted"), ("reason", "A funeral is exceptional")])
            #expect(decided.status == .seeOther)
            // Every page of every form (reached by POSTs in use, so not by links) and their check pages.
            let forms = try FormLoader.load(folder: PortalHarness.formsFolder)
            let formPages = forms.values.flatMap { form in
                form.pages.map { "/parent/forms/\(form.id)/\($0.id)" } + ["/parent/forms/\(form.id)/check"]
            }
            var browsers: [(String, Browser, [String])] = [("parent", parent, ["/"] + formPages)]
            for (email, role) in [("head@oakhollow.example", "headteacher"), ("deputy@oakhollow.example", "deputy"),
                                  ("office@oakhollow.example", "office"), ("admin@oakhollow.example", "admin")] {
                let browser = Browser(client)
                try await browser.signIn(email)
                browsers.append((role, browser, ["/"]))
            }
            let anonymous = Browser(client)
            browsers.append(("signed out", anonymous, ["/login", "/parent", "/decisions", "/office/letters", "/admin"]))

            let before = try Self.fingerprint(database)
            var opened = 0
            for (role, browser, start) in browsers {
                let statuses = try await Self.crawl(browser, from: start)
                opened += statuses.count
                for (path, status) in statuses {
                    #expect(status.code < 500, "\(role): \(path) answered \(status.code)")
                }
                #expect(statuses.count > 1, "\(role) reached no pages")
            }
            let after = try Self.fingerprint(database)
            for table in before.keys.sorted() {
                #expect(before[table] == after[table], "opening \(opened) pages changed the table \(table)")
            }
            #expect(opened > 60)
        }
    }
}

extension String {
    /// The portal's own links in a page (not its stylesheets), without their fragments.
    var links: [String] {
        var found: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: "href=\"") {
            let link = rest[range.upperBound...].prefix { $0 != "\"" }
            let path = String(link.prefix { $0 != "#" }).replacingOccurrences(of: "&amp;", with: "&")
            if path.hasPrefix("/"), !path.hasPrefix("/public/"), !found.contains(path) { found.append(path) }
            rest = rest[range.upperBound...]
        }
        return found
    }
}
