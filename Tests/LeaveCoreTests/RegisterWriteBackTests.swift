import Foundation
import Testing
@testable import LeaveCore

/// Issue 14 "The office desk": the register's write-back, worked out by hand on
/// `TimeMissedTests.calendar` (an INSET day on Friday 27 November 2026, term ends 18 December).
@Suite("The register's write-back")
struct RegisterWriteBackTests {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }

    static func decided(_ reference: String, _ kind: LeaveKind, _ category: LeaveCategory?, _ outcome: DecisionOutcome,
                        from: (String, Session), to: (String, Session), granted: (SessionPoint, SessionPoint)? = nil) -> RegisterWriteBack.DecidedLeave {
        let application = LeaveApplication(pupilID: 1, kind: kind, purpose: "p", start: SessionPoint(d(from.0), from.1),
                                           end: SessionPoint(d(to.0), to.1), returnDate: d(to.0).adding(days: 1), category: category)
        let request = LeaveRequest(id: 1, reference: ReferenceNumber(reference)!, schoolID: 1, parentID: 1, application: application,
                                   sessions: 0, schoolDays: 0, status: .granted, submittedAt: Date(timeIntervalSince1970: 0))
        return RegisterWriteBack.DecidedLeave(upn: "A123456789012", request: request, outcome: outcome,
                                              grantedFrom: granted?.0, grantedTo: granted?.1)
    }

    @Test func eachDecisionGivesItsSessionsTheirCode() {
        let items = [
            // 001 Appendix 1: an interview granted is J1, on the one afternoon.
            Self.decided("LP-AAAAAB", .exceptional, .interview, .granted, from: ("2026-11-24", .pm), to: ("2026-11-24", .pm)),
            // Thursday to Monday: the INSET Friday and the weekend are not sessions.
            Self.decided("LP-AAAAAC", .medical, nil, .granted, from: ("2026-11-26", .am), to: ("2026-11-30", .am)),
            // 004: a refused holiday is G, written only if the pupil is in fact away.
            Self.decided("LP-AAAAAD", .holiday, .holiday, .refused, from: ("2026-12-01", .am), to: ("2026-12-01", .pm)),
            // Granted in part: C for the part, G (if absent) for the rest.
            Self.decided("LP-AAAAAE", .exceptional, .exceptional, .grantedInPart, from: ("2026-12-02", .am), to: ("2026-12-03", .pm),
                         granted: (SessionPoint(Self.d("2026-12-02"), .am), SessionPoint(Self.d("2026-12-02"), .pm))),
            // Lunchtime permission is not an absence.
            Self.decided("LP-AAAAAF", .lunchtime, nil, .granted, from: ("2026-11-23", .am), to: ("2026-12-18", .pm)),
        ]
        let entries = RegisterWriteBack.entries(items, calendar: TimeMissedTests.calendar, from: Self.d("2026-11-23"), to: Self.d("2026-12-04"))
        let lines = entries.map { "\($0.session.date.iso) \($0.session.session.rawValue) \($0.code.rawValue) \($0.reference.text)\($0.onlyIfAbsent ? " if absent" : "")" }
        #expect(lines == [
            "2026-11-24 PM J1 LP-AAAAAB",
            "2026-11-26 AM M LP-AAAAAC", "2026-11-26 PM M LP-AAAAAC", "2026-11-30 AM M LP-AAAAAC",
            "2026-12-01 AM G LP-AAAAAD if absent", "2026-12-01 PM G LP-AAAAAD if absent",
            "2026-12-02 AM C LP-AAAAAE", "2026-12-02 PM C LP-AAAAAE",
            "2026-12-03 AM G LP-AAAAAE if absent", "2026-12-03 PM G LP-AAAAAE if absent",
        ])
        // Only the days asked for: the medical appointment from Friday on is one session.
        let later = RegisterWriteBack.entries(items, calendar: TimeMissedTests.calendar, from: Self.d("2026-11-27"), to: Self.d("2026-11-30"))
        #expect(later.map(\.reference.text) == ["LP-AAAAAC"])
    }

    @Test func theCSVIsWhatAnMISReadsAndNoSpreadsheetRuns() {
        let entry = RegisterWriteBack.Entry(upn: "=HYPERLINK(\"x\")", session: SessionPoint(Self.d("2026-11-24"), .pm), code: .interview,
                                            reference: ReferenceNumber("LP-AAAAAB")!, onlyIfAbsent: false)
        let csv = RegisterWriteBack.csv([entry])
        #expect(csv == "UPN,Date,Session,Code,Reference,Write\r\n\"'=HYPERLINK(\"\"x\"\")\",2026-11-24,PM,J1,LP-AAAAAB,granted\r\n")
    }

    /// Issue 14 "marked exported": each session against what the last export gave the MIS.
    @Test func eachSessionIsNewExportedOrChangedSinceItsExport() {
        let morning = SessionPoint(Self.d("2026-12-01"), .am), afternoon = SessionPoint(Self.d("2026-12-01"), .pm)
        let reference = ReferenceNumber("LP-AAAAAD")!
        let entries = [
            RegisterWriteBack.Entry(upn: "A1", session: morning, code: .exceptional, reference: reference, onlyIfAbsent: false),
            RegisterWriteBack.Entry(upn: "A1", session: afternoon, code: .unauthorisedHoliday, reference: reference, onlyIfAbsent: true),
            RegisterWriteBack.Entry(upn: "A2", session: morning, code: .medical, reference: reference, onlyIfAbsent: false),
        ]
        let then = Date(timeIntervalSince1970: 1_800_000_000)
        let exported: [RegisterWriteBack.Cell: (code: AttendanceCode, at: Date)] = [
            RegisterWriteBack.Cell(upn: "A1", session: morning): (.exceptional, then),
            RegisterWriteBack.Cell(upn: "A1", session: afternoon): (.exceptional, then),  // granted then, refused since
        ]
        #expect(RegisterWriteBack.states(entries, exported: exported)
                == [.exported(on: then), .changed(from: .exceptional, on: then), .new])
    }
}
