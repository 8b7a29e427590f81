// Rules for absence under a child performance licence (000 "Performances and activities").

private let performanceSource = "000 Performances and activities"

struct NoLicence: Rule {
    let id: RuleID = .performanceNoLicence
    let appliesTo: Set<RequestType> = [.performance]
    func check(_ c: RuleContext) -> Finding? {
        guard c.request.licence == nil else { return nil }
        return finding(.blocked, "There is no local-authority licence; the headteacher will not authorise absence for a performance without one.",
                       parent: "Absence for a performance needs a licence from the local authority.", source: performanceSource)
    }
}

/// The school days asked for that the licence does not name.
private func unnamedDays(_ c: RuleContext) -> [SchoolDate]? {
    guard let dates = c.request.licence?.dates else { return nil }
    let named = Set(dates)
    var seen = Set<SchoolDate>()
    return c.sessions.map(\.date).filter { !named.contains($0) && seen.insert($0).inserted }
}

struct LicenceDated: Rule {
    let id: RuleID = .performanceLicenceDated
    let appliesTo: Set<RequestType> = [.performance]
    func check(_ c: RuleContext) -> Finding? {
        guard let licence = c.request.licence, licence.dates != nil, unnamedDays(c)?.isEmpty == true else { return nil }
        return finding(.info, "Licence \(licence.number) from \(licence.authority) names these dates: the absence is authorised by the licence (code C1) and needs no further decision.",
                       parent: "Your child's licence names these dates, so the absence is authorised.", source: performanceSource)
    }
}

struct LicenceUndated: Rule {
    let id: RuleID = .performanceLicenceUndated
    let appliesTo: Set<RequestType> = [.performance]
    func check(_ c: RuleContext) -> Finding? {
        guard let licence = c.request.licence else { return nil }
        if licence.dates == nil {
            return finding(.attention, "Licence \(licence.number) names no dates: the headteacher decides day by day.", source: performanceSource)
        }
        guard let unnamed = unnamedDays(c), let first = unnamed.first else { return nil }
        return finding(.attention, "Licence \(licence.number) does not name \(unnamed.count) of the days asked for (the first is \(first.longForm)): the headteacher decides those day by day.",
                       source: performanceSource)
    }
}

struct PerformanceFloor: Rule {
    let id: RuleID = .performanceAttendanceFloor
    let appliesTo: Set<RequestType> = [.performance]
    func check(_ c: RuleContext) -> Finding? {
        // A licence that names its dates authorises them; the floor governs the headteacher's own decisions.
        guard let licence = c.request.licence, licence.dates == nil || unnamedDays(c)?.isEmpty == false,
              let projected = c.projected.attendanceRate, projected < c.policy.performanceFloor else { return nil }
        // How many of the sessions asked for keep attendance at or above the floor, taken in order.
        let attended = Double(c.toDate.attended)
        var possible = c.toDate.possible
        var allowed: [SessionPoint] = []
        for session in c.sessions {
            possible += 1
            if attended / Double(possible) < c.policy.performanceFloor { break }
            allowed.append(session)
        }
        var days: [String] = []
        for session in allowed where !days.contains(session.date.shortForm) { days.append(session.date.shortForm) }
        let canAuthorise = allowed.isEmpty ? "none of the days can be authorised"
            : "the first \(allowed.count) sessions can be authorised (\(days.joined(separator: ", ")))"
        return finding(.refuse, "Authorising all of it would take attendance to \(Percent.format(projected)), below the \(Percent.format(c.policy.performanceFloor)) floor; \(canAuthorise).",
                       source: "\(performanceSource) (not below 95%)")
    }
}

struct PerformanceEducation: Rule {
    let id: RuleID = .performanceEducation
    let appliesTo: Set<RequestType> = [.performance]
    func check(_ c: RuleContext) -> Finding? {
        guard let licence = c.request.licence else { return nil }
        guard let education = licence.education else {
            return finding(.attention, "No education arrangements are declared for the time away.", source: "\(performanceSource) (education while licensed)")
        }
        var shortfalls: [String] = []
        if let week = education.hoursPerWeek, week < 6 { shortfalls.append("\(Self.hours(week)) hours a week (at least 6)") }
        if education.hoursPerWeek == nil { shortfalls.append("no hours a week given (at least 6)") }
        if let low = education.hoursPerDay.min(), low < 3 { shortfalls.append("\(Self.hours(low)) hours a day in a four-week period (at least 3)") }
        if let most = education.maxHoursOnADay, most > 5 { shortfalls.append("\(Self.hours(most)) hours on one day (at most 5)") }
        guard !shortfalls.isEmpty else { return nil }
        return finding(.attention, "The education declared while on licence falls short: \(shortfalls.joined(separator: "; ")).",
                       source: "\(performanceSource) (education while licensed)")
    }

    /// `Int(exactly:)` because the hours come from the request as typed, and `Int(_:)` traps on 1e300.
    static func hours(_ value: Double) -> String {
        Int(exactly: value).map(String.init) ?? String((value * 10).rounded() / 10)
    }
}
