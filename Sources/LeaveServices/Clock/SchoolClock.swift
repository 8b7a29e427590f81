import Foundation
import LeaveCore
import Synchronization

/// Turns instants into the school's dates: "today" in England, not in UTC.
public struct SchoolClock: Sendable {
    public let timeZone: TimeZone
    public let source: @Sendable () -> Date

    /// Made once: a calendar in a time zone is costly to set up, and lists describe fifty instants.
    private let calendar: Calendar
    /// Today and the instants it spans: a page asks for "today" once a row, and working a day
    /// out through the calendar costs microseconds each time.
    private let lastDay = LastDay()

    private final class LastDay: Sendable {
        let known = Mutex<(span: Range<Date>, day: SchoolDate)?>(nil)
    }

    public init(timeZone: TimeZone, now: @escaping @Sendable () -> Date) {
        self.timeZone = timeZone
        self.source = now
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public var now: Date { source() }

    /// Today is remembered with the instants it spans; other instants are worked out each time
    /// (a list's rows fall on many days, and would only push today out).
    public var today: SchoolDate {
        let instant = now
        if let day = remembered(instant) { return day }
        let day = workedOut(instant)
        let first = start(of: day), next = start(of: day.adding(days: 1))
        if first <= instant, instant < next { lastDay.known.withLock { $0 = (first..<next, day) } }
        return day
    }

    public func date(of instant: Date) -> SchoolDate {
        remembered(instant) ?? workedOut(instant)
    }

    private func remembered(_ instant: Date) -> SchoolDate? {
        lastDay.known.withLock { known in known.flatMap { $0.span.contains(instant) ? $0.day : nil } }
    }

    private func workedOut(_ instant: Date) -> SchoolDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return SchoolDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? SchoolDate(dayNumber: 0)
    }

    /// The first instant of a school day, in the school's time zone.
    public func start(of day: SchoolDate) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// The hour of the day now, in the school's time zone.
    public var hour: Int {
        calendar.component(.hour, from: now)
    }

    /// "23 Nov 2026 at 2:05pm", for tables and the audit trail.
    public func describe(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let day = SchoolDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? SchoolDate(dayNumber: 0)
        return "\(day.shortForm) at \(Self.time(hour: parts.hour ?? 0, minute: parts.minute ?? 0))"
    }

    /// The GOV.UK style for a time: "9am", "2:05pm", "midday", "midnight" (never "0:01").
    public static func time(hour: Int, minute: Int) -> String {
        TimeOfDay(hour: hour, minute: minute)?.description ?? ""
    }

    /// The time of day of an instant, in the school's time zone.
    public func timeOfDay(_ instant: Date) -> TimeOfDay {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return TimeOfDay(clamping: (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
    }
}
