/// A child on the school's roll.
public struct Pupil: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let schoolID: Int64
    public let forename: String
    public let surname: String
    public let yearGroup: YearGroup

    public init(id: Int64, schoolID: Int64, forename: String, surname: String, yearGroup: YearGroup) {
        self.id = id
        self.schoolID = schoolID
        self.forename = forename
        self.surname = surname
        self.yearGroup = yearGroup
    }

    public var fullName: String { "\(forename) \(surname)" }
}
