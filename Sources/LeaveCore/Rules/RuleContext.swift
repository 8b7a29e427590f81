/// The figures several rules share, worked out once per evaluation.
public struct RuleContext: Sendable {
    public let input: EvaluationInput
    public let count: SessionCount
    /// The school sessions the request covers, in order.
    public let sessions: [SessionPoint]
    public let statistics: AttendanceStatistics
    public let yearStart: SchoolDate
    /// This academic year up to the day before the as-of date.
    public let toDate: AttendanceFigures
    /// `toDate` with the request's sessions added as the absence they would be if granted.
    public let projected: AttendanceFigures
    /// The whole academic year, as persistent absence is measured (000 "Definitions"; 001 §8.4).
    public let projectedYear: YearProjection
    public let submittedOn: SchoolDate

    public init(_ input: EvaluationInput) {
        self.input = input
        let request = input.request
        count = input.calendar.count(from: request.start, to: request.end)
        statistics = AttendanceStatistics(history: input.history, calendar: input.calendar)
        sessions = request.type == .lunchtime ? [] : statistics.schoolSessions(from: request.start, to: request.end)
        yearStart = SchoolDate(year: input.asOf.academicYearStart, month: 9, day: 1)!
        toDate = statistics.yearToDate(asOf: input.asOf)
        let code = Evaluator.registerCode(for: request) ?? .exceptional
        projected = statistics.projected(from: yearStart, to: input.asOf.adding(days: -1), absences: sessions, code: code)
        projectedYear = YearProjection(toDate: toDate, statistics: statistics, asOf: input.asOf, requested: sessions, code: code,
                                       expectation: input.policy.attendanceExpectation)
        submittedOn = request.submittedOn ?? input.asOf
    }

    public var policy: PolicySettings { input.policy }
    public var request: RequestUnderReview { input.request }
    public var calendar: SchoolCalendar { input.calendar }

    /// Calendar days from the request to its first day.
    public var noticeGiven: Int { submittedOn.days(until: request.start.date) }

    /// "the 14 days' notice the policy asks for" and, where the school prefers more, says so.
    public func noticeWanted(_ days: Int) -> String {
        if let preferred = policy.preferredNoticeDays, preferred > days {
            return "\(days) days' notice (and \(preferred / 7) weeks where possible)"
        }
        return "\(days) days' notice"
    }
}

/// Percentages as the school writes them: "12.5%", "96%".
public enum Percent {
    public static func format(_ fraction: Double?) -> String {
        guard let fraction else { return "no sessions yet" }
        // Policy fractions are checked to lie in 0...1 when set, but the settings are Codable
        // too: a value too large for Int is shown as it is rather than trapping.
        guard let tenths = Int(exactly: (fraction * 1000).rounded()) else { return "\(fraction * 100)%" }
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}
