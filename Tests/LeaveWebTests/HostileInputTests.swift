import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeaveStore
import PropertyBased
import Testing

/// Every route and every field, sent what an attacker or a broken client sends: control
/// characters, bytes that are not UTF-8, numbers out of range, huge and repeated fields, odd
/// path segments. Every answer is a 4xx or a page, never a 5xx, and the portal stays up.
@Suite("Hostile input on every route")
struct HostileInputTests {
    /// Values chosen for what breaks parsers and conversions, besides random ones.
    static let specials = [
        "", " ", "\u{0}", "%00", "1e300", "-1e300", "inf", "nan", "-0", "99999999999999999999", "-9223372036854775808",
        "0x7FFFFFFF", "2026-02-30", "31/02/2027", "9/3/2027\r\n10/3/2027", "<script>alert(1)</script>", "' OR 1=1 --",
        "../../etc/passwd", "\u{202E}evil", "\u{FEFF}", "é", "😀", String(repeating: "9", count: 400),
        String(repeating: "x", count: 19_000), "yes", "AM", "granted", "exceptional", "1", "0", "13", "-5",
    ]

    /// Each POST route of the portal, who sends it, and the fields its forms carry.
    static let routes: [(role: String, path: String, fields: [String])] = [
        ("", "/login", ["email", "password"]),
        ("parent2@example.com", "/parent/forms/leave/children", ["children"]),
        ("parent2@example.com", "/parent/forms/leave/reason", ["category", "purpose"]),
        ("parent2@example.com", "/parent/forms/leave/dates", ["start-day", "start-month", "start-year", "startSession", "end-day",
                                                              "end-month", "end-year", "endSession", "returnDate-day", "returnDate-month",
                                                              "returnDate-year", "change"]),
        ("parent2@example.com", "/parent/forms/leave/evidence", ["removeFile", "start"]),
        ("parent2@example.com", "/parent/forms/performance/licence", ["licenceNumber", "authority", "namesDates"]),
        ("parent2@example.com", "/parent/forms/performance/licence-dates", ["licenceDates"]),
        ("parent2@example.com", "/parent/forms/performance/education", ["hoursPerWeek", "hoursPerDay", "maxHours"]),
        ("parent2@example.com", "/parent/forms/lunchtime/days", ["days", "from-day", "from-month", "from-year"]),
        ("parent2@example.com", "/parent/forms/leave/submit", []),
        ("parent2@example.com", "/parent/requests/LP-AAAAAA/withdraw", []),
        ("head@oakhollow.example", "/decisions/LP-AAAAAA", ["outcome", "reason", "overrideReason", "consultation", "grantedFrom-day",
                                                           "grantedFrom-month", "grantedFrom-year", "grantedFromSession", "applyToLinked"]),
        ("office@oakhollow.example", "/office/letters/1/printed", []),
        ("admin@oakhollow.example", "/admin/policy", ["preset", "noticeDays", "preferredNoticeDays", "authorisedAbsenceLimit",
                                                      "penaltyNoticeAmounts", "returnDateRequired", "escalateUnforeseenTo", "policyAddress"]),
        ("admin@oakhollow.example", "/admin/calendar/assessments", ["name", "yearGroups", "start-day", "start-month", "start-year",
                                                                   "end-day", "end-month", "end-year"]),
        ("admin@oakhollow.example", "/admin/calendar/religious-days", ["religion", "dayName", "date-day", "date-month", "date-year"]),
        ("admin@oakhollow.example", "/admin/calendar/assessments/1/remove", []),
    ]

    static func value(_ random: String, _ pick: Int) -> String { pick < specials.count ? specials[pick] : random }

    @Test func everyFieldOfEveryRouteAnswersWithoutA5xx() async throws {
        try await PortalHarness.run { client in
            var browsers: [String: Browser] = [:]
            for role in Set(Self.routes.map(\.role)) {
                let browser = Browser(client)
                if role.isEmpty { try await browser.get("/login") } else { try await browser.signIn(role) }
                browsers[role] = browser
            }
            for route in Self.routes {
                let browser = try #require(browsers[route.role])
                await propertyCheck(count: 40, input: Gen.latin1.string(of: 0...80), Gen.int(in: 0...(Self.specials.count + 10))) { random, pick in
                    let hostile = Self.value(random, pick)
                    // Every field the same value, and the first field sent twice.
                    var fields = route.fields.map { ($0, hostile) }
                    if let first = route.fields.first { fields.append((first, hostile + "2")) }
                    let page = try await browser.post(route.path, fields)
                    #expect(page.status.code < 500, "\(route.path) answered \(page.status.code) to \(hostile.debugDescription.prefix(60))")
                }
            }
            #expect(try await Browser(client).get("/health").status == .ok)
        }
    }

