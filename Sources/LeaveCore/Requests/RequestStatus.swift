/// Where a request stands. Requests are never deleted, so every state is final except the open ones.
public enum RequestStatus: String, CaseIterable, Sendable, Codable {
    case awaitingDecision = "awaiting-decision"
    /// Sent back to the parent for evidence; it returns to the queue when they send it.
    case evidenceRequested = "evidence-requested"
    case granted
    case grantedInPart = "granted-in-part"
    case refused
    case withdrawn

    public var title: String {
        switch self {
        case .awaitingDecision: "Awaiting decision"
        case .evidenceRequested: "Evidence asked for"
        case .granted: "Granted"
        case .grantedInPart: "Granted in part"
        case .refused: "Refused"
        case .withdrawn: "Withdrawn"
        }
    }

    public var isOpen: Bool { self == .awaitingDecision || self == .evidenceRequested }
}
