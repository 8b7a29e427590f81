import Testing
@testable import LeaveCore

/// Issue 13, "Projected attendance": over the academic year, the marks to date, the requested
/// sessions as absences and the other sessions left at the pupil's rate so far. Worked by hand
/// on a two-week term.
@Suite("Attendance projected over the year")
struct YearProjectionTests {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }
    /// Monday 7 to Friday 18 September 2026: 10 school days, 20 sessions.
    static let calendar = SchoolCalendar(terms: [Term(name: "Autumn 1", start: d("2026-09-07"), end: d("2026-09-18"))], closures: [])

    /// The first week marked: 8 of 10 sessions attended (80%), two illnesses.
    static var history: AttendanceHistory {
        var marks: [SessionMark] = []
        for (index, day) in ["2026-09-07", "2026-09-08", "2026-09-09", "2026-09-10", "2026-09-11"].enumerated() {
            marks.append(SessionMark(d(day), .am, index == 0 ? .illness : .presentAM))
            marks.append(SessionMark(d(day), .pm, index == 1 ? .illness : .presentPM))
        }
        return AttendanceHistory(marks)
    }

    @Test func theRestOfTheYearCountsAtThePupilsRate() {
        let statistics = AttendanceStatistics(history: Self.history, calendar: Self.calendar)
        let asOf = Self.d("2026-09-14")
        let toDate = statistics.yearToDate(asOf: asOf)
        #expect(toDate.possible == 10 && toDate.attended == 8)
        // Leave on Monday and Tuesday of the second week: 4 sessions, coded C (not attended).
        let leave = statistics.schoolSessions(from: SessionPoint(Self.d("2026-09-14"), .am), to: SessionPoint(Self.d("2026-09-15"), .pm))
        let year = YearProjection(toDate: toDate, statistics: statistics, asOf: asOf, requested: leave, code: .exceptional, expectation: 0.95)
        // 8 attended + 6 other sessions left × 0.8 = 12.8 of 20.
        #expect(year.otherSessionsLeft == 6)
        #expect(abs((year.rate ?? 0) - 0.64) < 1e-9)
        #expect(year.basis == "the other 6 school sessions left this year counted at 80%, the rate so far")
        // The old figure: the marks to date plus the leave alone, 8 of 14.
        let toEnd = statistics.projected(from: Self.d("2026-09-01"), to: asOf.adding(days: -1), absences: leave, code: .exceptional)
        #expect(toEnd.possible == 14 && toEnd.attended == 8)
    }

    @Test func withNoMarksYetTheSchoolsExpectationIsUsedAndSaid() {
        let statistics = AttendanceStatistics(history: AttendanceHistory([]), calendar: Self.calendar)
        let asOf = Self.d("2026-09-07")
        let leave = statistics.schoolSessions(from: SessionPoint(Self.d("2026-09-14"), .am), to: SessionPoint(Self.d("2026-09-15"), .pm))
        let year = YearProjection(toDate: statistics.yearToDate(asOf: asOf), statistics: statistics, asOf: asOf, requested: leave,
                                  code: .exceptional, expectation: 0.95)
        // 16 other sessions × 0.95 = 15.2 of 20.
        #expect(abs((year.rate ?? 0) - 0.76) < 1e-9)
        #expect(year.basis.hasSuffix("the rate the school expects (no marks yet this year)"))
    }

    /// 004's table, 000 Appendix: the headteacher sees both figures and what each assumes.
    @Test func theFindingGivesBothFiguresWithTheirBasis() {
        let message = RuleFixture().finding(.generalProjected)?.message ?? ""
        #expect(message.contains("over the whole year (the other"))
        #expect(message.contains("counting only the sessions to the end of the leave"))
    }
}
