import Foundation
import LeaveCore

/// Turns instants into the school's dates: "today" in England, not in UTC.
public struct SchoolClock: Sendable {
    public let timeZone: TimeZone
    public let source: @Sendable () -> Date

    public init(timeZone: TimeZone, now: @escaping @Sendable () -> Date) {
        self.timeZone = timeZone
        self.source = now
    }

    public var now: Date { source() }

    public var today: SchoolDate { date(of: now) }

    public func date(of instant: Date) -> SchoolDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return SchoolDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The hour of the day now, in the school's time zone.
    public var hour: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.component(.hour, from: now)
    }

    /// "23 Nov 2026 at 14:05", for tables and the audit trail.
    public func describe(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        let minute = parts.minute! < 10 ? "0\(parts.minute!)" : "\(parts.minute!)"
        return "\(date(of: instant).shortForm) at \(parts.hour!):\(minute)"
    }
}
