@testable import LeaveCore

/// A school year (2024/25) and a pupil present at every session unless told otherwise, for
/// testing one rule at a time. The as-of date is Monday 3 February 2025.
struct RuleFixture {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }

    var asOf = d("2025-02-03")
    var policy = PolicySettings.standard
    var yearGroup = YearGroup(4)!
    var overrides: [(String, Session, AttendanceCode)] = []
    /// Register marks stop before this day (the day before the as-of date when nil).
    var marksUntil: SchoolDate?
    var previous: [PreviousRequest] = []
    var assessments = [AssessmentPeriod(name: "KS2 SATs", yearGroups: [6], start: d("2025-05-12"), end: d("2025-05-15"))]
    var religiousDays = [ReligiousDay(religion: "Islam", name: "Eid al-Fitr", date: d("2025-03-31"))]
    var request = RequestUnderReview(type: .leave, category: .exceptional, purpose: "funeral",
                                     start: SessionPoint(d("2025-03-10"), .am), end: SessionPoint(d("2025-03-12"), .pm),
                                     returnDate: d("2025-03-13"), evidence: ["certificate.pdf"])

    /// Autumn and spring terms with their half terms, an INSET day and the Easter holiday.
    var calendar: SchoolCalendar {
        SchoolCalendar(
            terms: [Term(name: "Autumn 1", start: Self.d("2024-09-02"), end: Self.d("2024-10-25")),
                    Term(name: "Autumn 2", start: Self.d("2024-11-04"), end: Self.d("2024-12-20")),
                    Term(name: "Spring 1", start: Self.d("2025-01-06"), end: Self.d("2025-02-14")),
                    Term(name: "Spring 2", start: Self.d("2025-02-24"), end: Self.d("2025-04-04")),
                    Term(name: "Summer 1", start: Self.d("2025-04-22"), end: Self.d("2025-05-23")),
                    Term(name: "Summer 2", start: Self.d("2025-06-02"), end: Self.d("2025-07-22"))],
            closures: [Closure(date: Self.d("2025-01-06"), kind: .inset, name: "INSET day")],
            assessments: assessments, religiousDays: religiousDays)
    }

    var input: EvaluationInput {
        let calendar = self.calendar
        var marks: [SessionMark] = []
        var day = Self.d("2024-09-02")
        while day < (marksUntil ?? asOf) {
            if calendar.isSchoolDay(day) {
                marks += [SessionMark(day, .am, .presentAM), SessionMark(day, .pm, .presentPM)]
            }
            day = day.adding(days: 1)
        }
        marks += overrides.map { SessionMark(Self.d($0.0), $0.1, $0.2) }
        return EvaluationInput(asOf: asOf, policy: policy, calendar: calendar, yearGroup: yearGroup,
                               history: AttendanceHistory(marks), previousRequests: previous, request: request)
    }

    var evaluation: Evaluation { Evaluator.evaluate(input) }

    func fires(_ rule: RuleID) -> Bool { evaluation.fired(rule) }

    /// Sessions marked this academic year before the as-of date (all present unless overridden).
    var possibleToDate: Int { AttendanceStatistics(history: input.history, calendar: calendar).yearToDate(asOf: asOf).possible }

    func finding(_ rule: RuleID) -> Finding? { evaluation.findings.first { $0.rule == rule } }

    /// Marks `count` school days from `from` with `code`, both sessions.
    mutating func mark(_ code: AttendanceCode, days count: Int, from: String) {
        var day = Self.d(from)
        var marked = 0
        while marked < count {
            if calendar.isSchoolDay(day) {
                overrides += [(day.iso, .am, code), (day.iso, .pm, code)]
                marked += 1
            }
            day = day.adding(days: 1)
        }
    }

    mutating func leave(_ start: String, _ end: String, category: LeaveCategory? = .exceptional, type: RequestType = .leave) {
        request.type = type
        request.category = type == .leave ? category : nil
        request.start = SessionPoint(Self.d(start), .am)
        request.end = SessionPoint(Self.d(end), .pm)
        request.returnDate = Self.d(end).adding(days: 1)
    }
}
