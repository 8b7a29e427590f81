/// When a request must be decided by, and why: the queue is ordered by it, so a headteacher
/// with twenty requests before registration decides the pressing ones first.
public struct DecisionDeadline: Hashable, Sendable {
    public enum Basis: String, Hashable, Sendable {
        /// Lunchtime leave: in writing within a number of school days of the request (000 "Leave during lunch times").
        case schoolDaysAfterRequest = "school-days-after-request"
        /// Leave: before the child is away, so the parent knows the answer before they go.
        case beforeFirstDay = "before-first-day"
        /// Asked for after the leave began (a medical appointment told afterwards): as soon as possible.
        case alreadyStarted = "already-started"
    }

    public let date: SchoolDate
    public let basis: Basis

    public init(date: SchoolDate, basis: Basis) {
        self.date = date
        self.basis = basis
    }

    /// The deadline of a request of this type, asked for on `submittedOn`, starting at `start`.
    public static func of(_ type: RequestType, start: SessionPoint, submittedOn: SchoolDate,
                          calendar: SchoolCalendar, lunchtimeSchoolDays: Int) -> DecisionDeadline {
        let beforeStart = start.date > submittedOn ? lastSchoolDay(before: start.date, notBefore: submittedOn, on: calendar) : nil
        if type == .lunchtime {
            // The policy's written answer, or sooner when the first lunchtime comes before it.
            let owed = schoolDays(lunchtimeSchoolDays, after: submittedOn, on: calendar)
            if let beforeStart, beforeStart < owed { return DecisionDeadline(date: beforeStart, basis: .beforeFirstDay) }
            return DecisionDeadline(date: owed, basis: .schoolDaysAfterRequest)
        }
        guard let beforeStart else { return DecisionDeadline(date: submittedOn, basis: .alreadyStarted) }
        return DecisionDeadline(date: beforeStart, basis: .beforeFirstDay)
    }

    /// The last school day before `date`; a request sent that day is due that day.
    static func lastSchoolDay(before date: SchoolDate, notBefore earliest: SchoolDate, on calendar: SchoolCalendar) -> SchoolDate {
        var day = date.adding(days: -1)
        var looked = 0
        while day > earliest && !calendar.isSchoolDay(day) && looked < 120 {
            day = day.adding(days: -1)
            looked += 1
        }
        return max(day, earliest)
    }

    /// `count` school days after `date`. A calendar with no terms ahead counts weekdays, so a
    /// school that has not entered next term's dates still gets a date.
    public static func schoolDays(_ count: Int, after date: SchoolDate, on calendar: SchoolCalendar) -> SchoolDate {
        var day = date
        var counted = 0
        var looked = 0
        while counted < count && looked < 120 {
            day = day.adding(days: 1)
            if calendar.isSchoolDay(day) { counted += 1 }
            looked += 1
        }
        if counted < count {
            day = date
            counted = 0
            while counted < count {
                day = day.adding(days: 1)
                if !day.isWeekend { counted += 1 }
            }
        }
        return day
    }

    /// "Decide by Tue 8 Dec", "Decide today" or "Overdue since Mon 7 Dec".
    public func describe(today: SchoolDate) -> String {
        if date < today { return "Overdue since \(date.shortWeekdayForm)" }
        if date == today { return "Decide today" }
        return "Decide by \(date.shortWeekdayForm)"
    }

    /// Why the request is where it is in the queue.
    public var why: String {
        switch basis {
        case .schoolDaysAfterRequest: "the written answer a lunchtime request is owed"
        case .beforeFirstDay: "before it begins"
        case .alreadyStarted: "asked for after it began"
        }
    }

    public func isOverdue(today: SchoolDate) -> Bool { date < today }
}
