// Rules for term-time leave of absence (rules.md "Leave of absence").

private let leaveSource = "000 Authorising parental absence requests"

struct Retrospective: Rule {
    let id: RuleID = .loaRetrospective
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard c.request.start.date < c.submittedOn else { return nil }
        return finding(.blocked, "The leave began on \(c.request.start.date.longForm), before the request was made on \(c.submittedOn.longForm); leave cannot be granted retrospectively.",
                       parent: "Leave cannot be granted for days that have already passed.",
                       source: "\(leaveSource) (cannot grant leaves of absence retrospectively); 004")
    }
}

/// Notice before the first day, for the kinds of request the policies ask notice of:
/// leave (000 two weeks; 001 §5.1 15 days), religious observance and traveller absence (000).
struct Notice: Rule {
    let id: RuleID
    let appliesTo: Set<RequestType>
    let days: any KeyPath<PolicySettings, Int> & Sendable
    let what: String
    let source: String

    static let leave = Notice(id: .loaNotice, appliesTo: [.leave], days: \.noticeDays, what: "leave starts",
                              source: "\(leaveSource) (two weeks' notice); 001 §5.1 (15 days, four weeks where possible)")
    static let religious = Notice(id: .religiousNotice, appliesTo: [.religious], days: \.religiousNoticeDays,
                                  what: "religious observance", source: "000 Religious observance")
    static let traveller = Notice(id: .travellerNotice, appliesTo: [.traveller], days: \.travellerNoticeDays,
                                  what: "travel", source: "000 Traveller absence")

    func check(_ c: RuleContext) -> Finding? {
        let given = c.noticeGiven, wanted = c.policy[keyPath: days]
        guard given >= 0, given < wanted else { return nil }
        return finding(.attention, "Asked \(given) days before the first day; the policy asks for \(c.noticeWanted(wanted)).",
                       parent: "The school asks for \(c.noticeWanted(wanted)) before \(what).", source: source)
    }
}

struct Assessment: Rule {
    let id: RuleID = .loaAssessment
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        for period in c.calendar.assessments where period.applies(to: c.input.yearGroup) {
            // The buffer counts school days back from the period's first day.
            var bufferStart = period.start
            var counted = 0
            var day = period.start.adding(days: -1)
            var guardDays = 0
            while counted < c.policy.assessmentBufferSchoolDays && guardDays < 120 {
                if c.calendar.isSchoolDay(day) { counted += 1; bufferStart = day }
                day = day.adding(days: -1)
                guardDays += 1
            }
            let during = c.request.start.date <= period.end && period.start <= c.request.end.date
            let before = !during && c.request.start.date <= period.end && bufferStart <= c.request.end.date
            guard during || before else { continue }
            let when = during ? "during" : "in the \(c.policy.assessmentBufferSchoolDays) school days before"
            return finding(.refuse, "The leave falls \(when) \(period.name) (\(period.start.shortForm) to \(period.end.shortForm)) for \(c.input.yearGroup.name).",
                           parent: "Leave is not granted during or just before statutory assessments (\(period.name)).",
                           source: "\(leaveSource) (immediately before and during statutory assessment periods); 001 §5.1 (KS2 SATs, Y1 phonics, Y4 MTC)")
        }
        return nil
    }
}

struct UnauthorisedThisYear: Rule {
    let id: RuleID = .loaUnauthorised
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard c.toDate.unauthorised > 0 else { return nil }
        return finding(.refuse, "The pupil has \(c.toDate.unauthorised) unauthorised \(c.toDate.unauthorised == 1 ? "session" : "sessions") (G, N, O or U) this academic year; the policy does not grant leave with any unauthorised absence.",
                       source: "\(leaveSource) (any unauthorised absence)")
    }
}

struct AuthorisedAboveLimit: Rule {
    let id: RuleID = .loaAuthorisedAboveLimit
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard let rate = c.toDate.authorisedRate, rate > c.policy.authorisedAbsenceLimit else { return nil }
        return finding(.refuse, "Authorised absence this year is \(Percent.format(rate)) (\(c.toDate.authorised) of \(c.toDate.possible) sessions), above the \(Percent.format(c.policy.authorisedAbsenceLimit)) limit.",
                       source: "\(leaveSource) (authorised absence above 10%)")
    }
}

struct NotExceptional: Rule {
    let id: RuleID = .loaNotExceptional
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard let category = c.request.category, c.policy.notExceptional.contains(category.rawValue) else { return nil }
        return finding(.refuse, "The reason given, \(category.title), is one the policy lists as not exceptional.",
                       parent: "The school's policy says leave for \(category.title) is not an exceptional circumstance, so it will not normally be granted.",
                       source: "001 §5.1 (circumstances that are not exceptional); 004")
    }
}

struct Protest: Rule {
    let id: RuleID = .loaProtest
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard c.request.category == .protest else { return nil }
        return finding(.blocked, "Leave cannot be granted for taking part in protest activity.",
                       parent: "Leave cannot be granted to take part in a protest.", source: "001 §5.1")
    }
}

