import LeaveCore
import Synchronization

/// The calendars a server has read, kept while the database's count of calendar changes
/// (`calendarChange`, moved by triggers on every write to a calendar's tables) stays the same.
/// Every review, check page and request page reads its school's calendar; reading its four
/// tables and working out its school days was a twentieth of the request page (issue 11).
///
/// Filled and used only by reads: a write transaction sees its own count before it commits,
/// and a rolled-back change could otherwise leave a calendar that never was under a count a
/// later change reuses.
public final class CalendarCache: Sendable {
    /// What the triggers watch: everything `SchoolCalendar` is made from.
    static let tables = ["term", "closure", "assessmentPeriod", "religiousDay"]

    /// Each school's calendar with the count it was read at: a reader on an older snapshot
    /// replaces only its own school's, and never the others'.
    private let kept = Mutex<[Int64: (counter: Int64, calendar: SchoolCalendar)]>([:])

    public init() {}

    /// The school's calendar as of `counter` (read in the same transaction as the calendar would
    /// be): the kept one if it was read at the same count, otherwise `read()`'s, kept for the next page.
    func calendar(schoolID: Int64, counter: Int64, read: () throws -> SchoolCalendar) rethrows -> SchoolCalendar {
        if let hit = kept.withLock({ $0[schoolID] }), hit.counter == counter { return hit.calendar }
        let calendar = try read()
        kept.withLock { $0[schoolID] = (counter, calendar) }
        return calendar
    }
}
