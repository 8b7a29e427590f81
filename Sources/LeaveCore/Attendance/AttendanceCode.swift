/// A national attendance or absence code (School Attendance (Pupil Registration) (England)
/// Regulations 2024; 001 Appendix 1), with how it counts in attendance statistics.
public enum AttendanceCode: String, CaseIterable, Sendable, Codable {
    // Present
    case presentAM = "/", presentPM = "\\", late = "L"
    // Attending a place other than the school
    case localAuthorityProvision = "K", educationalVisit = "V", sportingActivity = "P"
    case workExperience = "W", otherApprovedActivity = "B", dualRegistered = "D"
    // Absent: leave of absence
    case performanceLicence = "C1", medical = "M", interview = "J1", studyLeave = "S"
    case notRequired = "X", partTimeTimetable = "C2", exceptional = "C"
    // Absent: other authorised reasons
    case traveller = "T", religious = "R", illness = "I", excluded = "E"
    // Unable to attend because of an unavoidable cause
    case noAccessArrangements = "Q", transportUnavailable = "Y1", travelDisruption = "Y2"
    case premisesPartlyClosed = "Y3", siteClosed = "Y4", detention = "Y5", publicHealth = "Y6"
    case otherUnavoidable = "Y7"
    // Absent: unauthorised
    case unauthorisedHoliday = "G", reasonNotYetKnown = "N", unauthorisedOther = "O"
    case lateAfterRegisterClosed = "U"
    // Administrative
    case notOnRoll = "Z", plannedClosure = "#"

    public enum Category: String, Sendable, CaseIterable {
        case present
        case approvedActivity = "approved-activity"
        case leaveOfAbsence = "leave-of-absence"
        case otherAuthorised = "other-authorised"
        case unableToAttend = "unable-to-attend"
        case unauthorised
        case administrative
    }

    public var category: Category {
        switch self {
        case .presentAM, .presentPM, .late: .present
        case .localAuthorityProvision, .educationalVisit, .sportingActivity, .workExperience,
             .otherApprovedActivity, .dualRegistered: .approvedActivity
        case .performanceLicence, .medical, .interview, .studyLeave, .notRequired, .partTimeTimetable,
             .exceptional: .leaveOfAbsence
        case .traveller, .religious, .illness, .excluded: .otherAuthorised
        case .noAccessArrangements, .transportUnavailable, .travelDisruption, .premisesPartlyClosed,
             .siteClosed, .detention, .publicHealth, .otherUnavoidable: .unableToAttend
        case .unauthorisedHoliday, .reasonNotYetKnown, .unauthorisedOther, .lateAfterRegisterClosed: .unauthorised
        case .notOnRoll, .plannedClosure: .administrative
        }
    }

    /// Whether the session counts towards possible sessions. X, Z, # and the codes for an
    /// unavoidable cause do not (rules.md "Sessions"; DfE guidance 2024). Q belongs to the same
    /// "unable to attend" group and is treated like the Y codes.
    public var isPossibleSession: Bool {
        switch self {
        case .notRequired, .notOnRoll, .plannedClosure: false
        default: category != .unableToAttend
        }
    }

    /// Present, or at an approved educational activity: both count as attendance.
    public var countsAsAttendance: Bool { category == .present || category == .approvedActivity }

    public var isAuthorisedAbsence: Bool {
        isPossibleSession && (category == .leaveOfAbsence || category == .otherAuthorised)
    }

    public var isUnauthorisedAbsence: Bool { category == .unauthorised }

    public var meaning: String {
        switch self {
        case .presentAM: "Present (morning)"
        case .presentPM: "Present (afternoon)"
        case .late: "Late arrival before the register closed"
        case .localAuthorityProvision: "Attending education provision arranged by the local authority"
        case .educationalVisit: "Attending an educational visit or trip"
        case .sportingActivity: "Participating in a supervised sporting activity"
        case .workExperience: "Attending work experience"
        case .otherApprovedActivity: "Attending any other approved educational activity"
        case .dualRegistered: "Dual registered: at another setting"
        case .performanceLicence: "Leave for a regulated performance or employment abroad"
        case .medical: "Medical or dental appointment"
        case .interview: "Interview"
        case .studyLeave: "Study leave"
        case .notRequired: "Not required to be in school (non-compulsory school age)"
        case .partTimeTimetable: "Part-time timetable"
        case .exceptional: "Leave of absence for exceptional circumstances"
        case .traveller: "Parent travelling for occupational purposes"
        case .religious: "Religious observance"
        case .illness: "Illness (not a medical or dental appointment)"
        case .excluded: "Suspended or excluded, no alternative provision"
        case .noAccessArrangements: "Lack of access arrangements"
        case .transportUnavailable: "Transport not available"
        case .travelDisruption: "Widespread disruption to travel"
        case .premisesPartlyClosed: "Part of school premises closed"
        case .siteClosed: "Whole school site unexpectedly closed"
        case .detention: "Criminal justice detention"
        case .publicHealth: "Public health guidance or law"
        case .otherUnavoidable: "Any other unavoidable cause"
        case .unauthorisedHoliday: "Holiday not granted by the school"
        case .reasonNotYetKnown: "Reason for absence not yet established"
        case .unauthorisedOther: "Absent in other or unknown circumstances"
        case .lateAfterRegisterClosed: "Arrived after the register closed"
        case .notOnRoll: "Prospective pupil not on admission register"
        case .plannedClosure: "Planned whole-school closure"
        }
    }

    /// Reads a code as registers have written it, including codes retired in 2024 (H, F, J,
    /// Y and others in 000's list), mapped to the code that took their place so older years
    /// stay usable. Returns nil for an unknown code; "-" (no mark) is not a code.
    private static let byCode = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    public init?(register text: some StringProtocol) {
        // As stored and as most registers write it, without making an upper-cased copy first:
        // every pupil's year of marks is read through here, and a table finds a code at once where
        // `init(rawValue:)` compares the text with each code in turn.
        if let code = Self.byCode[String(text)] {
            self = code
            return
        }
        let trimmed = String(text).uppercased()
        if let code = AttendanceCode(rawValue: trimmed) {
            self = code
            return
        }
        switch trimmed {
        case "H", "F": self = .exceptional  // authorised (extended) family holiday: authorised leave
        case "J": self = .interview
        case "Y": self = .otherUnavoidable
        default: return nil
        }
    }
}
