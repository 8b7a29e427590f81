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
        rule = finding.rule
        severity = finding.severity.rawValue
        message = finding.message
        parentMessage = finding.parentMessage
        source = finding.source
    }
}

/// Each school's policy settings and what the rules said about each request.
public protocol PolicyStore: Sendable {
    /// The school's policy: its preset with its overrides; the default preset if none is set.
    func policy(schoolID: Int64) async throws -> PolicySettings
    func savePolicy(_ settings: PolicySettings, schoolID: Int64, by actor: Actor, at: Date) async throws
    /// Appends an evaluation; the newest is what the queue shows.
    func saveEvaluation(_ evaluation: Evaluation, requestID: Int64, schoolID: Int64, at: Date) async throws
    /// The newest recommendation of each request of the school that has one.
    func recommendations(schoolID: Int64) async throws -> [Int64: Recommendation]
    /// The pupil's other requests, for overlap and "asked before" checks.
    func previousRequests(pupilID: Int64, schoolID: Int64, excluding requestID: Int64?) async throws -> [PreviousRequest]
}
