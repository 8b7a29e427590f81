/// The ID of one rule of the catalogue (../shared/design/rules.md), such as "LOA-UNFORESEEN".
/// A type of its own so code asks about a rule by a named constant, never by text a typo can
/// break; it deliberately takes no string literals, so a raw ID only gets in through
/// `init(rawValue:)`, which stored findings need for rules that may since have gone.
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

    // Encoded as the bare ID, as evaluate.md and stored findings write it.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension RuleID {
    // Any request (rules.md "Any request", GEN-).
    public static let generalNotSchoolDays = RuleID(rawValue: "GEN-NOT-SCHOOL-DAYS")
    public static let generalOverlap = RuleID(rawValue: "GEN-OVERLAP")
    public static let generalSessions = RuleID(rawValue: "GEN-SESSIONS")
    public static let generalProjected = RuleID(rawValue: "GEN-PROJECTED")
    public static let generalPersistentAbsenceRisk = RuleID(rawValue: "GEN-PA-RISK")
    /// From evaluate.md, not rules.md's table: unmarked school days skew every figure.
    public static let generalMissingMarks = RuleID(rawValue: "GEN-MISSING-MARKS")

    // Term-time leave of absence (rules.md "Leave of absence", LOA-).
    public static let loaRetrospective = RuleID(rawValue: "LOA-RETRO")
    public static let loaNotice = RuleID(rawValue: "LOA-NOTICE")
    public static let loaAssessment = RuleID(rawValue: "LOA-ASSESSMENT")
    public static let loaUnauthorised = RuleID(rawValue: "LOA-UNAUTHORISED")
    public static let loaAuthorisedAboveLimit = RuleID(rawValue: "LOA-AUTHORISED-10")
    public static let loaNotExceptional = RuleID(rawValue: "LOA-NOT-EXCEPTIONAL")
    public static let loaProtest = RuleID(rawValue: "LOA-PROTEST")
    public static let loaEvidence = RuleID(rawValue: "LOA-EVIDENCE")
    public static let loaHolidayAdjacent = RuleID(rawValue: "LOA-HOLIDAY-ADJACENT")
    public static let loaPriorLeave = RuleID(rawValue: "LOA-PRIOR-LEAVE")
    public static let loaUnforeseen = RuleID(rawValue: "LOA-UNFORESEEN")
    public static let loaPenaltyWarning = RuleID(rawValue: "LOA-PENALTY-WARNING")
    /// From 004, not rules.md's table: Kilmorie makes a return date part of every application.
    public static let loaReturnDate = RuleID(rawValue: "LOA-RETURN-DATE")

    // Medical or dental appointments (rules.md "Medical or dental appointment", MED-).
    public static let medicalNotInAdvance = RuleID(rawValue: "MED-NOT-ADVANCE")
    public static let medicalLong = RuleID(rawValue: "MED-LONG")
    public static let medicalEvidence = RuleID(rawValue: "MED-EVIDENCE")

    // Religious observance (rules.md "Religious observance", REL-).
    public static let religiousNotice = RuleID(rawValue: "REL-NOTICE")
    public static let religiousNotSetApart = RuleID(rawValue: "REL-NOT-SET-APART")

    // Traveller absence (rules.md "Traveller", TRV-).
    public static let travellerNotOccupational = RuleID(rawValue: "TRV-NOT-OCCUPATIONAL")
    public static let travellerNotice = RuleID(rawValue: "TRV-NOTICE")
    public static let travellerMinimumSessions = RuleID(rawValue: "TRV-200-SESSIONS")

    // Performances under a child performance licence (rules.md "Performance or activity", PERF-).
    public static let performanceNoLicence = RuleID(rawValue: "PERF-NO-LICENCE")
    public static let performanceLicenceDated = RuleID(rawValue: "PERF-DATED")
    public static let performanceLicenceUndated = RuleID(rawValue: "PERF-UNDATED")
    public static let performanceAttendanceFloor = RuleID(rawValue: "PERF-95")
    public static let performanceEducation = RuleID(rawValue: "PERF-EDUCATION")

    // Lunchtime leave (rules.md "Lunchtime leave", LUN-).
    public static let lunchtimeDecideBy = RuleID(rawValue: "LUN-DECIDE-BY")
    public static let lunchtimeMeeting = RuleID(rawValue: "LUN-MEETING")
    public static let lunchtimeAttendance = RuleID(rawValue: "LUN-ATTENDANCE")
    public static let lunchtimeTerm = RuleID(rawValue: "LUN-TERM")

    /// Every constant above, in the catalogue's order; a test holds it and `RuleCatalogue.all` to
    /// the same set, so a rule cannot be added to one and forgotten in the other.
    public static let all: [RuleID] = [
        generalNotSchoolDays, generalOverlap, generalSessions, generalProjected, generalPersistentAbsenceRisk, generalMissingMarks,
        loaRetrospective, loaNotice, loaAssessment, loaUnauthorised, loaAuthorisedAboveLimit, loaNotExceptional, loaProtest,
        loaEvidence, loaHolidayAdjacent, loaPriorLeave, loaUnforeseen, loaPenaltyWarning, loaReturnDate,
        medicalNotInAdvance, medicalLong, medicalEvidence,
        religiousNotice, religiousNotSetApart,
        travellerNotOccupational, travellerNotice, travellerMinimumSessions,
        performanceNoLicence, performanceLicenceDated, performanceLicenceUndated, performanceAttendanceFloor, performanceEducation,
        lunchtimeDecideBy, lunchtimeMeeting, lunchtimeAttendance, lunchtimeTerm,
    ]
}
