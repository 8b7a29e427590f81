// Rules for every request (rules.md "Any request").

struct NotSchoolDays: Rule {
    let id: RuleID = .generalNotSchoolDays
    let appliesTo = Set(RequestType.allCases).subtracting([.lunchtime])
    func check(_ c: RuleContext) -> Finding? {
        guard c.count.sessions == 0 else { return nil }
        return finding(.info, "The dates contain no school session (weekends, holidays or closures only): there is nothing to authorise.",
                       parent: "The school is closed on all the dates you asked for, so your child will not miss any school.",
                       source: "calendar")
    }
}

struct Overlap: Rule {
    let id: RuleID = .generalOverlap
    let appliesTo = Set(RequestType.allCases)
    func check(_ c: RuleContext) -> Finding? {
        let r = c.request
        let clashes = c.input.previousRequests.filter {
            $0.outcome.holdsSessions && $0.start <= r.end.date && r.start.date <= $0.end
        }
        guard let first = clashes.first else { return nil }
        return finding(.attention, "Another \(first.outcome == .pending ? "open" : "granted") request of this pupil covers some of the same days (\(first.start.shortForm) to \(first.end.shortForm)).",
                       parent: "You have already asked for some of these days.", source: "—")
    }
}

struct SessionsRequested: Rule {
    let id: RuleID = .generalSessions
    let appliesTo = Set(RequestType.allCases).subtracting([.lunchtime])
    func check(_ c: RuleContext) -> Finding? {
        let back = c.request.returnDate.map { "; back on \(TimeMissed.describeReturn($0, end: c.request.end))" } ?? "; no return date given"
        let span = c.count.first.flatMap { first in c.count.last.map { "from \(first.longForm) to \($0.longForm)" } } ?? "with no school session"
        return finding(.info, "\(TimeMissed.describe(sessions: c.count.sessions)) \(span)\(back).",
                       source: "004 Leave of absence (must include a return date)")
    }
}

struct ProjectedAttendance: Rule {
    let id: RuleID = .generalProjected
    let appliesTo = Set(RequestType.allCases).subtracting([.lunchtime])
    func check(_ c: RuleContext) -> Finding? {
        finding(.info, "Attendance this academic year to date is \(Percent.format(c.toDate.attendanceRate)) (\(c.toDate.attended) of \(c.toDate.possible) sessions). "
                + "If granted: \(Percent.format(c.projectedYear.rate)) over the whole year (\(c.projectedYear.basis)); "
                + "\(Percent.format(c.projected.attendanceRate)) counting only the sessions to the end of the leave.",
                source: "004 attendance table; 000 Appendix")
    }
}

struct PersistentAbsenceRisk: Rule {
    let id: RuleID = .generalPersistentAbsenceRisk
    let appliesTo = Set(RequestType.allCases).subtracting([.lunchtime])
    func check(_ c: RuleContext) -> Finding? {
        let floor = 1 - c.policy.persistentAbsenceThreshold
        // rules.md: fires on the year to date with the leave (the figure the register will show
        // when the child is back); the year's projection is given beside it, with its basis, so
        // nobody reads a dip after a holiday as the year's result (issue 13).
        guard c.count.sessions > 0, let projected = c.projected.attendanceRate, projected < floor else { return nil }
        let already = (c.toDate.attendanceRate ?? 1) < floor
        let year = c.projectedYear.rate
        let yearText = "\(Percent.format(year)) over the whole year (\(c.projectedYear.basis))"
        let parent = (year ?? 1) < floor
            ? "If your child attends the rest of the school year as they have so far, this absence would take their attendance for the year to \(Percent.format(year)), below \(Percent.format(floor)), which counts as persistent absence."
            : "Counting the school sessions up to the end of this absence, your child's attendance this year would be \(Percent.format(projected)), below \(Percent.format(floor)), the level that counts as persistent absence. If they attend the rest of the year as they have so far, it would be \(Percent.format(year)) for the whole year."
        return finding(.attention, already
                       ? "Attendance is already \(Percent.format(c.toDate.attendanceRate)), below \(Percent.format(floor)) (persistent absence); granting would make it \(Percent.format(projected)) at the end of the leave, \(yearText)."
                       : "Granting would take attendance this year from \(Percent.format(c.toDate.attendanceRate)) to \(Percent.format(projected)) at the end of the leave, below \(Percent.format(floor)) (persistent absence); \(yearText).",
                       parent: parent,
                       source: "000 Definitions; 001 §8.4")
    }
}

/// evaluate.md: school days before the as-of date with no mark are reported.
struct MissingMarks: Rule {
    let id: RuleID = .generalMissingMarks
    let appliesTo = Set(RequestType.allCases)
    func check(_ c: RuleContext) -> Finding? {
        var missing = 0
        var firstMissing: SchoolDate?
        var day = c.yearStart
        let lastDay = c.input.asOf.adding(days: -1)
        while day <= lastDay {
            if c.calendar.isSchoolDay(day) {
                for session in Session.allCases where c.input.history.code(at: SessionPoint(day, session)) == nil {
                    missing += 1
                    if firstMissing == nil { firstMissing = day }
                }
            }
            day = day.adding(days: 1)
        }
        guard missing > 0, let firstMissing else { return nil }
        return finding(.info, "\(missing) school sessions this year before \(c.input.asOf.longForm) have no register mark (the first on \(firstMissing.longForm)); the figures count only marked sessions.",
                       source: "000 Attendance register")
    }
}
