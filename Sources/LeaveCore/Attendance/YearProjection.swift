/// Attendance at the end of the academic year if a request is granted: the marks to date, the
/// requested sessions as the absence they would be, and every other school session left this
/// year attended at the pupil's rate so far (or, with no marks yet, at the rate the school
/// expects). Counting only the marks to date plus the leave (issue 13) made a four-day holiday
/// look like a fall from 93.8% to 86.5%; over the year it is a fall to about 92%.
public struct YearProjection: Hashable, Sendable {
    /// 0–1; nil when the calendar has no session this year.
    public let rate: Double?
    /// The rate assumed for the sessions left, and whether it is the pupil's own.
    public let assumedRate: Double
    public let assumedIsPupils: Bool
    /// School sessions left this year besides the request's.
    public let otherSessionsLeft: Int

    public init(toDate: AttendanceFigures, statistics: AttendanceStatistics, asOf: SchoolDate, requested: [SessionPoint],
                code: AttendanceCode, expectation: Double) {
        let yearEnd = SchoolDate(year: asOf.academicYearStart + 1, month: 8, day: 31) ?? asOf
        let left = statistics.schoolSessions(from: SessionPoint(asOf, .am), to: SessionPoint(yearEnd, .pm))
        // Only the requested sessions still to come this year; earlier ones are already marked.
        // `left` is in order, so each is looked for by halving rather than by hashing a year of sessions.
        let requestedLeft = requested.filter { point in
            let index = left.partitionPoint { $0 < point }
            return index < left.count && left[index] == point
        }.count
        let other = left.count - requestedLeft
        assumedIsPupils = toDate.attendanceRate != nil
        assumedRate = toDate.attendanceRate ?? expectation
        otherSessionsLeft = other
        let possible = toDate.possible + (code.isPossibleSession ? left.count : other)
        let attended = Double(toDate.attended) + assumedRate * Double(other) + (code.countsAsAttendance ? Double(requestedLeft) : 0)
        rate = possible == 0 ? nil : attended / Double(possible)
    }

    /// "the other 212 school sessions left this year counted at 93.8%, the pupil's rate to date"
    public var basis: String {
        "the other \(otherSessionsLeft) school \(otherSessionsLeft == 1 ? "session" : "sessions") left this year counted at "
            + Percent.format(assumedRate) + (assumedIsPupils ? ", the rate so far" : ", the rate the school expects (no marks yet this year)")
    }
}
