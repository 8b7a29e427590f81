/// How the headteacher and deputies hear of new requests: each as it comes, a summary once a
/// day at an hour the school sets, or not by e-mail (they look at the queue).
public enum NewRequestEmails: Hashable, Sendable {
    case each
    case daily(hour: Int)
    case none

    public static let validHours = 6...20

    public var storedMode: String {
        switch self {
        case .each: "each"
        case .daily: "daily"
        case .none: "none"
        }
    }

    public init(mode: String, hour: Int?) {
        switch mode {
        case "daily": self = .daily(hour: min(max(hour ?? 16, Self.validHours.lowerBound), Self.validHours.upperBound))
        case "none": self = .none
        default: self = .each
        }
    }
}
