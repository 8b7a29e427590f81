import Foundation
import LeaveCore
import LeaveStore

/// The register write-back (issue 14): the codes the decisions give each session, for the
/// school's MIS, exported as CSV and marked exported, so the office can see what is new since
/// the last export and what a decision changed since needs writing again.
public struct RegisterExports: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    /// The most days one export covers: a school year and a little.
    public static let maximumDays = 400

    /// The days typed, as ISO dates (the date inputs send them so), checked.
    public static func range(from typedFrom: String, to typedTo: String) -> Validated<(from: SchoolDate, to: SchoolDate)> {
        let from = SchoolDate(iso: typedFrom.trimmingCharacters(in: .whitespaces))
        let to = SchoolDate(iso: typedTo.trimmingCharacters(in: .whitespaces))
        var errors: [FieldError] = []
        if from == nil { errors.append(FieldError(field: "from", message: "Enter the first day as a date, for example 2026-12-01")) }
        if to == nil { errors.append(FieldError(field: "to", message: "Enter the last day as a date, for example 2026-12-18")) }
        guard let from, let to else { return .invalid(errors) }
        if to < from { return .invalid([FieldError(field: "to", message: "The last day must be the same as or after the first day")]) }
        if to.dayNumber - from.dayNumber > maximumDays {
            return .invalid([FieldError(field: "to", message: "Export at most a school year (\(maximumDays) days) at a time")])
        }
        return .valid((from, to))
    }

    /// What an export of these days would give, each session with where it stands.
    public struct Preview: Sendable {
        public let entries: [RegisterWriteBack.Entry]
        public let states: [RegisterWriteBack.ExportState]

        public var newCount: Int { states.filter { $0 == .new }.count }
        public var changedCount: Int { states.filter { if case .changed = $0 { true } else { false } }.count }
        public var exportedCount: Int { entries.count - newCount - changedCount }
    }

    public func entries(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws -> [RegisterWriteBack.Entry] {
        RegisterWriteBack.entries(try await store.decidedLeave(schoolID: schoolID, from: from, to: to),
                                  calendar: try await store.calendar(schoolID: schoolID), from: from, to: to)
    }

    public func preview(schoolID: Int64, from: SchoolDate, to: SchoolDate) async throws -> Preview {
        let entries = try await entries(schoolID: schoolID, from: from, to: to)
        let exported = try await store.exportedCodes(schoolID: schoolID, from: from, to: to)
        return Preview(entries: entries, states: RegisterWriteBack.states(entries, exported: exported))
    }

    /// Exports the days' codes and marks them exported, in one transaction. Asked twice in a
    /// row (a double click, a command run again), the same codes give back the same export.
    public func export(schoolID: Int64, from: SchoolDate, to: SchoolDate, by account: Account?)
        async throws -> (run: RegisterExportRun, csv: String) {
        let entries = try await entries(schoolID: schoolID, from: from, to: to)
        // An export of nothing would only clutter the list of earlier exports.
        guard !entries.isEmpty else {
            throw ServiceError.conflict("No decision gives a code to any session from \(from.longForm) to \(to.longForm), so there is nothing to export.")
        }
        let csv = RegisterWriteBack.csv(entries)
        let run = try await store.recordRegisterExport(
            schoolID: schoolID, from: from, to: to, entries: entries, csvSHA256: TokenDigest.sha256(bytes: Data(csv.utf8)),
            by: account.map(Actor.init), actorName: account?.displayName ?? "the command line", at: clock.now, sameWithin: 120)
        return (run, csv)
    }

    /// An earlier export, exactly as it was given.
    public func download(exportID: Int64, schoolID: Int64) async throws -> (run: RegisterExportRun, csv: String)? {
        guard let found = try await store.registerExport(id: exportID, schoolID: schoolID) else { return nil }
        return (found.run, RegisterWriteBack.csv(found.entries))
    }
}
