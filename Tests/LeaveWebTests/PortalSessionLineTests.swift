import Foundation
import Testing
@testable import LeaveCore
@testable import LeaveImport
@testable import LeaveServices
@testable import LeaveWeb

/// A session is kept as one line of names and values (issue 11): read back, it must be the
/// session that was kept, whatever the parent typed; sessions kept as JSON before still open.
@Suite("A session kept as a line")
struct PortalSessionLineTests {
    static func reread(_ session: PortalSession) throws -> PortalSession {
        try PortalSession(stored: Data(session.line.utf8))
    }

    @Test func everyPartComesBackAsItWasKept() throws {
        var session = PortalSession(accountID: 42, signedInAt: Date(timeIntervalSinceReferenceDate: 817_120_800.123_456))
        session.seenAt = Date(timeIntervalSinceReferenceDate: 817_121_000.5)
        session.formDraft = FormDraft(formID: "leave", values: ["purpose": ["A funeral & a wake = 100%", "日本語"], "children": ["12", "13"],
                                                                "evidence": []],
                                      uploads: ["evidence": [RequestDetails.Evidence(id: "abc", fileName: "letter & note.pdf")]],
                                      submissionKey: "key-1", startedWith: "nonce")
        session.lastSent = .init(formID: "lunchtime", reference: "LP-ABC123")
        var calendar = CalendarBatch()
        calendar.terms = [Term(name: "Autumn", start: SchoolDate(iso: "2026-09-02")!, end: SchoolDate(iso: "2026-12-18")!)]
        session.pendingCalendar = calendar

        let back = try Self.reread(session)
        #expect(back.accountID == 42 && back.signedInAt == session.signedInAt && back.seenAt == session.seenAt)
        #expect(back.formDraft == session.formDraft)
        #expect(back.lastSent?.formID == "lunchtime" && back.lastSent?.reference == "LP-ABC123")
        #expect(back.pendingCalendar == calendar)
        #expect(session.line.hasPrefix(PortalSession.linePrefix) && !session.line.contains("{\"formID\""))
    }

    @Test func aSessionWithNothingButItsAccountComesBackEmpty() throws {
        let back = try Self.reread(PortalSession(accountID: 7))
        #expect(back.accountID == 7 && back.signedInAt == nil && back.seenAt == nil && back.formDraft == nil)
        #expect(back.lastSent == nil && back.pendingCalendar == nil)
        // A draft begun but not yet answered keeps its key and no answers.
        var started = PortalSession(accountID: 7)
        started.formDraft = FormDraft(formID: "leave", values: [:], uploads: [:], submissionKey: "k", startedWith: nil)
        #expect(try Self.reread(started).formDraft == started.formDraft)
    }

    @Test func aSessionKeptAsJSONBeforeStillOpens() throws {
        let old = #"{"accountID":9,"signedInAt":817120800,"seenAt":817120900,"formDraft":{"formID":"leave","answers":"purpose=A%20funeral","submissionKey":"k"},"lastSent":{"formID":"leave","reference":"LP-XYZ789"}}"#
        let session = try PortalSession(stored: Data(old.utf8))
        #expect(session.accountID == 9 && session.formDraft?.value("purpose") == "A%20funeral".removingPercentEncoding)
        #expect(session.lastSent?.reference == "LP-XYZ789" && session.signedInAt == Date(timeIntervalSinceReferenceDate: 817_120_800))
    }

    @Test(arguments: ["session-line&signedIn=1", "session-line&account=x", "session-line&account=1&seen=never",
                      "session-line&account=1&sent=leave", "session-line&account=1&form=leave&answers=%zz", "not a session"])
    func aDamagedSessionIsRefused(_ stored: String) {
        #expect(throws: (any Error).self) { try PortalSession(stored: Data(stored.utf8)) }
    }
}
