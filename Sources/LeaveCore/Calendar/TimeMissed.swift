/// How much school a request misses, and when the child is back, in the words every page,
/// letter and e-mail uses: one function, so a half day never reads "0½" in one place and
/// "1 school days" in another (issue 13).
public enum TimeMissed {
    /// "½ a school day (1 session)", "1 school day (2 sessions)", "1½ school days (3 sessions)".
    /// Days are counted from sessions: two sessions are a school day, whichever days they fall on.
    public static func describe(sessions: Int) -> String {
        if sessions <= 0 { return "No school sessions: the school is closed on these dates" }
        let whole = sessions / 2, half = sessions % 2 == 1
        let days = switch (whole, half) {
        case (0, _): "½ a school day"
        case (1, false): "1 school day"
        case (_, false): "\(whole) school days"
        case (_, true): "\(whole)½ school days"
        }
        return "\(days) (\(sessions) \(sessions == 1 ? "session" : "sessions"))"
    }

    /// "Friday 4 December 2026 (afternoon)" when the child is back the same afternoon (leave
    /// ending with a morning); otherwise the day itself.
    public static func describeReturn(_ returnDate: SchoolDate, end: SessionPoint) -> String {
        returnDate == end.date && end.session == .am ? "\(returnDate.longForm) (afternoon)" : returnDate.longForm
    }
}

extension SchoolCalendar {
    /// When a child whose leave ends at `end` is next due at school: the same afternoon after a
    /// morning on a school day, otherwise the morning of the next school day (past weekends,
    /// half terms and closures). Nil when the calendar holds no later school day.
    public func returnToSchool(after end: SessionPoint) -> SessionPoint? {
        if end.session == .am && isSchoolDay(end.date) { return SessionPoint(end.date, .pm) }
        return nextSchoolDay(after: end.date).map { SessionPoint($0, .am) }
    }
}
