/// A stretch of consecutive days the school is open for teaching (a term or half term).
public struct Term: Hashable, Sendable, Codable {
    public let name: String
    public let start: SchoolDate
    public let end: SchoolDate

    public init(name: String, start: SchoolDate, end: SchoolDate) {
        self.name = name
        self.start = start
        self.end = end
    }

    public func contains(_ date: SchoolDate) -> Bool { start <= date && date <= end }
}

/// A weekday inside a term when the pupils are not in school.
public struct Closure: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case inset = "inset"
        case bankHoliday = "bank-holiday"
        case other = "other"
    }

    public let date: SchoolDate
    public let kind: Kind
    public let name: String

    public init(date: SchoolDate, kind: Kind, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }
}

/// How much school a stretch of time takes up.
public struct SessionCount: Hashable, Sendable {
    public let sessions: Int
    public let schoolDays: Int
    public let first: SessionPoint?
    public let last: SessionPoint?

    public static let none = SessionCount(sessions: 0, schoolDays: 0, first: nil, last: nil)
}

/// The days a school is open: its terms, less weekends and closures.
public struct SchoolCalendar: Sendable {
    public let terms: [Term]
    public let closures: [Closure]
    public let assessments: [AssessmentPeriod]
    public let religiousDays: [ReligiousDay]
    private let closedDays: Set<SchoolDate>
    /// Whether each day from the first term's start is a school day, worked out once: the rules
    /// ask it of every day of a year, several times a request. Empty when the terms span more
    /// than `tabledSpan` days (a mistyped year), which are then worked out day by day.
    private let schoolDays: [Bool]
    private let firstDay: Int

    static let tabledSpan = 20 * 366

    public init(terms: [Term], closures: [Closure], assessments: [AssessmentPeriod] = [], religiousDays: [ReligiousDay] = []) {
        self.terms = terms.sorted { $0.start < $1.start }
        self.closures = closures.sorted { $0.date < $1.date }
        self.assessments = assessments.sorted { $0.start < $1.start }
        self.religiousDays = religiousDays.sorted { $0.date < $1.date }
        let closedDays = Set(closures.map(\.date))
        self.closedDays = closedDays
        let first = self.terms.first?.start.dayNumber ?? 0
        let last = self.terms.map(\.end.dayNumber).max() ?? first - 1
        firstDay = first
        guard last >= first, last - first < Self.tabledSpan else {
            schoolDays = []
            return
        }
        // As `term(containing:)` reads them: a day belongs to the last term starting on or before it,
        // if that term has not ended (so terms that overlap, or end before they start, read as before).
        var table = [Bool](repeating: false, count: last - first + 1)
        let closedNumbers = Set(closedDays.map(\.dayNumber))
        for (index, term) in self.terms.enumerated() {
            let until = index + 1 < self.terms.count ? min(term.end.dayNumber, self.terms[index + 1].start.dayNumber - 1) : term.end.dayNumber
            guard term.start.dayNumber <= until else { continue }
            for number in term.start.dayNumber...until {
                table[number - first] = !SchoolDate.isWeekend(dayNumber: number) && !closedNumbers.contains(number)
            }
        }
        schoolDays = table
    }

    public func isSchoolDay(_ date: SchoolDate) -> Bool {
        guard !schoolDays.isEmpty else { return !date.isWeekend && term(containing: date) != nil && !closedDays.contains(date) }
        return isSchoolDay(dayNumber: date.dayNumber)
    }

    /// The same, for a day known by its number (`SchoolDate.dayNumber`).
    public func isSchoolDay(dayNumber: Int) -> Bool {
        guard !schoolDays.isEmpty else { return isSchoolDay(SchoolDate(dayNumber: dayNumber)) }
        let index = dayNumber - firstDay
        return schoolDays.indices.contains(index) && schoolDays[index]
    }

    /// Terms are sorted and do not overlap, so the last one starting on or before the date
    /// is the only one that can hold it: found by binary search, since the rules ask this
    /// for every day of a year.
    public func term(containing date: SchoolDate) -> Term? {
        let low = terms.partitionPoint { $0.start <= date }
        guard low > 0, terms[low - 1].contains(date) else { return nil }
        return terms[low - 1]
    }

    /// Counts the sessions from `start` to `end`, both included; a pupil away from the
    /// afternoon of one day to the morning of another misses both of those half days.
    public func count(from start: SessionPoint, to end: SessionPoint) -> SessionCount {
        guard start <= end else { return .none }
        var sessions = 0
        var days = 0
        var first: SessionPoint?
        var last: SessionPoint?
        var date = start.date
        while date <= end.date {
            if isSchoolDay(date) {
                let from: Session = date == start.date ? start.session : .am
                let to: Session = date == end.date ? end.session : .pm
                let here = Session.allCases.filter { from <= $0 && $0 <= to }
                if !here.isEmpty {
                    sessions += here.count
                    days += 1
                    if first == nil { first = SessionPoint(date, here[0]) }
                    last = SessionPoint(date, here[here.count - 1])
                }
            }
            date = date.adding(days: 1)
        }
        return SessionCount(sessions: sessions, schoolDays: days, first: first, last: last)
    }

    /// The first school day strictly after `date`, if the calendar holds one.
    public func nextSchoolDay(after date: SchoolDate) -> SchoolDate? {
        guard let lastDay = terms.map(\.end).max() else { return nil }
        var day = date.adding(days: 1)
        while day <= lastDay {
            if isSchoolDay(day) { return day }
            day = day.adding(days: 1)
        }
        return nil
    }
}
