import Testing
@testable import LeaveCore

/// The penalty-notice window (001 §5.2; 002: unauthorised sessions in any run of school weeks)
/// is counted in arrays by week since issue 11. This checks it against the count as the policy
/// words it, week by week keyed by each week's Monday, on many made-up registers.
@Suite("The rolling count of unauthorised sessions")
struct RollingWindowTests {
    static func d(_ text: String) -> SchoolDate { AttendanceStatisticsTests.d(text) }

    /// Autumn 2024 with October half term and an INSET day, and a spring term after Christmas.
    let calendar = SchoolCalendar(
        terms: [Term(name: "Autumn 1", start: d("2024-09-02"), end: d("2024-10-25")),
                Term(name: "Autumn 2", start: d("2024-11-04"), end: d("2024-12-20")),
                Term(name: "Spring 1", start: d("2025-01-06"), end: d("2025-02-14"))],
        closures: [Closure(date: d("2024-11-04"), kind: .inset, name: "INSET")])

    /// The count as the policy words it: every school week (a week with a school day, or with a
    /// mark that counts as a possible session), its unauthorised sessions, the best run of `weeks`.
    func expected(_ history: AttendanceHistory, weeks: Int, from: SchoolDate, to: SchoolDate, extra: [SessionPoint]) -> RollingCount {
        guard weeks > 0, from <= to else { return RollingCount(sessions: 0, firstWeek: nil, lastWeek: nil) }
        let monday = { (date: SchoolDate) in date.dayNumber - date.weekday.rawValue }
        var perWeek: [Int: Int] = [:]
        var day = from
        while day <= to {
            if calendar.isSchoolDay(day) { perWeek[monday(day), default: 0] += 0 }
            day = day.adding(days: 1)
        }
        for mark in history.marks(from: SessionPoint(from, .am), to: SessionPoint(to, .pm)) where mark.code.isPossibleSession {
            perWeek[monday(mark.point.date), default: 0] += mark.code.isUnauthorisedAbsence ? 1 : 0
        }
        for point in extra where from <= point.date && point.date <= to && history.code(at: point)?.isUnauthorisedAbsence != true {
            perWeek[monday(point.date), default: 0] += 1
        }
        let ordered = perWeek.keys.sorted()
        guard !ordered.isEmpty else { return RollingCount(sessions: 0, firstWeek: nil, lastWeek: nil) }
        let width = min(weeks, ordered.count)
        var best = -1, bestStart = 0
        for start in 0...(ordered.count - width) {
            let sum = ordered[start..<(start + width)].reduce(0) { $0 + (perWeek[$1] ?? 0) }
            if sum > best { best = sum; bestStart = start }
        }
        return RollingCount(sessions: best, firstWeek: SchoolDate(dayNumber: ordered[bestStart]),
                            lastWeek: SchoolDate(dayNumber: ordered[bestStart + width - 1]))
    }

    /// SplitMix64: the same made-up registers on every run, so a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func theArrayCountAgreesWithTheWeekByWeekCount() {
        let codes: [AttendanceCode] = [.presentAM, .presentPM, .late, .illness, .unauthorisedHoliday, .reasonNotYetKnown,
                                       .unauthorisedOther, .lateAfterRegisterClosed, .notRequired, .exceptional]
        let first = Self.d("2024-08-19").dayNumber, last = Self.d("2025-02-28").dayNumber
        for seed in 0..<300 {
            var random = Seeded(state: UInt64(seed))
            var marks: [SessionMark] = []
            for number in first...last where Int.random(in: 0..<10, using: &random) < 7 {
                let date = SchoolDate(dayNumber: number)
                // Mostly school days, but now and then a mark in a holiday or at a weekend.
                guard calendar.isSchoolDay(date) || Int.random(in: 0..<20, using: &random) == 0 else { continue }
                marks.append(SessionMark(date, .am, codes.randomElement(using: &random)!))
                marks.append(SessionMark(date, .pm, codes.randomElement(using: &random)!))
            }
            let history = AttendanceHistory(marks)
            let from = SchoolDate(dayNumber: Int.random(in: first...last, using: &random))
            let to = SchoolDate(dayNumber: Int.random(in: first...last, using: &random))
            let weeks = Int.random(in: 0...12, using: &random)
            let extra = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                SessionPoint(SchoolDate(dayNumber: Int.random(in: first...last, using: &random)), Bool.random(using: &random) ? .am : .pm)
            }
            let counted = AttendanceStatistics(history: history, calendar: calendar)
                .mostUnauthorised(inAnyRunOf: weeks, from: from, to: to, assuming: extra)
            #expect(counted == expected(history, weeks: weeks, from: from, to: to, extra: extra), "seed \(seed)")
        }
    }
}
