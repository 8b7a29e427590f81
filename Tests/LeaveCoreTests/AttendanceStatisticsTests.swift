import Testing
@testable import LeaveCore

@Suite("Pupil attendance statistics")
struct AttendanceStatisticsTests {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }

    /// Autumn 2024 with October half term (28 Oct – 1 Nov) and an INSET day on 4 November.
    let calendar = SchoolCalendar(
        terms: [Term(name: "Autumn 1", start: d("2024-09-02"), end: d("2024-10-25")),
                Term(name: "Autumn 2", start: d("2024-11-04"), end: d("2024-12-20"))],
        closures: [Closure(date: d("2024-11-04"), kind: .inset, name: "INSET")])

    /// Marks every school day from `from` to `to` present, then applies `overrides`.
    func history(from: String, to: String, _ overrides: [(String, Session, AttendanceCode)] = []) -> AttendanceHistory {
        var marks: [SessionMark] = []
        var day = Self.d(from)
        while day <= Self.d(to) {
            if calendar.isSchoolDay(day) {
                marks.append(SessionMark(day, .am, .presentAM))
                marks.append(SessionMark(day, .pm, .presentPM))
            }
            day = day.adding(days: 1)
        }
        marks += overrides.map { SessionMark(Self.d($0.0), $0.1, $0.2) }
        return AttendanceHistory(marks)
    }

    /// A hand-counted week: 10 sessions, 6 attended (L counts), 2 authorised, 2 unauthorised.
    @Test func aWeekCountedByHand() {
        let stats = AttendanceStatistics(history: history(from: "2024-09-02", to: "2024-09-06", [
            ("2024-09-03", .am, .late), ("2024-09-04", .am, .illness), ("2024-09-04", .pm, .illness),
            ("2024-09-05", .am, .unauthorisedHoliday), ("2024-09-05", .pm, .reasonNotYetKnown),
        ]), calendar: calendar)
        let f = stats.figures(from: Self.d("2024-09-02"), to: Self.d("2024-09-06"))
        #expect(f == AttendanceFigures(possible: 10, attended: 6, authorised: 2, unauthorised: 2))
        #expect(f.attendanceRate == 0.6)
        #expect(f.authorisedRate == 0.2)
        #expect(f.unauthorisedRate == 0.2)
        #expect(f.isPersistentlyAbsent)
        #expect(!f.isSeverelyAbsent)
    }

    /// 000 "Definitions": persistent absence is missing 10% or more; severe, 50% or more.
    @Test func persistentAndSevereAbsenceThresholds() {
        let justUnder = AttendanceFigures(possible: 100, attended: 91, authorised: 9, unauthorised: 0)
        let atTen = AttendanceFigures(possible: 100, attended: 90, authorised: 10, unauthorised: 0)
        let half = AttendanceFigures(possible: 100, attended: 50, authorised: 0, unauthorised: 50)
        #expect(!justUnder.isPersistentlyAbsent)
        #expect(atTen.isPersistentlyAbsent && !atTen.isSeverelyAbsent)
        #expect(half.isSeverelyAbsent)
        #expect(AttendanceFigures.zero.attendanceRate == nil)
    }

    @Test func sessionsThatAreNotPossibleDoNotCount() {
        let stats = AttendanceStatistics(history: history(from: "2024-09-02", to: "2024-09-02", [
            ("2024-09-02", .am, .transportUnavailable), ("2024-09-02", .pm, .notRequired),
        ]), calendar: calendar)
        #expect(stats.figures(from: Self.d("2024-09-02"), to: Self.d("2024-09-02")) == .zero)
    }

    /// 001 §5.2: 10 unauthorised sessions within 10 school weeks. Half term is not a school
    /// week, so sessions either side of it fall in one window of ten school weeks.
    @Test func theRollingTenSchoolWeekMaximumSkipsHalfTerm() {
        // 4 sessions in the week of 30 Sep, 4 in the week of 11 Nov, 4 in the week of 13 Jan-ish (out of range: 16 Dec).
        let stats = AttendanceStatistics(history: history(from: "2024-09-02", to: "2024-12-20", [
            ("2024-09-30", .am, .unauthorisedOther), ("2024-09-30", .pm, .unauthorisedOther),
            ("2024-10-01", .am, .unauthorisedOther), ("2024-10-01", .pm, .unauthorisedOther),
            ("2024-11-11", .am, .unauthorisedHoliday), ("2024-11-11", .pm, .unauthorisedHoliday),
            ("2024-11-12", .am, .unauthorisedHoliday), ("2024-11-12", .pm, .unauthorisedHoliday),
            ("2024-12-16", .am, .lateAfterRegisterClosed), ("2024-12-16", .pm, .lateAfterRegisterClosed),
        ]), calendar: calendar)
        // School weeks from 2 Sep: 2, 9, 16, 23, 30 Sep, 7, 14, 21 Oct, (half term skipped) 4, 11 Nov:
        // ten school weeks over eleven calendar weeks, holding 4 + 4 = 8.
        let window = stats.mostUnauthorised(inAnyRunOf: 10, from: Self.d("2024-09-02"), to: Self.d("2024-12-20"))
        #expect(window.sessions == 8)
        #expect(window.firstWeek == Self.d("2024-09-02"))
        #expect(window.lastWeek == Self.d("2024-11-11"))
        // 30 Sep – 9 Dec is also ten school weeks and also holds 8; 16 Dec's 2 never join them.
        let later = stats.mostUnauthorised(inAnyRunOf: 10, from: Self.d("2024-10-07"), to: Self.d("2024-12-20"))
        #expect(later.sessions == 6)
        let narrow = stats.mostUnauthorised(inAnyRunOf: 1, from: Self.d("2024-09-02"), to: Self.d("2024-12-20"))
        #expect(narrow.sessions == 4)
    }

    /// 002: a traveller pupil must attend 200 sessions in the previous 12 months.
    @Test func sessionsAttendedInTheTwelveMonthsBefore() {
        let stats = AttendanceStatistics(history: history(from: "2024-09-02", to: "2024-12-20"), calendar: calendar)
        // 2 Sep – 20 Dec 2024: 16 weeks less half term = 15 weeks = 75 days, less the INSET day = 74 days.
        #expect(stats.sessionsAttended(inTwelveMonthsBefore: Self.d("2025-09-01")) == 148)
        #expect(stats.sessionsAttended(inTwelveMonthsBefore: Self.d("2025-12-21")) == 0)
        #expect(stats.sessionsAttended(inTwelveMonthsBefore: Self.d("2024-09-04")) == 4)
    }

    /// rules.md GEN-PROJECTED: attendance at the end of the request if it were granted.
    @Test func projectedAttendanceIfFutureSessionsBecameAbsences() {
        let stats = AttendanceStatistics(history: history(from: "2024-09-02", to: "2024-09-13"), calendar: calendar)
        let toDate = stats.yearToDate(asOf: Self.d("2024-09-16"))
        #expect(toDate == AttendanceFigures(possible: 20, attended: 20, authorised: 0, unauthorised: 0))
        let leave = stats.schoolSessions(from: SessionPoint(Self.d("2024-09-16"), .am), to: SessionPoint(Self.d("2024-09-20"), .pm))
        #expect(leave.count == 10)
        let projected = stats.projected(from: Self.d("2024-09-01"), to: Self.d("2024-09-20"), absences: leave, code: .exceptional)
        #expect(projected == AttendanceFigures(possible: 30, attended: 20, authorised: 10, unauthorised: 0))
        #expect(abs(projected.attendanceRate! - 2.0 / 3.0) < 1e-9)
    }

    @Test func aLaterMarkForTheSameSessionReplacesTheEarlier() {
        let history = AttendanceHistory([SessionMark(Self.d("2024-09-02"), .am, .reasonNotYetKnown),
                                         SessionMark(Self.d("2024-09-02"), .am, .illness)])
        #expect(history.marks.count == 1)
        #expect(history.code(at: SessionPoint(Self.d("2024-09-02"), .am)) == .illness)
    }
}
