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

    /// Issue 14: "the decision e-mail of issue 9 attaches" the letter: the same bytes as the
    /// stored PDF, as an attachment beside the words.
    @Test func theDecisionEmailCarriesTheLettersPDF() async throws {
        let h = try await ServiceHarness()
        let item = try await RequestReviewTests.send(h)
        let head = try await h.account("head@oakhollow.example")
        _ = try await h.services.decisions.decide(item, answers: DecisionDeskTests.grant(), applyToLinked: false, by: head)
        let claimed = try await h.store.claimDueMessages(now: ServiceHarness.now.addingTimeInterval(60), until: ServiceHarness.now.addingTimeInterval(660), limit: 10)
        let decision = try #require(claimed.first { $0.message.kind == .decision })
        let stored = try await h.database.writer.read { db in try Data.fetchOne(db, sql: "SELECT pdf FROM letter") }
        #expect(decision.message.attachments.count == 1)
        #expect(decision.message.attachments.first?.fileName == "letter-\(item.request.reference.text).pdf")
        #expect(decision.message.attachments.first?.bytes == stored.map { [UInt8]($0) })
        #expect(decision.message.text.contains("The school's letter is attached as a PDF"))
        let text = RFC5322.text(decision.message, id: decision.id, from: "portal@example.org", date: ServiceHarness.now)
        #expect(text.contains("Content-Type: multipart/mixed; boundary="))
        #expect(text.contains("Content-Type: multipart/alternative; boundary="))
        #expect(text.contains("Content-Disposition: attachment; filename=\"letter-\(item.request.reference.text).pdf\""))
        let base64 = text.components(separatedBy: "Content-Disposition: attachment; filename=\"letter-\(item.request.reference.text).pdf\"\r\n\r\n")[1]
            .components(separatedBy: "\r\n--")[0]
        #expect(Data(base64Encoded: base64, options: .ignoreUnknownCharacters) == stored)
        #expect(base64.split(separator: "\r\n").allSatisfy { $0.count <= 76 })
        // Other e-mails carry nothing.
        #expect(claimed.filter { $0.message.kind != .decision }.allSatisfy { $0.message.attachments.isEmpty })
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

    /// A delivery status notification (RFC 3464) as a receiving server sends one back.
    static func report(about original: String, recipient: String, action: String = "failed") -> String {
        let headers = original.components(separatedBy: "\r\n\r\n").first ?? ""
        return [
            "From: MAILER-DAEMON@mx.example.org", "To: portal@oakhollow.example", "Subject: Undelivered Mail Returned to Sender",
            "MIME-Version: 1.0", "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"", "",
            "--B", "Content-Type: text/plain", "", "This is the mail system. Your message could not be delivered.", "",
            "--B", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.org", "",
            "Final-Recipient: rfc822; \(recipient)", "Action: \(action)", "Status: 5.1.1",
            "Diagnostic-Code: smtp; 550 5.1.1 <\(recipient)>: Recipient address rejected: User unknown", "",
            "--B", "Content-Type: text/rfc822-headers", "", headers, "", "--B--", "",
        ].joined(separator: "\r\n")
    }

    @Test func aMessageThatComesBackLaterShowsAsNotDelivered() async throws {
        let h = try await ServiceHarness()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leave-bounce-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let school = try await h.account("admin@oakhollow.example").schoolID
        _ = try await h.services.invitations.invite(schoolID: school, email: "gone@example.org", name: "Mr G. One", role: .office)
        let delivery = MailDelivery(store: h.store, transport: MailSetting.directory(folder.appendingPathComponent("sent").path).transport(),
                                    from: "portal@oakhollow.example", clock: h.services.clock)
        #expect(try await delivery.deliverDue() >= 1)
        let sentFolder = folder.appendingPathComponent("sent")
        let sentFiles = try FileManager.default.contentsOfDirectory(atPath: sentFolder.path)
        let original = try #require(try sentFiles.map { try String(contentsOf: sentFolder.appendingPathComponent($0), encoding: .utf8) }
            .first { $0.contains("To: gone@example.org") })
        func invitation() async throws -> Invitation? {
            try await h.store.invitations(schoolID: school, parents: false, offset: 0, limit: 10).invitations.first { $0.email == "gone@example.org" }
        }
        #expect(try await invitation()?.status(at: ServiceHarness.now) == .pending)

        let maildir = folder.appendingPathComponent("bounces")
        try FileManager.default.createDirectory(at: maildir.appendingPathComponent("new"), withIntermediateDirectories: true)
        func deliverReport(_ name: String, _ text: String) throws {
            try text.write(to: maildir.appendingPathComponent("new").appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        // A delay, a report naming someone else, and mail that is no report change nothing.
        try deliverReport("1.delayed", Self.report(about: original, recipient: "gone@example.org", action: "delayed"))
        try deliverReport("2.other", Self.report(about: original, recipient: "someone.else@example.org"))
        try deliverReport("3.spam", "From: x@example.com\r\nSubject: hello\r\n\r\nMessage-ID: <leave-portal-1-2@x>\r\n")
        let returned = ReturnedMail(store: h.store, maildir: maildir.path, clock: h.services.clock)
        #expect(try await returned.readNew() == 0)
        #expect(try await invitation()?.status(at: ServiceHarness.now) == .pending)

        try deliverReport("4.failed", Self.report(about: original, recipient: "Gone@Example.org"))
        #expect(try await returned.readNew() == 1)
        #expect(try await invitation()?.status(at: ServiceHarness.now) == .undelivered)
        let failed = try await h.store.failedMessages(schoolID: school, limit: 10)
        #expect(failed.contains { $0.message.to == "gone@example.org" })
        // Every report is read once: moved to cur/, and a second look finds nothing new.
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path).count == 4)
        #expect(try await returned.readNew() == 0)
        let lines = try await h.store.activity(schoolID: school, limit: 5)
        #expect(lines.contains { $0.action == .mailReturned && $0.detail.contains("5.1.1") })
    }
}
