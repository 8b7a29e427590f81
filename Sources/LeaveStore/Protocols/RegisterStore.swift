import Foundation
import LeaveCore

/// Pupils' register marks and the imports that bring them from the school's MIS.
public protocol RegisterStore: Sendable {
    /// Writes a file's pupils and marks into the school's register and records the import, all
    /// in one transaction: if anything fails, nothing of the file is kept.
    func importRegister(_ batch: RegisterBatch, schoolID: Int64, record: ImportRecord) async throws -> RegisterChanges
    func attendanceHistory(pupilID: Int64, schoolID: Int64) async throws -> AttendanceHistory
    func schools() async throws -> [School]
    /// The school a CTF names by its local authority and establishment numbers.
    func school(laCode: String, estab: String) async throws -> School?
    func pupils(schoolID: Int64) async throws -> [Pupil]
    /// One page of the school's imports, newest first, and how many there are.
    func importRuns(schoolID: Int64, offset: Int, limit: Int) async throws -> (runs: [ImportRun], total: Int)
    /// The requests whose standing decision touches these days, with the pupil's UPN, for the
    /// register's write-back (issue 14); pupils without a UPN cannot be written back and are left out.
    func decidedLeave(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws -> [RegisterWriteBack.DecidedLeave]
}

/// An import as recorded: when, by whom, of which file, and what it did.
public struct ImportRun: Hashable, Sendable {
    public let at: Date
    public let kind: String
    public let fileName: String
    public let actorName: String
    public let summary: String
}
