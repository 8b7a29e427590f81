/// How strongly a finding speaks against granting, strongest first (rules.md "Severities").
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// The law or the policy forbids it: the decision can only be refuse.
    case blocked
    /// The policy says such a request "will not be granted": granting needs a recorded override.
    case refuse
    /// A factor the headteacher must weigh.
    case attention
    /// Facts shown for context.
    case info

    var strength: Int {
        switch self {
        case .blocked: 3
        case .refuse: 2
        case .attention: 1
        case .info: 0
        }
    }

    /// Stronger compares greater.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.strength < rhs.strength }
}

/// The overall advice of an evaluation: the strongest severity present (rules.md).
public enum Recommendation: String, CaseIterable, Sendable, Codable {
    case blocked
    case refuse
    case consider
    case grant
    /// A performance covered by a licence that names its dates needs no decision (000 "Performances and activities").
    case authorisedByLicence = "authorised-by-licence"

    public var title: String {
        switch self {
        case .blocked: "Cannot be granted"
        case .refuse: "Refuse"
        case .consider: "Consider"
        case .grant: "Grant"
        case .authorisedByLicence: "Authorised by licence"
        }
    }
}
