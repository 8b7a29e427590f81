import Foundation
import LeaveCore
import LeaveImport
import LeaveStore

/// Term dates from the local authority's file (iCalendar or CSV) into a school's calendar, all
/// or nothing, the same file twice changing nothing; the rules then look again at every open request.
public struct CalendarImports: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    public struct Report: Sendable, Codable, Equatable {
        public var terms = CalendarChanges.Counts()
        public var closures = CalendarChanges.Counts()
        public var problems: [ImportReport.Problem] = []

        public var summary: String {
            "\(CalendarImports.count(terms.added, "term")) added, \(terms.updated) updated; \(CalendarImports.count(closures.added, "closure")) added, \(closures.updated) updated; "
                + (problems.isEmpty ? "no problems" : "\(problems.count) \(problems.count == 1 ? "problem" : "problems")")
        }
    }

    /// A file read and checked, and what saving it would change; nothing is written.
    public struct Preview: Sendable {
        public let batch: CalendarBatch
        public let plan: CalendarPlan
    }

    public func preview(_ data: Data, fileName: String, schoolID: Int64) async throws -> Preview {
        guard try await store.school(id: schoolID) != nil else { throw ImportRefusal("there is no school \(schoolID)") }
        let batch = try CalendarFileReader.read(data, fileName: fileName)
        return Preview(batch: batch, plan: try await store.previewCalendar(terms: batch.terms, closures: batch.closures, schoolID: schoolID))
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    public func run(_ data: Data, fileName: String, schoolID: Int64, by actor: Actor?) async throws -> Report {
        guard try await store.school(id: schoolID) != nil else { throw ImportRefusal("there is no school \(schoolID)") }
        return try await save(try CalendarFileReader.read(data, fileName: fileName), schoolID: schoolID, by: actor)
    }

    /// Saves a batch read before (the admin's preview, confirmed), judged again against the calendar as it is now.
    public func save(_ batch: CalendarBatch, schoolID: Int64, by actor: Actor?) async throws -> Report {
        let changes = try await store.importCalendar(terms: batch.terms, closures: batch.closures, schoolID: schoolID, by: actor, at: clock.now)
        if changes != CalendarChanges() {
            try await RequestReview(store: store, clock: clock).reviewOpenRequests(schoolID: schoolID)
        }
        return Report(terms: changes.terms, closures: changes.closures, problems: batch.problems)
    }
}
