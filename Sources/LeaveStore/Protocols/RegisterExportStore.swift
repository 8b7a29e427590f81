import Foundation
import LeaveCore

/// One export of register codes for the MIS, as recorded.
public struct RegisterExportRun: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let from: SchoolDate
    public let to: SchoolDate
    public let exportedAt: Date
    public let actorName: String
    public let entries: Int
    public let csvSHA256: String

    public init(id: Int64, from: SchoolDate, to: SchoolDate, exportedAt: Date, actorName: String, entries: Int, csvSHA256: String) {
        self.id = id
        self.from = from
        self.to = to
        self.exportedAt = exportedAt
        self.actorName = actorName
        self.entries = entries
        self.csvSHA256 = csvSHA256
    }
}

/// The register write-back marked exported: each export keeps the sessions and codes it gave
/// the MIS, so the office sees what is new, and what a changed decision needs written again.
public protocol RegisterExportStore: Sendable {
    /// Records an export and its entries in one transaction, with a line in the school's record.
    /// The same range exported again with the same codes within `sameWithin` seconds is the
    /// export already made (a double click), not a second one.
    func recordRegisterExport(schoolID: Int64, from: SchoolDate, to: SchoolDate, entries: [RegisterWriteBack.Entry],
                              csvSHA256: String, by actor: Actor?, actorName: String, at: Date,
                              sameWithin: TimeInterval) async throws -> RegisterExportRun
    /// The latest code exported for each pupil's session between the dates, and when.
    func exportedCodes(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws
        -> [RegisterWriteBack.Cell: (code: AttendanceCode, at: Date)]
    /// The most recent exports first.
    func registerExports(schoolID: Int64, limit: Int) async throws -> [RegisterExportRun]
    /// One export with the entries it gave, to download it again exactly.
    func registerExport(id: Int64, schoolID: Int64) async throws -> (run: RegisterExportRun, entries: [RegisterWriteBack.Entry])?
}
