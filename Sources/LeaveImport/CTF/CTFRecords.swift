import LeaveCore

/// The header of a Common Transfer File: which school sent it and in which CTF version.
public struct CTFHeader: Hashable, Sendable {
    public var version = ""
    public var laCode = ""
    public var estab = ""
    public var schoolName = ""

    public init(version: String = "", laCode: String = "", estab: String = "", schoolName: String = "") {
        self.version = version
        self.laCode = laCode
        self.estab = estab
        self.schoolName = schoolName
    }
}

/// One school year of a pupil's attendance as a CTF carries it: the summary counts and the
/// marks, one character per session from the start date.
public struct CTFAttendanceYear: Hashable, Sendable {
    public var year: Int?
    public var possible: Int?
    public var authorised: Int?
    public var attended: Int?
    public var unauthorised: Int?
    public var startDate: String?
    public var marks: String?

    public init(year: Int? = nil, possible: Int? = nil, authorised: Int? = nil, attended: Int? = nil,
                unauthorised: Int? = nil, startDate: String? = nil, marks: String? = nil) {
        self.year = year
        self.possible = possible
        self.authorised = authorised
        self.attended = attended
        self.unauthorised = unauthorised
        self.startDate = startDate
        self.marks = marks
    }
}

/// A pupil element of a CTF, read in full before the next one starts.
public struct CTFPupil: Hashable, Sendable {
    public var details = ImportedPupil()
    /// The pupil's own address: a contact the CTF gives without one lives there.
    public var homeAddress: [String] = []
    public var years: [CTFAttendanceYear] = []
    /// The line the pupil starts on, for reports.
    public var line = 0

    /// How a report names the pupil: UPN and name, so the office can find them in the MIS.
    public var label: String {
        let name = "\(details.forename) \(details.surname)".trimmingCharacters(in: .whitespaces)
        return "pupil \(details.upn ?? "without UPN")\(name.isEmpty ? "" : " (\(name))")"
    }
}
