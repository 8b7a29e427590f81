import Foundation
import GRDB
import LeaveCore
@testable import LeaveServices
import LeaveStore
import Testing

/// E-mail leaves through the outbox: once, even when the sender dies between claiming and
/// sending, and for real through a sendmail program (msmtp) to an SMTP server (aiosmtpd).
@Suite("Delivering e-mail")
struct MailDeliveryTests {
    final class Moment: @unchecked Sendable {
        var now = ServiceHarness.now
    }

    /// A transport that records what it was given, and can be made to fail.
    final class Recorder: MailTransport, @unchecked Sendable {
        var sent: [Int64] = []
        var failing = false
        struct Down: Error {}

        func send(_ message: MailMessage, id: Int64, from: String, date: Date) async throws {
            if failing { throw Down() }
            sent.append(id)
        }
    }

    func message(_ schoolID: Int64, to: String = "parent@example.org") -> MailMessage {
        MailMessage(schoolID: schoolID, kind: .decision, to: to, subject: "Decision on your request", text: "Granted.")
    }

    @Test func aMessageClaimedByASenderThatDiedGoesOutOnceLater() async throws {
        let h = try await ServiceHarness()
        let moment = Moment()
        let clock = SchoolClock(timeZone: .gmt, now: { moment.now })
        let school = try await h.account("admin@oakhollow.example").schoolID
        try await h.store.enqueue(message(school), at: moment.now)
        // A sender claims it and dies before sending (kill -9 between the commit and the delivery).
        #expect(try await h.store.claimDueMessages(now: moment.now, until: moment.now.addingTimeInterval(600), limit: 10).count == 1)
        let recorder = Recorder()
        let delivery = MailDelivery(store: h.store, transport: recorder, from: "portal@example.org", clock: clock)
        moment.now += 300
        #expect(try await delivery.deliverDue() == 0, "still claimed by the one that died")
        moment.now += 301
        #expect(try await delivery.deliverDue() == 1)
        moment.now += 3_600
        #expect(try await delivery.deliverDue() == 0)
        #expect(recorder.sent.count == 1)
    }

    @Test func aFailingTransportIsRetriedWithWaitsThenGivenUp() async throws {
        let h = try await ServiceHarness()
        let moment = Moment()
        let school = try await h.account("admin@oakhollow.example").schoolID
        try await h.store.enqueue(message(school), at: moment.now)
        let recorder = Recorder()
        recorder.failing = true
        let delivery = MailDelivery(store: h.store, transport: recorder, from: "portal@example.org",
                                    clock: SchoolClock(timeZone: .gmt, now: { moment.now }))
        for wait in MailDelivery.backoff + [0] {
            _ = try await delivery.deliverDue()
            moment.now += wait + 1
        }
        let failed = try await h.store.failedMessages(schoolID: school, limit: 10)
        #expect(failed.count == 1)
        #expect(failed.first?.attempts == MailDelivery.backoff.count + 1)
        recorder.failing = false
        moment.now += 86_400
        #expect(try await delivery.deliverDue() == 0, "given up: the office sees it")
    }

    @Test func anInvitationWhoseEmailWasGivenUpOnSaysSo() async throws {
        let h = try await ServiceHarness()
        let school = try await h.account("admin@oakhollow.example").schoolID
        _ = try await h.services.invitations.invite(schoolID: school, email: "typo@exmaple.org", name: "A. Typo", role: .office)
        let claimed = try await h.store.claimDueMessages(now: ServiceHarness.now, until: ServiceHarness.now.addingTimeInterval(600), limit: 10)
        let mail = try #require(claimed.first { $0.message.to == "typo@exmaple.org" })
        try await h.store.markFailed(id: mail.id, error: "host not found", retryAt: nil, at: ServiceHarness.now)
        let listed = try #require(try await h.store.invitations(schoolID: school, parents: false, offset: 0, limit: 10).invitations.first { $0.email == "typo@exmaple.org" })
        #expect(listed.status(at: ServiceHarness.now) == .undelivered)
    }

