import Testing
@testable import LeaveCore

/// Issue 13, "Half-day requests": one function counts the time missed and finds the day back,
/// for every morning/afternoon combination, across weekends, half terms and closures. The
/// figures below are worked out by hand from this calendar.
@Suite("Time missed and the return to school")
struct TimeMissedTests {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }
    /// Autumn 2 2026 from Monday 2 November to Friday 18 December, an INSET day on Friday 27
    /// November; half term before it (26–30 October); spring from Tuesday 5 January 2027.
    static let calendar = SchoolCalendar(
        terms: [Term(name: "Autumn 1", start: d("2026-09-02"), end: d("2026-10-23")),
                Term(name: "Autumn 2", start: d("2026-11-02"), end: d("2026-12-18")),
                Term(name: "Spring 1", start: d("2027-01-05"), end: d("2027-02-12"))],
        closures: [Closure(date: d("2026-11-27"), kind: .inset, name: "INSET day")])

    @Test(arguments: [
        (1, "½ a school day (1 session)"), (2, "1 school day (2 sessions)"), (3, "1½ school days (3 sessions)"),
        (4, "2 school days (4 sessions)"), (9, "4½ school days (9 sessions)"),
        (0, "No school sessions: the school is closed on these dates"),
    ])
    func timeMissedReadsInHalfDays(_ sessions: Int, _ words: String) {
        #expect(TimeMissed.describe(sessions: sessions) == words)
    }

    /// Friday 4 December 2026 in every combination, then spans over a weekend and a closure.
    @Test(arguments: [
        ("2026-12-04", Session.am, "2026-12-04", Session.am, 1, "2026-12-04", Session.pm),  // a morning: back that afternoon
        ("2026-12-04", Session.pm, "2026-12-04", Session.pm, 1, "2026-12-07", Session.am),  // an afternoon: back Monday
        ("2026-12-04", Session.am, "2026-12-04", Session.pm, 2, "2026-12-07", Session.am),  // the day: back Monday
        ("2026-12-03", Session.pm, "2026-12-04", Session.am, 2, "2026-12-04", Session.pm),  // Thursday afternoon to Friday morning
        ("2026-12-04", Session.pm, "2026-12-07", Session.am, 2, "2026-12-07", Session.pm),  // over the weekend: 2 sessions, not 4
        ("2026-11-26", Session.am, "2026-11-26", Session.pm, 2, "2026-11-30", Session.am),  // Thursday before the INSET Friday
        ("2026-11-26", Session.am, "2026-11-30", Session.am, 3, "2026-11-30", Session.pm),  // over the INSET day and the weekend
        ("2026-10-22", Session.am, "2026-10-23", Session.pm, 4, "2026-11-02", Session.am),  // the last days before half term
        ("2026-12-18", Session.am, "2026-12-18", Session.am, 1, "2026-12-18", Session.pm),  // the term's last morning
        ("2026-12-18", Session.pm, "2026-12-18", Session.pm, 1, "2027-01-05", Session.am),  // its last afternoon: back in January
    ])
    func countsAndTheReturnAreRightForEveryCombination(_ start: String, _ startSession: Session, _ end: String, _ endSession: Session,
                                                       _ sessions: Int, _ back: String, _ backSession: Session) {
        let from = SessionPoint(Self.d(start), startSession), to = SessionPoint(Self.d(end), endSession)
        #expect(Self.calendar.count(from: from, to: to).sessions == sessions)
        #expect(Self.calendar.returnToSchool(after: to) == SessionPoint(Self.d(back), backSession))
    }

    @Test func aMorningIsBackTheSameAfternoonInWords() {
        let end = SessionPoint(Self.d("2026-12-04"), .am)
        #expect(TimeMissed.describeReturn(Self.d("2026-12-04"), end: end) == "Friday 4 December 2026 (afternoon)")
        #expect(TimeMissed.describeReturn(Self.d("2026-12-07"), end: SessionPoint(Self.d("2026-12-04"), .pm)) == "Monday 7 December 2026")
    }

    @Test func thereIsNoReturnBeyondTheCalendar() {
        #expect(Self.calendar.returnToSchool(after: SessionPoint(Self.d("2027-02-12"), .pm)) == nil)
    }
}
