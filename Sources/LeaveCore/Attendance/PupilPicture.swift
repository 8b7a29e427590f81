/// What a headteacher needs to see of a pupil beside a request (issue 13): attendance this year
/// and last, whether they are persistently absent, and unauthorised absence in the recent
/// school weeks against the penalty-notice threshold (001 §5.2).
public struct PupilPicture: Hashable, Sendable {
    public struct Year: Hashable, Sendable {
        /// "This year to date", "Last year (2025 to 2026)".
        public let label: String
        public let figures: AttendanceFigures
        public let persistentlyAbsent: Bool
    }

    public let years: [Year]
    /// Unauthorised sessions in the last `recentWeeks` school weeks before today.
    public let recentUnauthorised: Int
    public let recentWeeks: Int
    public let penaltyThreshold: Int

    public init(history: AttendanceHistory, calendar: SchoolCalendar, policy: PolicySettings, asOf today: SchoolDate) {
        let statistics = AttendanceStatistics(history: history, calendar: calendar)
        let thisYear = statistics.yearToDate(asOf: today)
        let start = today.academicYearStart
        let lastYear = statistics.figures(from: SchoolDate(year: start - 1, month: 9, day: 1)!, to: SchoolDate(year: start, month: 8, day: 31)!)
        let flag = { (figures: AttendanceFigures) in (figures.absenceRate ?? 0) >= policy.persistentAbsenceThreshold }
        years = [
            Year(label: "This year to date", figures: thisYear, persistentlyAbsent: flag(thisYear)),
            Year(label: "Last year (\(start - 1) to \(start))", figures: lastYear, persistentlyAbsent: flag(lastYear)),
        ]
        recentWeeks = policy.penaltyWindowSchoolWeeks
        penaltyThreshold = policy.penaltyThresholdSessions
        recentUnauthorised = Self.unauthorised(inLast: policy.penaltyWindowSchoolWeeks, before: today, statistics: statistics)
    }

    /// Counts back whole school weeks (weeks with a school day) from the day before `today`.
    static func unauthorised(inLast weeks: Int, before today: SchoolDate, statistics: AttendanceStatistics) -> Int {
        guard weeks > 0 else { return 0 }
        var mondays: [Int] = []
        var day = today.adding(days: -1)
        // A year back at most: a school with no calendar behind today has no weeks to count.
        for _ in 0..<400 {
            if statistics.calendar.isSchoolDay(day) {
                let monday = AttendanceStatistics.monday(of: day)
                if mondays.last != monday {
                    if mondays.count == weeks { break }
                    mondays.append(monday)
                }
            }
            day = day.adding(days: -1)
        }
        guard let first = mondays.last else { return 0 }
        return statistics.figures(from: SchoolDate(dayNumber: first), to: today.adding(days: -1)).unauthorised
    }

    public var nearPenaltyThreshold: Bool { recentUnauthorised * 2 >= penaltyThreshold }
}
