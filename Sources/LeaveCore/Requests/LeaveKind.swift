/// What a parent says the leave of absence is for.
public enum LeaveKind: String, CaseIterable, Sendable, Codable {
    case exceptional
    case holiday
    case medical
    case other
    case religious
    case traveller
    case performance
    case lunchtime

    public var title: String {
        switch self {
        case .exceptional: "Exceptional circumstances"
        case .holiday: "Family holiday"
        case .medical: "Medical or dental appointment"
        case .other: "Something else"
        case .religious: "Religious observance"
        case .traveller: "Traveller: travelling for work"
        case .performance: "Performance or activity under a licence"
        case .lunchtime: "Leaving school at lunchtime"
        }
    }

    /// The kind that stands for a request of this type and category.
    public init(type: RequestType, category: LeaveCategory?) {
        switch type {
        case .leave:
            self = switch category {
            case .holiday?: .holiday
            case .otherExceptional?: .other
            default: .exceptional
            }
        case .medical: self = .medical
        case .religious: self = .religious
        case .traveller: self = .traveller
        case .performance: self = .performance
        case .lunchtime: self = .lunchtime
        }
    }

    /// How the rules see this kind: medical appointments are their own type; the others are
    /// leave of absence in a category of rules.md.
    public var requestType: RequestType {
        switch self {
        case .exceptional, .holiday, .other: .leave
        case .medical: .medical
        case .religious: .religious
        case .traveller: .traveller
        case .performance: .performance
        case .lunchtime: .lunchtime
        }
    }

    public var category: LeaveCategory? {
        switch self {
        case .exceptional: .exceptional
        case .holiday: .holiday
        case .other: .otherExceptional
        default: nil
        }
    }
}
