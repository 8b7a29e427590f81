import Testing
@testable import LeaveCore

/// Issue 13 "The queue": each request's deadline, worked out by hand on `TimeMissedTests.calendar`
/// (autumn 2 from 2 November to 18 December 2026, an INSET day on Friday 27 November, spring from
/// Tuesday 5 January 2027).
@Suite("When a request must be decided by")
struct DecisionDeadlineTests {
    static func d(_ text: String) -> SchoolDate { SchoolDate(iso: text)! }
    static let calendar = TimeMissedTests.calendar

    /// 000 "Leave during lunch times": in writing within 5 school days of the request.
    @Test(arguments: [
        ("2026-11-23", "2026-12-01"),  // Monday: Tue–Thu, the INSET Friday does not count, Mon, Tue
        ("2026-11-20", "2026-11-30"),  // Friday: Mon–Thu, past the INSET Friday to Monday
        ("2026-12-14", "2027-01-05"),  // Monday of the last week: Tue–Fri, then the first day of spring
    ])
    func lunchtimeIsFiveSchoolDaysAfterTheRequest(_ asked: String, _ expected: String) {
        let due = DecisionDeadline.of(.lunchtime, start: SessionPoint(Self.d("2027-02-01"), .am), submittedOn: Self.d(asked),
                                      calendar: Self.calendar, lunchtimeSchoolDays: 5)
        #expect(due == DecisionDeadline(date: Self.d(expected), basis: .schoolDaysAfterRequest))
    }

    /// Lunchtimes that begin before the written answer is owed are decided before the first of them.
    @Test func lunchtimesStartingSoonerAreDecidedBeforeTheFirst() {
        let due = DecisionDeadline.of(.lunchtime, start: SessionPoint(Self.d("2026-11-26"), .am), submittedOn: Self.d("2026-11-23"),
                                      calendar: Self.calendar, lunchtimeSchoolDays: 5)
        #expect(due == DecisionDeadline(date: Self.d("2026-11-25"), basis: .beforeFirstDay))
    }

    /// Leave is decided by the last school day before it begins: over weekends and closures.
    @Test(arguments: [
        ("2026-12-07", "2026-12-04"),  // a Monday: the Friday before
        ("2026-11-30", "2026-11-26"),  // the Monday after the INSET Friday: the Thursday
        ("2027-01-05", "2026-12-18"),  // the first day of spring: the last day of autumn
        ("2026-12-08", "2026-12-07"),  // a Tuesday: the Monday
    ])
    func leaveIsDecidedBeforeItBegins(_ first: String, _ expected: String) {
        let due = DecisionDeadline.of(.leave, start: SessionPoint(Self.d(first), .am), submittedOn: Self.d("2026-11-02"),
                                      calendar: Self.calendar, lunchtimeSchoolDays: 5)
        #expect(due == DecisionDeadline(date: Self.d(expected), basis: .beforeFirstDay))
    }

    @Test func aRequestSentTheDayBeforeIsDueThatDayAndOneSentLateIsDueAtOnce() {
        let dayBefore = DecisionDeadline.of(.medical, start: SessionPoint(Self.d("2026-12-08"), .pm), submittedOn: Self.d("2026-12-07"),
                                            calendar: Self.calendar, lunchtimeSchoolDays: 5)
        #expect(dayBefore == DecisionDeadline(date: Self.d("2026-12-07"), basis: .beforeFirstDay))
        let late = DecisionDeadline.of(.medical, start: SessionPoint(Self.d("2026-12-01"), .am), submittedOn: Self.d("2026-12-03"),
                                       calendar: Self.calendar, lunchtimeSchoolDays: 5)
        #expect(late == DecisionDeadline(date: Self.d("2026-12-03"), basis: .alreadyStarted))
    }

    @Test func theQueueSaysHowUrgentItIs() {
        let due = DecisionDeadline(date: Self.d("2026-12-01"), basis: .beforeFirstDay)
        #expect(due.describe(today: Self.d("2026-11-30")) == "Decide by Tue 1 Dec")
        #expect(due.describe(today: Self.d("2026-12-01")) == "Decide today")
        #expect(due.describe(today: Self.d("2026-12-02")) == "Overdue since Tue 1 Dec")
        #expect(due.isOverdue(today: Self.d("2026-12-02")))
    }

    /// A school that has not entered next term's dates still gets a date: weekdays are counted.
    @Test func withoutTermDatesAheadWeekdaysAreCounted() {
        let due = DecisionDeadline.schoolDays(5, after: Self.d("2027-03-05"), on: Self.calendar)
        #expect(due == Self.d("2027-03-12"))
    }
}
