import Foundation
import LeaveCore

/// Pupils' register marks and the imports that bring them from the school's MIS.
public protocol RegisterStore: Sendable {
    /// Runs `body` against the school's register in one transaction: if it throws, nothing
    /// it wrote is kept. The import is recorded with `summary` of its result.
    func importRegister<Result: Sendable>(
        schoolID: Int64, record: ImportRecord,
        _ body: @Sendable (any RegisterImportTarget) throws -> Result,
        summary: @Sendable (Result) -> String
    ) async throws -> Result
    func attendanceHistory(pupilID: Int64, schoolID: Int64) async throws -> AttendanceHistory
    func schools() async throws -> [School]
    /// The school a CTF names by its local authority and establishment numbers.
    func school(laCode: String, estab: String) async throws -> School?
    func pupils(schoolID: Int64) async throws -> [Pupil]
    /// The school's most recent imports, newest first.
    func importRuns(schoolID: Int64, limit: Int) async throws -> [ImportRun]
}

/// An import as recorded: when, by whom, of which file, and what it did.
public struct ImportRun: Hashable, Sendable {
    public let at: Date
    public let kind: String
    public let fileName: String
    public let actorName: String
    public let summary: String
}
