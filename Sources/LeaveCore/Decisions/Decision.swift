#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the headteacher decided (rules.md "What a decision records").
public enum DecisionOutcome: String, CaseIterable, Sendable, Codable {
    case granted
    /// Some of the sessions asked for, named in the decision.
    case grantedInPart = "granted-in-part"
    case refused

    public var title: String {
        switch self {
        case .granted: "Granted"
        case .grantedInPart: "Granted in part"
        case .refused: "Refused"
        }
    }

    public var status: RequestStatus {
        switch self {
        case .granted: .granted
        case .grantedInPart: .grantedInPart
        case .refused: .refused
        }
    }

    /// Whether any absence is authorised.
    public var grants: Bool { self != .refused }

    /// What a headteacher may decide: a request the law or the policy blocks can only be refused,
    /// and lunchtime permission is given or refused as asked (000 "Leave during lunch times").
    public static func allowed(for type: RequestType, recommendation: Recommendation) -> [DecisionOutcome] {
        if recommendation == .blocked { return [.refused] }
        if type == .lunchtime { return [.granted, .refused] }
        return allCases
    }
}

/// A change to a decision already made (000 "Register amendments": the original, the new, why,
/// when and who). The earlier decision is kept; this one supersedes it.
public struct DecisionAmendment: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Decided again: any outcome the request allows.
        case amended
        /// A grant withdrawn: the absence is no longer authorised.
        case rescinded
    }

    public let kind: Kind
    /// Why the decision was changed.
    public let reason: String
    /// What it replaced, for the letter and the record.
    public let previousOutcome: DecisionOutcome
    public let previousDecidedAt: Date

    public init(kind: Kind, reason: String, previousOutcome: DecisionOutcome, previousDecidedAt: Date) {
        self.kind = kind
        self.reason = reason
        self.previousOutcome = previousOutcome
        self.previousDecidedAt = previousDecidedAt
    }

    public static let reasonLimit = 2000
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
    /// For a grant in part: the first and last sessions granted.
    public let grantedFrom: SessionPoint?
    public let grantedTo: SessionPoint?
    /// Set when this decision amends or rescinds an earlier one.
    public let amendment: DecisionAmendment?

    public init(requestID: Int64, outcome: DecisionOutcome, reason: String, decidedBy: Actor, decidedAt: Date,
                overrideReason: String? = nil, consultation: String? = nil,
                grantedFrom: SessionPoint? = nil, grantedTo: SessionPoint? = nil, findings: [Finding] = [],
                amendment: DecisionAmendment? = nil) {
        self.amendment = amendment
        self.grantedFrom = grantedFrom
        self.grantedTo = grantedTo
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
    /// For a grant in part: the first and last days granted, and their sessions.
    public var grantedFrom: DateAnswer
    public var grantedFromSession: String
    public var grantedTo: DateAnswer
    public var grantedToSession: String

    public init(outcome: String = "", reason: String = "", overrideReason: String = "", consultation: String = "",
                grantedFrom: DateAnswer = .init(), grantedFromSession: String = "", grantedTo: DateAnswer = .init(),
                grantedToSession: String = "") {
        self.outcome = outcome
        self.reason = reason
        self.overrideReason = overrideReason
        self.consultation = consultation
        self.grantedFrom = grantedFrom
        self.grantedFromSession = grantedFromSession
        self.grantedTo = grantedTo
        self.grantedToSession = grantedToSession
    }

    /// The part granted, checked against what was asked: inside it, in order, and not all of it.
    public func grantedPart(of requested: (start: SessionPoint, end: SessionPoint)) -> Validated<(from: SessionPoint, to: SessionPoint)> {
        var errors: [FieldError] = []
        func point(_ date: DateAnswer, _ session: String, field: String, name: String) -> SessionPoint? {
            switch date.parse() {
            case .success(let day):
                guard let s = Session(rawValue: session) else {
                    errors.append(FieldError(field: "\(field)Session", message: "Select whether \(name) is a morning or an afternoon"))
                    return nil
                }
                return SessionPoint(day, s)
            case .failure(.missing):
                errors.append(FieldError(field: field, anchor: "\(field)-day", message: "Enter \(name)"))
            default:
                errors.append(FieldError(field: field, anchor: "\(field)-day", message: "\(name.capitalisedFirst) must be a real date"))
            }
            return nil
        }
        let from = point(grantedFrom, grantedFromSession, field: "grantedFrom", name: "the first session granted")
        let to = point(grantedTo, grantedToSession, field: "grantedTo", name: "the last session granted")
        if let from, let to {
            if from > to {
                errors.append(FieldError(field: "grantedTo", anchor: "grantedTo-day", message: "The last session granted must be on or after the first"))
            } else if from < requested.start || to > requested.end {
                errors.append(FieldError(field: "grantedFrom", anchor: "grantedFrom-day",
                                         message: "The part granted must fall within what was asked for, \(requested.start.longForm) to \(requested.end.longForm)"))
            } else if from == requested.start && to == requested.end {
                errors.append(FieldError(field: "grantedFrom", anchor: "grantedFrom-day", message: "That is all of it: choose Grant instead"))
            } else if errors.isEmpty {
                return .valid((from, to))
            }
        }
        return .invalid(errors)
    }

    public static let reasonLimit = 2000

    /// Checks the answers against what the rules found: a blocked request can only be refused,
    /// granting against a `refuse` finding needs an override reason, and a consultation the
    /// policy asks for must be recorded (rules.md "Severities"; 001 §5.1).
    public func validate(against evaluation: Evaluation, type: RequestType) -> Validated<(outcome: DecisionOutcome, reason: String)> {
        let basic = validate()
        var errors = basic.errors
        let outcome = DecisionOutcome(rawValue: outcome)
        let allowed = DecisionOutcome.allowed(for: type, recommendation: evaluation.recommendation)
        if let outcome, !allowed.contains(outcome), evaluation.recommendation != .blocked {
            errors.insert(FieldError(field: "outcome", message: "A lunchtime request is granted or refused as asked: choose Grant or Refuse"), at: 0)
        } else if outcome?.grants == true {
            if let blocking = evaluation.findings.first(where: { $0.severity == .blocked }) {
                errors.insert(FieldError(field: "outcome", message: "This request cannot be granted: \(blocking.message)"), at: 0)
            } else if evaluation.findings.contains(where: { $0.severity == .refuse }), overrideReason.trimmed.isEmpty {
                errors.append(FieldError(field: "overrideReason", message: "Give the reason for granting although the policy says such a request will not be granted"))
            }
        }
        if evaluation.fired(.loaUnforeseen), consultation.trimmed.isEmpty {
            errors.append(FieldError(field: "consultation", message: "Record the consultation the policy asks for before deciding"))
        }
        if overrideReason.trimmed.count > Self.reasonLimit {
            errors.append(FieldError(field: "overrideReason", message: "The reason for granting against the policy must be \(Self.reasonLimit) characters or fewer"))
        }
        if consultation.trimmed.count > Self.reasonLimit {
            errors.append(FieldError(field: "consultation", message: "The consultation must be \(Self.reasonLimit) characters or fewer"))
        }
        if errors.isEmpty, case .valid(let value) = basic { return .valid(value) }
        return .invalid(errors)
    }

    public func validate() -> Validated<(outcome: DecisionOutcome, reason: String)> {
        var errors: [FieldError] = []
        let outcome = DecisionOutcome(rawValue: outcome)
        if outcome == nil {
            errors.append(FieldError(field: "outcome", message: "Select whether to grant, grant some of it, or refuse"))
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
