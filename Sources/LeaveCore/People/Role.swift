/// What a signed-in person may do. Staff roles are always tied to one school.
public enum Role: String, CaseIterable, Sendable, Codable {
    case parent
    case headteacher
    case deputy
    case office
    case admin

    public var title: String {
        switch self {
        case .parent: "Parent or carer"
        case .headteacher: "Headteacher"
        case .deputy: "Deputy headteacher"
        case .office: "School office"
        case .admin: "Administrator"
        }
    }

    /// The headteacher decides; a deputy decides under the headteacher's delegation.
    public var decidesRequests: Bool { self == .headteacher || self == .deputy }
}
