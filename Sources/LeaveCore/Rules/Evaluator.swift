/// The result of judging a request (evaluate.md "Result").
public struct Evaluation: Hashable, Sendable {
    public let recommendation: Recommendation
    public let sessions: Int
    public let schoolDays: Int
    public let attendanceToDate: Double?
    public let projectedAttendance: Double?
    public let registerCode: AttendanceCode?
    /// Every rule that fired, strongest first.
    public let findings: [Finding]

    /// Public so a store can give back what the rules said when they last ran.
    public init(recommendation: Recommendation, sessions: Int, schoolDays: Int, attendanceToDate: Double?,
                projectedAttendance: Double?, registerCode: AttendanceCode?, findings: [Finding]) {
        self.recommendation = recommendation
        self.sessions = sessions
        self.schoolDays = schoolDays
        self.attendanceToDate = attendanceToDate
        self.projectedAttendance = projectedAttendance
        self.registerCode = registerCode
        self.findings = findings
    }

    public var isBlocked: Bool { recommendation == .blocked }
    public func fired(_ rule: RuleID) -> Bool { findings.contains { $0.rule == rule } }
}

/// Runs the rule catalogue over a request. Pure: the same input always gives the same result.
public enum Evaluator {
    public static func evaluate(_ input: EvaluationInput, rules: [any Rule] = RuleCatalogue.all) -> Evaluation {
        let context = RuleContext(input)
        var findings: [Finding] = []
        for rule in rules where rule.appliesTo.contains(input.request.type) {
            if let finding = rule.check(context) { findings.append(finding) }
        }
        // Strongest first; within a severity, the catalogue's order.
        let ordered = findings.enumerated().sorted {
            $0.element.severity != $1.element.severity ? $0.element.severity > $1.element.severity : $0.offset < $1.offset
        }.map(\.element)
        return Evaluation(
            recommendation: recommendation(for: ordered),
            sessions: context.count.sessions, schoolDays: context.count.schoolDays,
            attendanceToDate: context.toDate.attendanceRate,
            projectedAttendance: input.request.type == .lunchtime ? context.toDate.attendanceRate : context.projected.attendanceRate,
            registerCode: registerCode(for: input.request), findings: ordered)
    }

    /// The strongest severity decides; `blocked` can never become a grant. A performance whose
    /// licence names every day asked for is authorised by the licence unless something blocks it.
    static func recommendation(for findings: [Finding]) -> Recommendation {
        let strongest = findings.map(\.severity).max() ?? .info
        if strongest == .blocked { return .blocked }
        if findings.contains(where: { $0.rule == .performanceLicenceDated }) { return .authorisedByLicence }
        switch strongest {
        case .blocked: return .blocked
        case .refuse: return .refuse
        case .attention: return .consider
        case .info: return .grant
        }
    }

    /// The code the register takes if the request is granted; lunchtime leave has none.
    public static func registerCode(for request: RequestUnderReview) -> AttendanceCode? {
        registerCode(type: request.type, category: request.category)
    }

    /// The one place a granted request's register code is decided (001 Appendix 1; 000's code
    /// list): the rules, the letters and the register export all ask here.
    public static func registerCode(type: RequestType, category: LeaveCategory?) -> AttendanceCode? {
        switch type {
        case .leave: category?.registerCode ?? .exceptional
        case .medical: .medical
        case .religious: .religious
        case .traveller: .traveller
        case .performance: .performanceLicence
        case .lunchtime: nil
        }
    }
}
