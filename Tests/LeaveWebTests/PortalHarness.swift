import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeaveServices
import LeaveStore
import LeaveWeb
import Testing

/// Builds the real application on a temporary SQLite file with the demo trust, at a fixed
/// moment (Monday 23 November 2026, 10:00 in London), and gives each test browsers to drive it.
enum PortalHarness {
    static let now = Date(timeIntervalSince1970: 1_795_428_000)  // 2026-11-23T10:00:00Z

    /// The project's own forms/ folder, wherever the tests run from.
    static let formsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("forms").path
    static let publicFolder = URL(fileURLWithPath: formsFolder).deletingLastPathComponent().appendingPathComponent("public").path

    static func run(configure: (inout PortalConfiguration) -> Void = { _ in },
                    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        if let server = postgres {
            try await runOnPostgres(server, configure: configure, test)
            return
        }
        try await run(configure: configure) { client, _ in try await test(client) }
    }

    /// With LEAVE_PORTAL_TEST_STORE=postgres (and a server in LEAVE_PORTAL_TEST_POSTGRES), every
    /// test that needs only the portal's pages runs on a new PostgreSQL database instead: the web
    /// suite as a second conformance suite for the PostgreSQL store (scripts/test runs it so).
    /// Tests that read the SQLite file themselves stay on SQLite.
    static let postgres: PostgresURL? = {
        let environment = ProcessInfo.processInfo.environment
        guard environment["LEAVE_PORTAL_TEST_STORE"] == "postgres", let text = environment["LEAVE_PORTAL_TEST_POSTGRES"] else { return nil }
        return try? PostgresURL(text)
    }()

    static func runOnPostgres(_ server: PostgresURL, configure: (inout PortalConfiguration) -> Void,
                              _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await PostgresScratch.with(server: server) { database, url in
            var configuration = PortalConfiguration(
                database: "postgres://\(url.username)@localhost/\(url.database)", store: PostgresStore(database),
                loadDemo: true, bcryptCost: 4, logLevel: .warning, formsDirectory: formsFolder, now: { now })
            configuration.publicDirectory = publicFolder
            configuration.evidenceDirectory = folder.appendingPathComponent("evidence").path
            configure(&configuration)
            let app = try await buildApplication(configuration: configuration)
            try await app.test(.router) { client in try await test(client) }
        }
    }

    /// The same, giving the test the database too, to look at what the portal wrote.
    static func run(configure: (inout PortalConfiguration) -> Void = { _ in },
                    eachConnection: (@Sendable (Database) throws -> Void)? = nil,
                    _ test: @escaping @Sendable (any TestClientProtocol, AppDatabase) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.open(path: folder.appendingPathComponent("portal.sqlite").path, eachConnection: eachConnection)
        var configuration = PortalConfiguration(
            database: folder.appendingPathComponent("portal.sqlite").path, store: SQLiteStore(database),
            loadDemo: true, bcryptCost: 4, logLevel: .warning, formsDirectory: formsFolder, now: { now })
        configuration.publicDirectory = publicFolder
        configure(&configuration)
        let app = try await buildApplication(configuration: configuration)
        try await app.test(.router) { client in try await test(client, database) }
    }
}

/// One person's browser: keeps cookies between requests and fills in the CSRF field as a
/// page of the portal would.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    var csrfToken: String { cookies["lp_csrf"] ?? "" }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let html: String
        var bytes: [UInt8] = []
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a form; the CSRF token is added unless the test sets `csrfToken` itself.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)] = []) async throws -> Page {
        var all = fields
        if !fields.contains(where: { $0.0 == "csrfToken" }) { all.append(("csrfToken", csrfToken)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    /// Posts a multipart form with one file, as a browser's file upload does.
    @discardableResult
    func upload(_ uri: String, _ fields: [(String, String)], file: (name: String, fileName: String, data: Data)?) async throws -> Page {
        let boundary = "----LeavePortalTest\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields + [("csrfToken", csrfToken)] {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await send(uri, method: .post, body: ByteBuffer(bytes: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        try await send(uri, method: method, body: body.map { ByteBuffer(string: $0) },
                       contentType: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            let expired = line.contains("Max-Age=0") || line.contains("Expires=Thu, 01 Jan 1970") || value.isEmpty
            if expired || Self.isPast(line) { cookies[name] = nil } else { cookies[name] = value }
        }
        return Page(status: response.status, headers: response.headers, html: String(buffer: response.body),
                    bytes: Array(response.body.readableBytesView))
    }

    /// A session cookie set to expire now (sign-out) is dropped, as a browser would.
    static func isPast(_ line: String) -> Bool {
        guard let range = line.range(of: "Expires=") else { return false }
        let text = line[range.upperBound...].split(separator: ";")[0]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: String(text)) else { return false }
        return date <= Date()
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Signs in through the real form (fetching it first, for the CSRF cookie).
    @discardableResult
    func signIn(_ email: String, password: String = "demo-password") async throws -> Page {
        try await get("/login")
        return try await post("/login", [("email", email), ("password", password)])
    }
}

extension String {
    /// The reference numbers that appear in a page, in order.
    var references: [String] {
        var found: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: "LP-") {
            let code = rest[range.upperBound...].prefix(6)
            if code.count == 6, code.allSatisfy({ $0.isUppercase || $0.isNumber }) { found.append("LP-" + code) }
            rest = rest[range.upperBound...]
        }
        return found
    }

    /// The first link in a page that starts with `prefix`, up to its closing quote.
    func firstPath(startingWith prefix: String) -> String? {
        range(of: prefix).map { prefix + self[$0.upperBound...].prefix { $0 != "\"" && $0 != "#" } }
    }

    /// The office's pages of single letters linked from this page ("/office/letters/12"), in order.
    var letterPaths: [String] {
        components(separatedBy: "href=\"/office/letters/").dropFirst()
            .filter { link in link.drop { $0.isNumber }.first == "\"" }
            .compactMap { link in Int(link.prefix { $0.isNumber }).map { "/office/letters/\($0)" } }
    }

    /// The first link in the page's main part (not the header's navigation) that starts with `prefix`.
    func firstMainPath(startingWith prefix: String) -> String? {
        guard let main = range(of: "<main") else { return nil }
        return String(self[main.lowerBound...]).firstPath(startingWith: prefix)
    }

    /// The value of the radio button labelled `label`.
    func radioValue(labelled label: String) -> String? {
        guard let labelRange = range(of: ">\(label)</label>") else { return nil }
        let before = self[..<labelRange.lowerBound]
        guard let valueRange = before.range(of: "value=\"", options: .backwards) else { return nil }
        return String(before[valueRange.upperBound...].prefix { $0 != "\"" })
    }
}

