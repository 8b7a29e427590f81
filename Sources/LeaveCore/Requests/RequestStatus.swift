/// Where a request stands. Requests are never deleted, so every state is final except the first.
public enum RequestStatus: String, CaseIterable, Sendable, Codable {
    case awaitingDecision = "awaiting-decision"
    case granted
    case grantedInPart = "granted-in-part"
    case refused
    case withdrawn

    public var title: String {
        switch self {
        case .awaitingDecision: "Awaiting decision"
        case .granted: "Granted"
        case .grantedInPart: "Granted in part"
        case .refused: "Refused"
        case .withdrawn: "Withdrawn"
        }
    }

    public var isOpen: Bool { self == .awaitingDecision }
}
