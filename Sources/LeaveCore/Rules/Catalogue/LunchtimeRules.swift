// Rules for taking a pupil off site at lunchtime (000 "Leave during lunch times").

private let lunchtimeSource = "000 Leave during lunch times"

struct LunchtimeDecideBy: Rule {
    let id: RuleID = .lunchtimeDecideBy
    let appliesTo: Set<RequestType> = [.lunchtime]
    func check(_ c: RuleContext) -> Finding? {
        let day = DecisionDeadline.schoolDays(c.policy.lunchtimeDecisionSchoolDays, after: c.submittedOn, on: c.calendar)
        return finding(.info, "The decision must be sent in writing by \(day.longForm), \(c.policy.lunchtimeDecisionSchoolDays) school days after the request.",
                       parent: "The school will send you its decision in writing by \(day.longForm).", source: lunchtimeSource)
    }
}

struct LunchtimeMeeting: Rule {
    let id: RuleID = .lunchtimeMeeting
    let appliesTo: Set<RequestType> = [.lunchtime]
    func check(_ c: RuleContext) -> Finding? {
        guard !c.request.meetingHeld else { return nil }
        return finding(.attention, "No meeting with the parent to discuss the request has been recorded yet.", source: lunchtimeSource)
    }
}

struct LunchtimeAttendance: Rule {
    let id: RuleID = .lunchtimeAttendance
    let appliesTo: Set<RequestType> = [.lunchtime]
    func check(_ c: RuleContext) -> Finding? {
        guard let rate = c.toDate.attendanceRate, rate < c.policy.lunchtimeAttendanceFloor else { return nil }
        return finding(.attention, "Attendance this year is \(Percent.format(rate)), below \(Percent.format(c.policy.lunchtimeAttendanceFloor)): attendance concerns may justify refusing or later withdrawing permission.",
                       source: lunchtimeSource)
    }
}

struct LunchtimeTerm: Rule {
    let id: RuleID = .lunchtimeTerm
    let appliesTo: Set<RequestType> = [.lunchtime]
    func check(_ c: RuleContext) -> Finding? {
        let from = max(c.request.start.date, c.input.asOf)
        let term = c.calendar.terms.first { $0.end >= from }
        let until = term.map { " (\($0.name) ends \($0.end.longForm))" } ?? ""
        return finding(.info, "Permission lasts to the end of the current term\(until); renewal letters go out at the start of each term.",
                       parent: "Permission lasts until the end of term; the school will write to you about renewing it.", source: lunchtimeSource)
    }
}