/// Filling in the declarative forms as a parent would, page by page.
extension Browser {
    static let leaveDates: [(String, String)] = [
        ("start-day", "7"), ("start-month", "12"), ("start-year", "2026"), ("startSession", "AM"),
        ("end-day", "9"), ("end-month", "12"), ("end-year", "2026"), ("endSession", "PM"),
        ("returnDate-day", "10"), ("returnDate-month", "12"), ("returnDate-year", "2026"),
    ]

    /// The ids of the named children, read from a form's first page.
    func childIDs(_ names: [String], form: String = "leave") async throws -> [String] {
        let page = try await get("/parent/forms/\(form)/children")
        return try names.map { try #require(page.html.radioValue(labelled: $0), "no child \($0) on the form") }
    }

    /// Fills in the leave form up to its evidence page (exceptional circumstances, Monday to Wednesday).
    func fillLeaveUpToEvidence(children: [String] = ["Bryn Marrowfield"]) async throws {
        try await get("/parent/forms/leave")
        let ids = try await childIDs(children)
        try await post("/parent/forms/leave/children", ids.map { ("children", $0) })
        try await post("/parent/forms/leave/reason", [("category", "exceptional"), ("purpose", "Funeral")])
        try await post("/parent/forms/leave/dates", Browser.leaveDates)
    }

    /// Fills in every page of the leave form and sends it; returns the references made.
    @discardableResult
    func askForLeave(children: [String] = ["Bryn Marrowfield"], category: String = "exceptional",
                     purpose: String = "Funeral of a grandparent in Leeds", dates: [(String, String)] = Browser.leaveDates) async throws -> [String] {
        try await get("/parent/forms/leave")
        let ids = try await childIDs(children)
        #expect(try await post("/parent/forms/leave/children", ids.map { ("children", $0) }).location == "/parent/forms/leave/reason")
        #expect(try await post("/parent/forms/leave/reason", [("category", category), ("purpose", purpose)]).location == "/parent/forms/leave/dates")
        let afterDates = try await post("/parent/forms/leave/dates", dates)
        if afterDates.location == "/parent/forms/leave/evidence" {
            #expect(try await post("/parent/forms/leave/evidence", []).location == "/parent/forms/leave/check")
        } else {
            #expect(afterDates.location == "/parent/forms/leave/check")
        }
        let check = try await get("/parent/forms/leave/check")
        #expect(check.status == .ok)
        // Issue 15: Check answers has a back link, to the last page answered.
        #expect(check.html.contains("class=\"back-link\">Back</a>") && check.html.contains("<a href=\"/parent/forms/leave/"))
        let sent = try await post("/parent/forms/leave/submit")
        #expect(sent.status == .seeOther)
        let confirmation = try await get(try #require(sent.location))
        return confirmation.html.references.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}

extension Browser {
    /// The administrator's policy form as the browser would send it: every text box's value,
    /// the checked radios and ticked boxes, with `changes` typed over them.
    func policyForm(_ changes: [String: String] = [:]) async throws -> [(String, String)] {
        let html = try await get("/admin/policy").html
        var fields: [(String, String)] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<input ") {
            let tag = rest[open.upperBound...].prefix { $0 != ">" }
            rest = rest[open.upperBound...]
            func attribute(_ name: String) -> String? {
                tag.range(of: " \(name)=\"").map { String(tag[$0.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&#39;", with: "'") }
            }
            guard let name = attribute("name"), name != "csrfToken", let value = attribute("value") else { continue }
            let type = attribute("type") ?? "text"
            if type == "radio" || type == "checkbox" {
                if tag.contains(" checked") { fields.append((name, value)) }
            } else {
                fields.append((name, value))
            }
        }
        fields = fields.map { field in changes[field.0].map { (field.0, $0) } ?? field }
        for (name, value) in changes where !fields.contains(where: { $0.0 == name }) { fields.append((name, value)) }
        return fields
    }
}
