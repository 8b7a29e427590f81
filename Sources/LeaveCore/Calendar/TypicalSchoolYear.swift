/// A plausible English school year (six half terms, five INSET days, bank holidays),
/// for demo schools and tests that need a calendar without one imported from a MIS.
///
/// Real schools take their dates from their local authority; this follows the usual
/// pattern closely enough that weekends, half terms and closures all appear.
public struct TypicalSchoolYear: Sendable {
    public let startYear: Int
    public let terms: [Term]
    public let closures: [Closure]
    public let assessments: [AssessmentPeriod]

    public var calendar: SchoolCalendar { SchoolCalendar(terms: terms, closures: closures, assessments: assessments) }

    /// The academic year 1 September `startYear` to 31 August the year after.
    public init(startingIn startYear: Int) {
        self.startYear = startYear
        let next = startYear + 1
        func date(_ y: Int, _ m: Int, _ d: Int) -> SchoolDate { SchoolDate(year: y, month: m, day: d)! }
        func onOrAfter(_ day: SchoolDate, _ weekday: Weekday) -> SchoolDate {
            var d = day
            while d.weekday != weekday { d = d.adding(days: 1) }
            return d
        }
        func onOrBefore(_ day: SchoolDate, _ weekday: Weekday) -> SchoolDate {
            var d = day
            while d.weekday != weekday { d = d.adding(days: -1) }
            return d
        }
        func lastWeekday(onOrBefore day: SchoolDate) -> SchoolDate {
            var d = day
            while d.isWeekend { d = d.adding(days: -1) }
            return d
        }

        let autumnStart = onOrAfter(date(startYear, 9, 1), .monday)
        let octoberHalfTerm = onOrBefore(date(startYear, 10, 31), .monday)
        let autumnEnd = onOrAfter(date(startYear, 12, 16), .friday)
        let springStart = onOrAfter(date(next, 1, 2), .monday)
        let februaryHalfTerm = onOrAfter(date(next, 2, 15), .monday)
        let easter = TypicalSchoolYear.easterSunday(next)
        let goodFriday = easter.adding(days: -2)
        let easterHolidayStart = goodFriday.adding(days: -4)
        let springEnd = easterHolidayStart.adding(days: -3)
        let summerStart = easter.adding(days: 8)
        let earlyMay = onOrAfter(date(next, 5, 1), .monday)
        let springBank = onOrBefore(date(next, 5, 31), .monday)
        let summerEnd = lastWeekday(onOrBefore: date(next, 7, 22))

        terms = [
            Term(name: "Autumn 1", start: autumnStart, end: octoberHalfTerm.adding(days: -3)),
            Term(name: "Autumn 2", start: octoberHalfTerm.adding(days: 7), end: autumnEnd),
            Term(name: "Spring 1", start: springStart, end: februaryHalfTerm.adding(days: -3)),
            Term(name: "Spring 2", start: februaryHalfTerm.adding(days: 7), end: springEnd),
            Term(name: "Summer 1", start: summerStart, end: springBank.adding(days: -3)),
            Term(name: "Summer 2", start: springBank.adding(days: 7), end: summerEnd),
        ]
        var closures = [
            Closure(date: autumnStart, kind: .inset, name: "INSET day"),
            Closure(date: autumnStart.adding(days: 1), kind: .inset, name: "INSET day"),
            Closure(date: springStart, kind: .inset, name: "INSET day"),
            Closure(date: februaryHalfTerm.adding(days: 7), kind: .inset, name: "INSET day"),
            Closure(date: summerEnd, kind: .inset, name: "INSET day"),
        ]
        if terms[4].contains(earlyMay) {
            closures.append(Closure(date: earlyMay, kind: .bankHoliday, name: "Early May bank holiday"))
        }
        if terms[4].contains(easter.adding(days: 1)) {
            closures.append(Closure(date: easter.adding(days: 1), kind: .bankHoliday, name: "Easter Monday"))
        }
        self.closures = closures.sorted { $0.date < $1.date }
        // The usual weeks: KS2 SATs in the second week of May, the multiplication tables check
        // over the first three weeks of June, the phonics check in the second week of June.
        let sats = onOrAfter(date(next, 5, 8), .monday)
        let june = onOrAfter(date(next, 6, 1), .monday)
        assessments = [
            AssessmentPeriod(name: "KS2 SATs", yearGroups: [6], start: sats, end: sats.adding(days: 3)),
            AssessmentPeriod(name: "Multiplication tables check", yearGroups: [4], start: june, end: june.adding(days: 18)),
            AssessmentPeriod(name: "Phonics screening check", yearGroups: [1], start: june.adding(days: 7), end: june.adding(days: 11)),
        ]
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).
    public static func easterSunday(_ year: Int) -> SchoolDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return SchoolDate(year: year, month: month, day: day)!
    }
}