    @Test func bytesThatAreNotUTF8AndBrokenBodiesAreRefusedCleanly() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let token = parent.csrfToken
            let bodies: [(String, String?)] = [
                ("purpose=%FF%FE%80&category=exceptional&csrfToken=\(token)", "application/x-www-form-urlencoded"),
                ("purpose=%&category=%zz&csrfToken=\(token)", "application/x-www-form-urlencoded"),
                ("--x\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--x--\r\n", "multipart/form-data; boundary=x"),
                ("--x\r\nbroken", "multipart/form-data; boundary=x"),
                ("{\"purpose\": 1}", "application/json"),
                ("purpose=x", nil),
            ]
            for (body, type) in bodies {
                let page = try await parent.send("/parent/forms/leave/reason", method: .post, body: ByteBuffer(string: body), contentType: type)
                #expect(page.status.code >= 400 && page.status.code < 500 || page.status == .seeOther || page.status == .unprocessableContent,
                        "\(body.prefix(40)) answered \(page.status.code)")
            }
            // Odd path segments where an id or a reference belongs.
            for path in ["/parent/requests/%00", "/parent/requests/LP-%FF%FF", "/parent/children/99999999999999999999",
                         "/parent/children/-1", "/files/..%2F..%2Fportal.sqlite", "/parent/forms/leave/%2E%2E", "/decisions/'"] {
                let page = try await parent.get(path)
                #expect(page.status.code < 500, "\(path) answered \(page.status.code)")
            }
            #expect(try await parent.get("/health").status == .ok)
            // The headteacher's and the admin's filters, with what no form sends (issue 13).
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            for path in ["/decisions/pupils/99999999999999999999", "/decisions/pupils/-1", "/decisions/pupils/%00",
                         "/decisions?q=%00%25_%5C&year=99999999999999999999&kind=%FF&advice=&due=year&page=-5",
                         "/decisions?q=" + String(repeating: "a", count: 5000), "/decisions/decided?outcome=%27&q=%27%20OR%201%3D1--"] {
                let page = try await head.get(path)
                #expect(page.status.code < 500, "\(path.prefix(60)) answered \(page.status.code)")
            }
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            for path in ["/admin/audit?from=9999-99-99&to=0000-00-00", "/admin/audit?ref=%00&who=%25%25%25", "/admin/audit?from=-1&to=2026-02-30"] {
                let page = try await admin.get(path)
                #expect(page.status.code < 500, "\(path) answered \(page.status.code)")
            }
        }
    }

    @Test func nothingIsStoredFromAFormThatWasRefused() async throws {
        try await PortalHarness.run { client, database in
            let admin = Browser(client)
            try await admin.signIn("admin@oakhollow.example")
            let before = try await database.writer.read { db in
                try ["assessmentPeriod", "religiousDay", "schoolPolicy", "leaveRequest"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
            }
            await propertyCheck(count: 60, input: Gen.latin1.string(of: 0...40), Gen.int(in: 0...(Self.specials.count - 1))) { random, pick in
                let hostile = Self.value(random, pick)
                // A year group or a date that cannot be right, so each of these must be refused.
                _ = try await admin.post("/admin/calendar/assessments", [("name", hostile), ("yearGroups", "14"), ("start-day", hostile),
                                                                         ("start-month", "13"), ("start-year", "2027")])
                _ = try await admin.post("/admin/calendar/religious-days", [("religion", hostile), ("dayName", hostile), ("date-day", "32"),
                                                                            ("date-month", "1"), ("date-year", "2027")])
            }
            let after = try await database.writer.read { db in
                try ["assessmentPeriod", "religiousDay", "schoolPolicy", "leaveRequest"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
            }
            #expect(before == after)
        }
    }
}
