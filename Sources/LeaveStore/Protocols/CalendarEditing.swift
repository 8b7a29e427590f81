import Foundation
import LeaveCore

/// An assessment period or religious day with its row id, so the admin can remove it.
public struct StoredAssessment: Hashable, Sendable {
    public let id: Int64
    public let period: AssessmentPeriod
}

public struct StoredReligiousDay: Hashable, Sendable {
    public let id: Int64
    public let day: ReligiousDay
}

/// The parts of the calendar a school edits itself: statutory assessment weeks and the days it
/// lists as set apart for religious observance (issue: "editable").
public protocol CalendarEditing: Sendable {
    func assessments(schoolID: Int64) async throws -> [StoredAssessment]
    func religiousDays(schoolID: Int64) async throws -> [StoredReligiousDay]
    /// Each change is written with its line in the school's record (who, when, what it was and is).
    func addAssessment(_ period: AssessmentPeriod, schoolID: Int64, by actor: Actor, at: Date) async throws
    func addReligiousDay(_ day: ReligiousDay, schoolID: Int64, by actor: Actor, at: Date) async throws
    func removeAssessment(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws
    func removeReligiousDay(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws
}

/// A term or a closure with its row id, so the admin can remove it.
public struct StoredTerm: Hashable, Sendable {
    public let id: Int64
    public let term: Term
}

public struct StoredClosure: Hashable, Sendable {
    public let id: Int64
    public let closure: Closure
}

/// Terms and closures typed by the admin, each change recorded.
public protocol TermEditing: Sendable {
    func terms(schoolID: Int64) async throws -> [StoredTerm]
    func closures(schoolID: Int64) async throws -> [StoredClosure]
    func removeTerm(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws
    func removeClosure(id: Int64, schoolID: Int64, by actor: Actor, at: Date) async throws
}
