/// What a parent says the leave of absence is for.
public enum LeaveKind: String, CaseIterable, Sendable, Codable {
    case exceptional
    case holiday
    case medical
    case other

    public var title: String {
        switch self {
        case .exceptional: "Exceptional circumstances"
        case .holiday: "Family holiday"
        case .medical: "Medical or dental appointment"
        case .other: "Something else"
        }
    }

    public var hint: String {
        switch self {
        case .exceptional: "For example, a funeral or a serious illness in the family"
        case .holiday: "Leave for a holiday is only granted in exceptional circumstances"
        case .medical: "Appointments should be made outside school hours where possible"
        case .other: "Tell us what the leave is for"
        }
    }

    /// How the rules see this kind: medical appointments are their own type; the others are
    /// leave of absence in a category of rules.md.
    public var requestType: RequestType { self == .medical ? .medical : .leave }

    public var category: LeaveCategory? {
        switch self {
        case .exceptional: .exceptional
        case .holiday: .holiday
        case .medical: nil
        case .other: .otherExceptional
        }
    }

    /// The national attendance code the register takes if the leave is granted
    /// (001 Appendix 1: C leave for exceptional circumstances, M medical or dental appointment).
    public var registerCodeWhenGranted: String {
        self == .medical ? "M" : "C"
    }
}
