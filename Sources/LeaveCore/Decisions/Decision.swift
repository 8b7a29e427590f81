#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the headteacher decided. Only grant and refuse for now; granting in part comes with the rules engine.
public enum DecisionOutcome: String, CaseIterable, Sendable, Codable {
    case granted
    case refused

    public var title: String { self == .granted ? "Granted" : "Refused" }

    public var status: RequestStatus { self == .granted ? .granted : .refused }
}

/// A decision as recorded: never edited, so it keeps who decided and why.
public struct Decision: Hashable, Sendable {
    public let requestID: Int64
    public let outcome: DecisionOutcome
    public let reason: String
    public let decidedBy: Actor
    public let decidedAt: Date

    public init(requestID: Int64, outcome: DecisionOutcome, reason: String, decidedBy: Actor, decidedAt: Date) {
        self.requestID = requestID
        self.outcome = outcome
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// The headteacher's answers to the decision form, as typed.
public struct DecisionAnswers: Hashable, Sendable {
    public var outcome: String
    public var reason: String

    public init(outcome: String = "", reason: String = "") {
        self.outcome = outcome
        self.reason = reason
    }

    public static let reasonLimit = 2000

    public func validate() -> Validated<(outcome: DecisionOutcome, reason: String)> {
        var errors: [FieldError] = []
        let outcome = DecisionOutcome(rawValue: outcome)
        if outcome == nil {
            errors.append(FieldError(field: "outcome", message: "Select whether to grant or refuse the leave"))
        }
        let text = reason.trimmed
        if text.isEmpty {
            errors.append(FieldError(field: "reason", message: "Enter the reason for the decision; the letter will quote it"))
        } else if text.count > Self.reasonLimit {
            errors.append(FieldError(field: "reason", message: "The reason must be \(Self.reasonLimit) characters or fewer"))
        }
        if let outcome, errors.isEmpty { return .valid((outcome, text)) }
        return .invalid(errors)
    }
}
