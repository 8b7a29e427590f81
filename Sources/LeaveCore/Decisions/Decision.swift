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

/// A decision as recorded: never edited, so it keeps who decided and why, what the rules
/// said at the time, and any override or consultation (rules.md "What a decision records").
public struct Decision: Hashable, Sendable {
    public let requestID: Int64
    public let outcome: DecisionOutcome
    public let reason: String
    public let decidedBy: Actor
    public let decidedAt: Date
    /// Why the request was granted against a `refuse` finding.
    public let overrideReason: String?
    /// The consultation the policy asks for (001 §5.1: the trust CEO on unforeseen circumstances).
    public let consultation: String?
    public let findings: [Finding]

    public init(requestID: Int64, outcome: DecisionOutcome, reason: String, decidedBy: Actor, decidedAt: Date,
                overrideReason: String? = nil, consultation: String? = nil, findings: [Finding] = []) {
        self.requestID = requestID
        self.outcome = outcome
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.overrideReason = overrideReason
        self.consultation = consultation
        self.findings = findings
    }
}

/// The headteacher's answers to the decision form, as typed.
public struct DecisionAnswers: Hashable, Sendable {
    public var outcome: String
    public var reason: String
    public var overrideReason: String
    public var consultation: String

    public init(outcome: String = "", reason: String = "", overrideReason: String = "", consultation: String = "") {
        self.outcome = outcome
        self.reason = reason
        self.overrideReason = overrideReason
        self.consultation = consultation
    }

    public static let reasonLimit = 2000

    /// Checks the answers against what the rules found: a blocked request can only be refused,
    /// granting against a `refuse` finding needs an override reason, and a consultation the
    /// policy asks for must be recorded (rules.md "Severities"; 001 §5.1).
    public func validate(against evaluation: Evaluation) -> Validated<(outcome: DecisionOutcome, reason: String)> {
        let basic = validate()
        var errors = basic.errors
        let outcome = DecisionOutcome(rawValue: outcome)
        if outcome == .granted {
            if let blocking = evaluation.findings.first(where: { $0.severity == .blocked }) {
                errors.insert(FieldError(field: "outcome", message: "This request cannot be granted: \(blocking.message)"), at: 0)
            } else if evaluation.findings.contains(where: { $0.severity == .refuse }), overrideReason.trimmed.isEmpty {
                errors.append(FieldError(field: "overrideReason", message: "Give the reason for granting although the policy says such a request will not be granted"))
            }
        }
        if evaluation.fired("LOA-UNFORESEEN"), consultation.trimmed.isEmpty {
            errors.append(FieldError(field: "consultation", message: "Record the consultation the policy asks for before deciding"))
        }
        if errors.isEmpty, case .valid(let value) = basic { return .valid(value) }
        return .invalid(errors)
    }

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
