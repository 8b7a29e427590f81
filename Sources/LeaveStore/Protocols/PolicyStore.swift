import Foundation
import LeaveCore

/// A finding as kept with an evaluation or a decision, so the record shows what the rules said then.
public struct StoredFinding: Hashable, Sendable, Codable {
    public let rule: String
    public let severity: String
    public let message: String
    public let parentMessage: String?
    public let source: String

    public init(_ finding: Finding) {
        rule = finding.rule.rawValue
        severity = finding.severity.rawValue
        message = finding.message
        parentMessage = finding.parentMessage
        source = finding.source
    }

    init(rule: String, severity: String, message: String, parentMessage: String?, source: String) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.parentMessage = parentMessage
        self.source = source
    }

    /// The finding again, as the rules gave it; nil for a record no version of the rules could have written.
    public var finding: Finding? {
        guard let severity = Severity(rawValue: severity) else { return nil }
        return Finding(rule: RuleID(rawValue: rule), severity: severity, message: message, parentMessage: parentMessage, source: source)
    }
}

/// What the rules said about a request, and when they said it.
public struct StoredEvaluation: Hashable, Sendable {
    public let evaluation: Evaluation
    public let evaluatedAt: Date

    public init(evaluation: Evaluation, evaluatedAt: Date) {
        self.evaluation = evaluation
        self.evaluatedAt = evaluatedAt
    }
}

/// Each school's policy settings and what the rules said about each request.
public protocol PolicyStore: Sendable {
    /// The school's policy: its preset with its overrides; the default preset if none is set.
    func policy(schoolID: Int64) async throws -> PolicySettings
    func savePolicy(_ settings: PolicySettings, schoolID: Int64, by actor: Actor, at: Date) async throws
    /// Appends an evaluation; the newest is what the queue shows.
    func saveEvaluation(_ evaluation: Evaluation, requestID: Int64, schoolID: Int64, at: Date) async throws
    /// Appends many evaluations of one school in one transaction (after a policy or calendar change),
    /// with each request's decision deadline as worked out on the same calendar.
    func saveEvaluations(_ evaluations: [Int64: Evaluation], deadlines: [Int64: DecisionDeadline], schoolID: Int64, at: Date) async throws
    /// What the rules said when they last ran on the request: pages read this, never run the rules.
    func latestEvaluation(requestID: Int64, schoolID: Int64) async throws -> StoredEvaluation?
    /// The newest recommendation of each of these requests (a page of the queue).
    func recommendations(requestIDs: [Int64], schoolID: Int64) async throws -> [Int64: Recommendation]
    /// The newest recommendation of each request of the school that has one.
    func recommendations(schoolID: Int64) async throws -> [Int64: Recommendation]
    /// What the rules read for these pupils of a school, in one read: a review of many requests
    /// (or the parent's check page) visits the database once, not four times a request.
    func reviewInputs(schoolID: Int64, pupilIDs: Set<Int64>) async throws -> ReviewInputs
    /// These pupils' undecided requests with what the rules read for them, in one read: what a
    /// change to the pupils' requests or registers reviews again.
    func openRequestsUnderReview(pupilIDs: Set<Int64>, schoolID: Int64) async throws -> (requests: [RequestWithPupil], inputs: ReviewInputs)
}