struct LeaveEvidence: Rule {
    let id: RuleID = .loaEvidence
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard let category = c.request.category, c.policy.evidenceRequired.contains(category.rawValue),
              c.request.evidence.isEmpty else { return nil }
        return finding(.attention, "No evidence is attached; the policy asks for it for \(category.title) (for example a health professional's recommendation, a death certificate, a letter from the Commanding Officer).",
                       parent: "Please send evidence with your request, such as a letter or certificate.",
                       source: "001 §5.1 (evidence); 004")
    }
}

struct HolidayAdjacent: Rule {
    let id: RuleID = .loaHolidayAdjacent
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard c.count.sessions > 0 else { return nil }
        func weekday(from date: SchoolDate, step: Int) -> SchoolDate {
            var day = date.adding(days: step)
            while day.isWeekend { day = day.adding(days: step) }
            return day
        }
        let before = weekday(from: c.request.start.date, step: -1)
        let after = weekday(from: c.request.end.date, step: 1)
        let knownRange = (c.calendar.terms.first?.start ?? before)...(c.calendar.terms.last?.end ?? after)
        var sides: [String] = []
        if knownRange.contains(before) && !c.calendar.isSchoolDay(before) { sides.append("starts straight after a school holiday or closure (\(before.longForm))") }
        if knownRange.contains(after) && !c.calendar.isSchoolDay(after) { sides.append("ends just before a school holiday or closure (\(after.longForm))") }
        // Leave that wraps around a holiday: a weekday inside it with no school.
        var day = c.request.start.date
        var wraps = false
        while day <= c.request.end.date {
            if !day.isWeekend && !c.calendar.isSchoolDay(day) && knownRange.contains(day) { wraps = true; break }
            day = day.adding(days: 1)
        }
        if wraps { sides.append("takes in a school holiday or closure") }
        guard !sides.isEmpty else { return nil }
        return finding(.attention, "The leave \(sides.joined(separator: " and ")), extending a break from school.",
                       source: "001 §5.1 (factors weighed)")
    }
}

struct PriorLeave: Rule {
    let id: RuleID = .loaPriorLeave
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        let thisYear = c.input.asOf.academicYearStart
        guard let earlier = c.input.previousRequests.first(where: {
            $0.type == .leave && $0.category == c.request.category && $0.start.academicYearStart < thisYear
        }) else { return nil }
        return finding(.attention, "Leave for the same reason (\(c.request.category?.title ?? "leave")) was asked for in an earlier year (\(earlier.start.shortForm) to \(earlier.end.shortForm), \(earlier.outcome.rawValue)).",
                       source: "001 §5.1 (factors weighed)")
    }
}

struct Unforeseen: Rule {
    let id: RuleID = .loaUnforeseen
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard c.request.category == .otherExceptional, let whom = c.policy.escalateUnforeseenTo else { return nil }
        return finding(.attention, "Exceptional and unforeseen circumstances: the policy asks the headteacher to consult \(whom) before authorising, and the decision must record that consultation.",
                       source: "001 §5.1 (consult the CEO)")
    }
}

struct PenaltyWarning: Rule {
    let id: RuleID = .loaPenaltyWarning
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard !c.sessions.isEmpty else { return nil }
        // If refused and taken anyway, the sessions are recorded G: count them with the pupil's
        // other unauthorised absence in the same run of school weeks.
        let window = c.statistics.mostUnauthorised(inAnyRunOf: c.policy.penaltyWindowSchoolWeeks, from: c.yearStart,
                                                   to: c.request.end.date, assuming: c.sessions)
        let threshold = c.policy.penaltyThresholdSessions
        let reaches = window.sessions >= threshold
        let amounts = c.policy.penaltyNoticeAmounts.map { "£\($0)" }.joined(separator: " or ")
        let message = "If refused and taken anyway, these \(c.sessions.count) sessions would be recorded G (unauthorised holiday): that makes \(window.sessions) unauthorised sessions within \(c.policy.penaltyWindowSchoolWeeks) school weeks, "
            + (reaches ? "reaching the penalty-notice threshold of \(threshold) (\(amounts) per parent)." : "below the penalty-notice threshold of \(threshold).")
        return finding(.info, message,
                       parent: reaches ? "If leave is refused and your child is absent anyway, the local authority may issue a penalty notice (\(amounts) per parent)." : nil,
                       source: "001 §5.2; 004; 002")
    }
}

/// 004 makes a return date part of every application; other schools only ask for it.
struct ReturnDateMissing: Rule {
    let id: RuleID = .loaReturnDate
    let appliesTo: Set<RequestType> = [.leave]
    func check(_ c: RuleContext) -> Finding? {
        guard c.policy.returnDateRequired, c.request.returnDate == nil else { return nil }
        return finding(.attention, "No return date is given; the policy requires one in every application.",
                       parent: "Please tell the school the date your child will be back.", source: "004 Leave of absence")
    }
}
