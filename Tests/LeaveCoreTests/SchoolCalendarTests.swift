import Testing
@testable import LeaveCore

/// Counting follows rules.md "Sessions": two sessions a school day, and only days in term
/// that are not closures count (000 "Definitions": possible sessions).
@Suite("Counting school days and sessions")
struct SchoolCalendarTests {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }

    /// Autumn 2 2026 with a Friday INSET day; October half term before it.
    let calendar = SchoolCalendar(
        terms: [
            Term(name: "Autumn 1", start: d("2026-09-03"), end: d("2026-10-23")),
            Term(name: "Autumn 2", start: d("2026-11-02"), end: d("2026-12-18")),
        ],
        closures: [Closure(date: d("2026-11-20"), kind: .inset, name: "INSET day")])

    @Test func aWholeWeekIsFiveDaysAndTenSessions() {
        let count = calendar.count(from: SessionPoint(Self.d("2026-11-09"), .am), to: SessionPoint(Self.d("2026-11-13"), .pm))
        #expect(count.sessions == 10)
        #expect(count.schoolDays == 5)
    }

    @Test func weekendsDoNotCount() {
        let count = calendar.count(from: SessionPoint(Self.d("2026-11-12"), .am), to: SessionPoint(Self.d("2026-11-17"), .pm))
        #expect(count.schoolDays == 4)  // Thu, Fri, Mon, Tue
        #expect(count.sessions == 8)
    }

    @Test func closuresDoNotCount() {
        let count = calendar.count(from: SessionPoint(Self.d("2026-11-19"), .am), to: SessionPoint(Self.d("2026-11-23"), .pm))
        #expect(count.schoolDays == 2)  // Thu, (INSET Fri), Mon
        #expect(count.first == SessionPoint(Self.d("2026-11-19"), .am))
        #expect(count.last == SessionPoint(Self.d("2026-11-23"), .pm))
    }

    @Test func halfTermDoesNotCount() {
        let count = calendar.count(from: SessionPoint(Self.d("2026-10-22"), .am), to: SessionPoint(Self.d("2026-11-03"), .pm))
        #expect(count.schoolDays == 4)  // Thu 22, Fri 23, Mon 2, Tue 3
        #expect(count.sessions == 8)
    }

    @Test func afternoonStartAndMorningEndCountHalfDays() {
        let count = calendar.count(from: SessionPoint(Self.d("2026-11-10"), .pm), to: SessionPoint(Self.d("2026-11-12"), .am))
        #expect(count.sessions == 4)  // Tue PM, Wed AM+PM, Thu AM
        #expect(count.schoolDays == 3)
        let oneSession = calendar.count(from: SessionPoint(Self.d("2026-11-10"), .pm), to: SessionPoint(Self.d("2026-11-10"), .pm))
        #expect(oneSession.sessions == 1)
        #expect(oneSession.schoolDays == 1)
    }

    @Test func datesWithNoSchoolCountNothing() {
        let holiday = calendar.count(from: SessionPoint(Self.d("2026-10-26"), .am), to: SessionPoint(Self.d("2026-10-30"), .pm))
        #expect(holiday == .none)
        let backwards = calendar.count(from: SessionPoint(Self.d("2026-11-12"), .pm), to: SessionPoint(Self.d("2026-11-12"), .am))
        #expect(backwards.sessions == 0)
    }

    @Test func nextSchoolDaySkipsWeekendsAndClosures() {
        #expect(calendar.nextSchoolDay(after: Self.d("2026-11-19")) == Self.d("2026-11-23"))
        #expect(calendar.nextSchoolDay(after: Self.d("2026-12-18")) == nil)
    }

    @Test func theTypicalYearHasSixHalfTermsAndItsClosuresFallInTerm() {
        let year = TypicalSchoolYear(startingIn: 2026)
        #expect(TypicalSchoolYear.easterSunday(2027) == Self.d("2027-03-28"))
        #expect(TypicalSchoolYear.easterSunday(2025) == Self.d("2025-04-20"))
        #expect(year.terms.count == 6)
        for (earlier, later) in zip(year.terms, year.terms.dropFirst()) {
            #expect(earlier.end < later.start)
        }
        for closure in year.closures {
            #expect(year.terms.contains { $0.contains(closure.date) })
            #expect(!closure.date.isWeekend)
        }
        let total = year.calendar.count(from: SessionPoint(year.terms[0].start, .am), to: SessionPoint(year.terms[5].end, .pm))
        // An English school year has 190 teaching days; this pattern lands close to it.
        #expect((185...195).contains(total.schoolDays))
    }

    /// The days are worked out once into a table; terms spanning decades (a mistyped year) are
    /// answered day by day instead, and both give the same answers (000 "Definitions").
    @Test func aCalendarWithTermsOverDecadesAnswersAsOneWithinAYear() {
        let long = SchoolCalendar(
            terms: calendar.terms + [Term(name: "Mistyped", start: Self.d("2030-01-06"), end: Self.d("2059-12-31"))],
            closures: calendar.closures)
        var day = Self.d("2026-08-30")
        while day <= Self.d("2027-01-10") {
            #expect(long.isSchoolDay(day) == calendar.isSchoolDay(day), "\(day)")
            day = day.adding(days: 1)
        }
        #expect(calendar.isSchoolDay(Self.d("2026-11-19")) && !calendar.isSchoolDay(Self.d("2026-11-20")))
        #expect(!calendar.isSchoolDay(Self.d("2026-11-21")) && !calendar.isSchoolDay(Self.d("2026-10-26")))
        #expect(long.isSchoolDay(Self.d("2045-03-01")) && !long.isSchoolDay(Self.d("2045-03-04")))
        #expect(!calendar.isSchoolDay(Self.d("1999-01-04")) && !SchoolCalendar(terms: [], closures: []).isSchoolDay(Self.d("2026-11-19")))
    }

    /// 1 March 2045 is a Wednesday, 4 March a Saturday; weekdays are counted from 1 January 1970, a Thursday.
    @Test func weekdaysFollowTheCalendar() {
        #expect(Self.d("1970-01-01").weekday == .thursday && Self.d("2045-03-04").isWeekend && !Self.d("2045-03-01").isWeekend)
        #expect(Self.d("2026-11-22").weekday == .sunday && Self.d("1969-12-29").weekday == .monday)
    }

    /// Terms that overlap, or end before they start (a calendar file can add one beside those kept),
    /// read as the term search reads them: a day belongs to the last term starting on or before it.
    @Test func overlappingAndBackwardTermsReadAsTheTermSearchReadsThem() {
        let odd = SchoolCalendar(
            terms: [
                Term(name: "Long", start: Self.d("2026-09-01"), end: Self.d("2026-12-31")),
                Term(name: "Inside", start: Self.d("2026-10-05"), end: Self.d("2026-10-16")),
                Term(name: "Backwards", start: Self.d("2026-11-16"), end: Self.d("2026-11-02")),
                Term(name: "Same start", start: Self.d("2026-12-07"), end: Self.d("2026-12-08")),
                Term(name: "Same start again", start: Self.d("2026-12-07"), end: Self.d("2026-12-11")),
            ],
            closures: calendar.closures)
        var day = Self.d("2026-08-25")
        while day <= Self.d("2027-01-08") {
            let expected = !day.isWeekend && odd.term(containing: day) != nil && !odd.closures.contains { $0.date == day }
            #expect(odd.isSchoolDay(day) == expected, "\(day)")
            day = day.adding(days: 1)
        }
        #expect(odd.isSchoolDay(Self.d("2026-10-15")) && !odd.isSchoolDay(Self.d("2026-10-19")))
    }
}
