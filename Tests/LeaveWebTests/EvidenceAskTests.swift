import Foundation
import GRDB
import HummingbirdTesting
import LeaveStore
import Testing

/// The headteacher asks the parent for evidence before deciding (issue 13, "Ask for evidence");
/// the parent is e-mailed (issue 12, "evidence asked for"), sends a file on their request's
/// page, and the request returns to the queue.
@Suite("Evidence asked for")
struct EvidenceAskTests {
    static let pdf = Data("%PDF-1.4\n%evidence\n".utf8) + Data(repeating: 0x42, count: 1_000)

    @Test func theHeadteacherAsksAndTheParentAnswersFromTheirRequestPage() async throws {
        try await PortalHarness.run { client, database in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try #require(try await parent.askForLeave().first)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")

            // Nothing said: the form comes back with the message and nothing changes.
            let empty = try await head.post("/decisions/\(reference)/evidence", [("evidenceNote", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("Enter what evidence the parent needs to send"))

            let asked = try await head.post("/decisions/\(reference)/evidence",
                                             [("evidenceNote", "A copy of the funeral notice, please.")])
            #expect(asked.location == "/decisions/\(reference)")
            let queue = try await head.get("/decisions")
            #expect(queue.html.contains("Waiting for evidence from parents"))
            #expect(!queue.html.contains("<td><a href=\"/decisions/\(reference)\">"), "out of the queue's table meanwhile")
            let page = try await head.get("/decisions/\(reference)")
            #expect(page.html.contains("A copy of the funeral notice, please."))
            #expect(page.html.contains("Waiting for the parent to send the evidence"))

            // The parent's e-mail, written with the change.
            let mail = try await database.writer.read { db in
                try Row.fetchOne(db, sql: "SELECT toAddress, subject, body FROM outbox WHERE kind = 'evidence-requested'")
            }
            #expect(mail?["toAddress"] == "parent2@example.com")
            #expect((mail?["subject"] as String?)?.contains("Evidence needed for your request \(reference)") == true)
            #expect((mail?["body"] as String?)?.contains("A copy of the funeral notice, please.") == true)

            // Issue 14: a letter too, for the office to post, carried by the e-mail; nothing decided in it.
            let letter = try await database.writer.read { db in
                try Row.fetchOne(db, sql: "SELECT id, kind, decisionId, html, pdf IS NOT NULL AS hasPDF FROM letter")
            }
            #expect(letter?["kind"] == "evidence-asked" && (letter?["decisionId"] as Int64?) == nil && letter?["hasPDF"] == true)
            let html = try #require(letter?["html"] as String?)
            #expect(html.contains("Evidence needed for your request for Bryn Marrowfield (\(reference))"))
            #expect(html.contains("<h2>What the school needs</h2>") && html.contains("A copy of the funeral notice, please."))
            #expect(html.contains("<td>Not decided yet: evidence asked for</td>"))
            #expect(html.contains("/parent/requests/\(reference)"))
            #expect(!html.contains("Yours sincerely,</p>\n<p>If you would like to discuss"))
            #expect(try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT letterId FROM outbox WHERE kind = 'evidence-requested'")
            } == letter?["id"])
            let office = Browser(client)
            try await office.signIn("office@oakhollow.example")
            let letters = try await office.get("/office/letters").html
            #expect(letters.contains("Evidence asked for") && letters.contains(reference))
            // The parent's own letter link is the decision's, never this one.
            #expect(try await parent.get("/parent/requests/\(reference)/letter.pdf").status == .notFound)

            // The parent sees what is needed; sending nothing says so and keeps what they typed.
            let own = try await parent.get("/parent/requests/\(reference)")
            #expect(own.html.contains("The school needs evidence before it can decide"))
            #expect(own.html.contains("Evidence asked for"))
            let noFile = try await parent.upload("/parent/requests/\(reference)/evidence", [("answer", "Here it is")], file: nil)
            #expect(noFile.status == .unprocessableContent)
            #expect(noFile.html.contains("Select a file to send"))
            #expect(noFile.html.contains("Here it is"))
            let sent = try await parent.upload("/parent/requests/\(reference)/evidence", [("answer", "Here it is")],
                                               file: (name: "evidence", fileName: "notice.pdf", data: Self.pdf))
            #expect(sent.location == "/parent/requests/\(reference)?done=evidence-sent")
            let after = try await parent.get(try #require(sent.location))
            #expect(after.html.contains("Evidence sent"))
            #expect(after.html.contains("notice.pdf"))
            #expect(!after.html.contains("The school needs evidence before it can decide"))

            // Back in the queue, with the file and the answer on the headteacher's page.
            #expect(try await head.get("/decisions").html.contains("<td><a href=\"/decisions/\(reference)\">"))
            let back = try await head.get("/decisions/\(reference)")
            #expect(back.html.contains("Evidence sent later"))
            #expect(back.html.contains("Here it is"))
            let link = try #require(back.html.firstMainPath(startingWith: "/files/"))
            #expect(try await head.get(link).status == .ok)
            // Nothing more can be sent until asked again; the history keeps both events.
            let again = try await parent.upload("/parent/requests/\(reference)/evidence", [], file: (name: "evidence", fileName: "x.pdf", data: Self.pdf))
            #expect(again.status == .conflict)
            #expect(back.html.contains("Evidence asked for") && back.html.contains("Evidence sent"))
        }
    }

    @Test func aDecidedRequestCannotBeSentBackForEvidence() async throws {
        try await PortalHarness.run { client in
            let parent = Browser(client)
            try await parent.signIn("parent2@example.com")
            let reference = try #require(try await parent.askForLeave().first)
            let head = Browser(client)
            try await head.signIn("head@oakhollow.example")
            try await head.post("/decisions/\(reference)", [("confirmed", "yes"), ("outcome", "refused"), ("reason", "Not exceptional")])
            #expect(try await head.post("/decisions/\(reference)/evidence", [("evidenceNote", "Too late")]).status == .conflict)
        }
    }
}
