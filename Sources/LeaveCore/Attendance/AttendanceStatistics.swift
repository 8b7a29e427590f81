/// The figures the rules ask of a pupil's history: this year's attendance, the penalty-notice
/// window, traveller sessions, and attendance if some future sessions became absences.
public struct AttendanceStatistics: Sendable {
    public let history: AttendanceHistory
    public let calendar: SchoolCalendar

    public init(history: AttendanceHistory, calendar: SchoolCalendar) {
        self.history = history
        self.calendar = calendar
    }

    /// Figures for the register marks from the morning of `from` to the afternoon of `to`.
    public func figures(from: SchoolDate, to: SchoolDate) -> AttendanceFigures {
        AttendanceFigures(history.marks(from: SessionPoint(from, .am), to: SessionPoint(to, .pm)))
    }

    /// The academic year to date: 1 September to the day before `asOf`.
    public func yearToDate(asOf: SchoolDate) -> AttendanceFigures {
        let start = SchoolDate(year: asOf.academicYearStart, month: 9, day: 1)!
        return figures(from: start, to: asOf.adding(days: -1))
    }

    /// Sessions attended in the twelve months before `asOf` (002: a traveller pupil must attend 200).
    public func sessionsAttended(inTwelveMonthsBefore asOf: SchoolDate) -> Int {
        let yearAgo = SchoolDate(year: asOf.year - 1, month: asOf.month, day: min(asOf.day, SchoolDate.daysIn(month: asOf.month, year: asOf.year - 1)))!
        return figures(from: yearAgo, to: asOf.adding(days: -1)).attended
    }

    /// The most unauthorised sessions in any run of `weeks` consecutive school weeks between the
    /// two dates (001 §5.2: 10 sessions within 10 school weeks can bring a penalty notice).
    /// A school week is a Monday-to-Sunday week with at least one school day or register mark,
    /// so holiday weeks are skipped rather than counted.
    /// `assuming` adds sessions as if they were unauthorised (leave refused and taken anyway).
    public func mostUnauthorised(inAnyRunOf weeks: Int = 10, from: SchoolDate, to: SchoolDate,
                                 assuming extra: [SessionPoint] = []) -> RollingCount {
        guard weeks > 0, from <= to else { return RollingCount(sessions: 0, firstWeek: nil, lastWeek: nil) }
        // School weeks by their place after the first Monday, in arrays: every request's review
        // counts a year of marks this way.
        let firstMonday = Self.monday(ofDay: from.dayNumber)
        let week = { (dayNumber: Int) in (Self.monday(ofDay: dayNumber) - firstMonday) / 7 }
        let weekCount = week(to.dayNumber) + 1
        var counted = [Bool](repeating: false, count: weekCount)
        var unauthorised = [Int](repeating: 0, count: weekCount)
        for number in from.dayNumber...to.dayNumber where calendar.isSchoolDay(dayNumber: number) { counted[week(number)] = true }
        for mark in history.marks(from: SessionPoint(from, .am), to: SessionPoint(to, .pm)) where mark.code.isPossibleSession {
            let index = week(mark.point.date.dayNumber)
            counted[index] = true
            if mark.code.isUnauthorisedAbsence { unauthorised[index] += 1 }
        }
        for point in extra where from <= point.date && point.date <= to && history.code(at: point)?.isUnauthorisedAbsence != true {
            let index = week(point.date.dayNumber)
            counted[index] = true
            unauthorised[index] += 1
        }
        // Weeks with no school day and no mark (holidays) are not part of any run.
        let ordered = counted.indices.filter { counted[$0] }
        guard !ordered.isEmpty else { return RollingCount(sessions: 0, firstWeek: nil, lastWeek: nil) }
        let counts = ordered.map { unauthorised[$0] }
        let width = min(weeks, counts.count)
        var sum = counts[0..<width].reduce(0, +)
        var best = sum, bestStart = 0
        if counts.count > width {
            for start in 1...(counts.count - width) {
                sum += counts[start + width - 1] - counts[start - 1]
                if sum > best { best = sum; bestStart = start }
            }
        }
        return RollingCount(sessions: best, firstWeek: SchoolDate(dayNumber: firstMonday + 7 * ordered[bestStart]),
                            lastWeek: SchoolDate(dayNumber: firstMonday + 7 * ordered[bestStart + width - 1]))
    }

    /// Attendance over the period if each of `absences` (future, unmarked sessions) were
    /// recorded with `code`: the figure a headteacher sees before granting leave.
    public func projected(from: SchoolDate, to: SchoolDate, absences: [SessionPoint], code: AttendanceCode) -> AttendanceFigures {
        var figures = figures(from: from, to: to)
        for point in absences where history.code(at: point) == nil && code.isPossibleSession {
            figures = figures + AttendanceFigures(possible: 1, attended: code.countsAsAttendance ? 1 : 0,
                                                  authorised: code.isAuthorisedAbsence ? 1 : 0,
                                                  unauthorised: code.isUnauthorisedAbsence ? 1 : 0)
        }
        return figures
    }

    /// The school sessions from `start` to `end` on the calendar, for projecting a request.
    public func schoolSessions(from start: SessionPoint, to end: SessionPoint) -> [SessionPoint] {
        calendar.schoolSessions(from: start, to: end)
    }

    static func monday(of date: SchoolDate) -> Int { monday(ofDay: date.dayNumber) }
    static func monday(ofDay dayNumber: Int) -> Int { dayNumber - SchoolDate.weekdayIndex(dayNumber: dayNumber) }
}

/// The result of a rolling-window count: how many, and which school weeks held them.
public struct RollingCount: Hashable, Sendable {
    public let sessions: Int
    /// The Monday of the first and last school week of the window.
    public let firstWeek: SchoolDate?
    public let lastWeek: SchoolDate?
}
