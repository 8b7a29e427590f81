/// A statutory assessment period for some year groups (KS2 SATs in Year 6, the phonics
/// screening check in Year 1, the multiplication tables check in Year 4); leave is not
/// normally granted during or just before one (001 §5.1; 000).
public struct AssessmentPeriod: Hashable, Sendable, Codable {
    public let name: String
    public let yearGroups: [Int]
    public let start: SchoolDate
    public let end: SchoolDate

    public init(name: String, yearGroups: [Int], start: SchoolDate, end: SchoolDate) {
        self.name = name
        self.yearGroups = yearGroups
        self.start = start
        self.end = end
    }

    public func applies(to yearGroup: YearGroup) -> Bool { yearGroups.contains(yearGroup.number) }
}

/// A day the school lists as set apart for religious observance by a religious body (000; 001 §5.1).
public struct ReligiousDay: Hashable, Sendable, Codable {
    public let religion: String
    public let name: String
    public let date: SchoolDate

    public init(religion: String, name: String, date: SchoolDate) {
        self.religion = religion
        self.name = name
        self.date = date
    }
}
