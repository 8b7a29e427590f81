/// A calendar date in the school's own time zone, with no time of day.
///
/// Attendance is kept per day and session, so the domain never needs instants for
/// its rules; keeping dates as plain civil dates avoids time-zone slips around midnight.
public struct SchoolDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for a date that does not exist (31 April, 29 February in a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...SchoolDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`, the form used in storage, JSON and URLs. Inlinable so that the stores'
    /// calls are specialised for `String`: unspecialised, every byte went through a witness table.
    @inlinable
    public init?(iso text: some StringProtocol) {
        // Read byte by byte: a year of marks is hundreds of dates per pupil, read on every review.
        var digits: (Int, Int, Int) = (0, 0, 0)
        var index = 0
        for byte in text.utf8 {
            switch (index, byte) {
            case (4, UInt8(ascii: "-")), (7, UInt8(ascii: "-")): break
            case (0...3, UInt8(ascii: "0")...UInt8(ascii: "9")): digits.0 = digits.0 * 10 + Int(byte &- 48)
            case (5...6, UInt8(ascii: "0")...UInt8(ascii: "9")): digits.1 = digits.1 * 10 + Int(byte &- 48)
            case (8...9, UInt8(ascii: "0")...UInt8(ascii: "9")): digits.2 = digits.2 * 10 + Int(byte &- 48)
            default: return nil
            }
            index += 1
        }
        guard index == 10 else { return nil }
        self.init(year: digits.0, month: digits.1, day: digits.2)
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    public var dayNumber: Int {
        // Counting from March makes the leap day the last day of the counted year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let m = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public var weekday: Weekday {
        // Not `allCases[index]`: that builds the array of cases again on every call, and the rules
        // ask for the weekday of every day of a year.
        Weekday(rawValue: weekdayIndex) ?? .monday
    }

    /// Monday 0 to Sunday 6; 1970-01-01 was a Thursday.
    private var weekdayIndex: Int { Self.weekdayIndex(dayNumber: dayNumber) }
    static func weekdayIndex(dayNumber: Int) -> Int { ((dayNumber % 7) + 7 + 3) % 7 }

    public var isWeekend: Bool { Self.isWeekend(dayNumber: dayNumber) }
    /// The same, for a day known only by its number (a calendar's table of a year's days).
    public static func isWeekend(dayNumber: Int) -> Bool { weekdayIndex(dayNumber: dayNumber) >= Weekday.saturday.rawValue }

    public func adding(days: Int) -> SchoolDate { SchoolDate(dayNumber: dayNumber + days) }

    public func days(until other: SchoolDate) -> Int { other.dayNumber - dayNumber }

    /// The academic year (1 September to 31 August) named by the calendar year it starts in.
    public var academicYearStart: Int { month >= 9 ? year : year - 1 }

    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// "Monday 9 March 2026", the form letters and pages show.
    public var longForm: String {
        "\(weekday.name) \(day) \(SchoolDate.monthNames[month - 1]) \(year)"
    }

    /// "9 Mar 2026", for tables where space is short.
    public var shortForm: String {
        "\(day) \(SchoolDate.monthNames[month - 1].prefix(3)) \(year)"
    }

    /// "Tue 1 Dec", for a deadline in a queue: near enough to need no year.
    public var shortWeekdayForm: String {
        "\(weekday.name.prefix(3)) \(day) \(SchoolDate.monthNames[month - 1].prefix(3))"
    }

    public static func < (lhs: SchoolDate, rhs: SchoolDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = SchoolDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a real date in the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

public enum Weekday: Int, CaseIterable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }
}