    @Test func anInvitationReachesARealSMTPServerThroughMsmtp() async throws {
        let python = "/usr/bin/python3", msmtp = "/usr/bin/msmtp"
        try #require(FileManager.default.isExecutableFile(atPath: msmtp), "msmtp is missing: scripts/test installs it (apt-get install msmtp)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-smtp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let maildir = folder.appendingPathComponent("maildir")
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let port = Int.random(in: 20_000...40_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        // msmtp as the sendmail program, pointed at the test's server.
        let wrapper = folder.appendingPathComponent("sendmail")
        try "#!/bin/sh\nexec \(msmtp) --host=127.0.0.1 --port=\(port) --from=portal@oakhollow.example \"$@\"\n"
            .write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: wrapper.path)

        let h = try await ServiceHarness()
        let school = try await h.account("admin@oakhollow.example").schoolID
        let sent = try await h.services.invitations.invite(schoolID: school, email: "new.teacher@example.org", name: "Ms N. Teacher", role: .deputy)
        let delivery = MailDelivery(store: h.store, transport: MailSetting.sendmail(wrapper.path).transport(), from: "portal@oakhollow.example",
                                    clock: h.services.clock)
        var delivered = 0
        // The server takes a moment to listen.
        for _ in 0..<50 where delivered == 0 {
            delivered = try await delivery.deliverDue()
            if delivered == 0 {
                try await Task.sleep(for: .milliseconds(200))
                // A refused try waits before the next; the test does not.
                try await h.database.writer.write { db in try db.execute(sql: "UPDATE outbox SET nextAttemptAt = 0, failedAt = NULL") }
            }
        }
        #expect(delivered == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        #expect(files.count == 1)
        let text = try String(contentsOf: maildir.appendingPathComponent("new").appendingPathComponent(try #require(files.first)), encoding: .utf8)
        #expect(text.contains("To: new.teacher@example.org"))
        #expect(text.contains("Subject: Your account for Oakhollow Primary School's leave requests"))
        #expect(text.contains(sent.link))
    }
}

/// What a message looks like when it leaves: headers that cannot be injected, plain text and HTML.
@Suite("E-mail as it is written")
struct MailFormatTests {
    @Test func aMessageCarriesPlainTextAndHTMLAndNoInjectedHeaders() {
        let message = MailMessage(schoolID: 1, kind: .decision, to: "parent@example.org\r\nBcc: everyone@example.org",
                                  subject: "Décision <urgent>", text: "Dear Kit,\n\nSee https://leave.example/parent?a=1&b=2\n\n<b>not bold</b>")
        let text = RFC5322.text(message, id: 7, from: "portal@example.org", date: Date(timeIntervalSince1970: 0))
        #expect(!text.contains("\r\nBcc:"))
        #expect(text.contains("Subject: =?utf-8?B?"))
        #expect(text.contains("Content-Type: multipart/alternative"))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(text.contains("<a href=\"https://leave.example/parent?a=1&amp;b=2\">"))
        #expect(text.contains("&lt;b&gt;not bold&lt;/b&gt;"))
        #expect(!text.contains("\n\n") || text.contains("\r\n\r\n"))
    }
}

/// The headteacher's choice of e-mail about new requests: each, a daily summary, or none.
@Suite("Hearing of new requests")
struct RequestDigestTests {
    func outboxSubjects(_ h: ServiceHarness, to address: String) throws -> [String] {
        try h.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT subject FROM outbox WHERE toAddress = ? ORDER BY id", arguments: [address])
        }
    }

    @Test func aDailySummaryGoesOnceAtTheSchoolsHourInsteadOfAnEmailForEach() async throws {
        let h = try await ServiceHarness()
        let admin = try await h.account("admin@oakhollow.example")
        try await h.store.setNewRequestEmails(.daily(hour: 15), schoolID: admin.schoolID, by: Actor(admin), at: ServiceHarness.now)
        _ = try await RequestReviewTests.send(h)
        #expect(try outboxSubjects(h, to: "head@oakhollow.example").isEmpty, "no e-mail for each request")
        final class Moment: @unchecked Sendable { var now = ServiceHarness.now }
        let moment = Moment()
        let digests = RequestDigests(store: h.store, clock: SchoolClock(timeZone: TimeZone(identifier: "Europe/London") ?? .gmt, now: { moment.now }),
                                     texts: MailTexts(publicURL: "https://leave.example"))
        #expect(try await digests.sendDue() == 0, "10:00 is before the school's hour")
        moment.now += 5 * 3600
        #expect(try await digests.sendDue() == 1)
        #expect(try await digests.sendDue() == 0, "once a day")
        let subjects = try outboxSubjects(h, to: "head@oakhollow.example")
        #expect(subjects.count == 1)
        #expect(subjects.first?.hasPrefix("New leave request to decide") == true)
        #expect(try outboxSubjects(h, to: "deputy@oakhollow.example").count == 1)
    }

    @Test func eachRequestIsEmailedWhenTheSchoolKeepsTheDefault() async throws {
        let h = try await ServiceHarness()
        let item = try await RequestReviewTests.send(h)
        #expect(try outboxSubjects(h, to: "head@oakhollow.example") == ["New leave request to decide (\(item.request.reference.text))"])
    }
}
