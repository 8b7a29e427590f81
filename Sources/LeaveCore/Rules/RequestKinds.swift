/// The kinds of request the rules judge (evaluate.md `request.type`).
public enum RequestType: String, Sendable, Codable, CaseIterable {
    case leave, medical, religious, traveller, performance, lunchtime
}

/// What a leave-of-absence request is for (evaluate.md `request.category`): the 2024
/// regulation circumstances, and the reasons 001 §5.1 and 004 say are not exceptional.
public enum LeaveCategory: String, Sendable, Codable, CaseIterable {
    case exceptional
    case otherExceptional = "other-exceptional"
    case holiday
    case protest
    case interview
    case studyLeave = "study-leave"
    case partTimeTimetable = "part-time-timetable"
    case birthday
    case weddingAbroad = "wedding-abroad"
    case cheaperTravel = "cheaper-travel"
    case parentalWork = "parental-work"
    case caring
    case interpreting
    case friendship
    case headLice = "head-lice"
    case anniversary
    case schoolRefusal = "school-refusal"
    case shopping
    case siblingIllness = "sibling-illness"
    case oversleeping

    public var title: String {
        switch self {
        case .exceptional: "exceptional circumstances"
        case .otherExceptional: "other exceptional circumstance"
        case .holiday: "a family holiday"
        case .protest: "taking part in a protest"
        case .interview: "an interview"
        case .studyLeave: "study leave"
        case .partTimeTimetable: "part-time timetable"
        case .birthday: "a birthday"
        case .weddingAbroad: "a wedding abroad"
        case .cheaperTravel: "cheaper travel"
        case .parentalWork: "a parent's work"
        case .caring: "caring for a family member"
        case .interpreting: "interpreting for the family"
        case .friendship: "friendship problems"
        case .headLice: "head lice"
        case .anniversary: "an anniversary"
        case .schoolRefusal: "not wanting to come to school"
        case .shopping: "shopping"
        case .siblingIllness: "a brother's or sister's illness"
        case .oversleeping: "oversleeping"
        }
    }

    /// The register code written if leave for this category is granted (001 Appendix 1).
    public var registerCode: AttendanceCode {
        switch self {
        case .interview: .interview
        case .studyLeave: .studyLeave
        case .partTimeTimetable: .partTimeTimetable
        default: .exceptional
        }
    }
}
