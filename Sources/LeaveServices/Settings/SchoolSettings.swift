import Foundation
import LeaveCore
import LeaveStore

/// The administrator changes what the rules read: the school's policy, its statutory
/// assessment weeks and its days set apart for religious observance. Each change has the
/// rules look again at every undecided request of the school.
public struct SchoolSettings: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    public func savePolicy(_ settings: PolicySettings, by admin: Account) async throws {
        try await change(by: admin) { try await store.savePolicy(settings, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func addAssessment(_ period: AssessmentPeriod, by admin: Account) async throws {
        try await change(by: admin) { try await store.addAssessment(period, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func removeAssessment(id: Int64, by admin: Account) async throws {
        try await change(by: admin) { try await store.removeAssessment(id: id, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func addReligiousDay(_ day: ReligiousDay, by admin: Account) async throws {
        try await change(by: admin) { try await store.addReligiousDay(day, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func removeReligiousDay(id: Int64, by admin: Account) async throws {
        try await change(by: admin) { try await store.removeReligiousDay(id: id, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    /// A term typed by the admin: in order, at least a day, overlapping no other term.
    public func addTerm(name: String, start: SchoolDate, end: SchoolDate, by admin: Account) async throws -> [FieldError] {
        let name = name.trimmingCharacters(in: .whitespaces)
        var errors: [FieldError] = []
        if name.isEmpty || name.count > 120 { errors.append(FieldError(field: "termName", message: "Enter the term's name, like Autumn term 1 (120 characters or fewer)")) }
        if end < start { errors.append(FieldError(field: "termEnd", anchor: "termEnd-day", message: "The last day must be the same as or after the first day")) }
        let existing = try await store.terms(schoolID: admin.schoolID)
        if let clash = existing.first(where: { $0.term.start <= end && start <= $0.term.end && $0.term.start != start }) {
            errors.append(FieldError(field: "termStart", anchor: "termStart-day",
                                     message: "The term overlaps \(clash.term.name) (\(clash.term.start.longForm) to \(clash.term.end.longForm))"))
        }
        guard errors.isEmpty else { return errors }
        try await change(by: admin) {
            _ = try await store.importCalendar(terms: [Term(name: name, start: start, end: end)], closures: [], schoolID: admin.schoolID,
                                               by: Actor(admin), at: clock.now)
        }
        return []
    }

    /// A day the school is closed: inside a term, on a weekday.
    public func addClosure(name: String, date: SchoolDate, kind: Closure.Kind, by admin: Account) async throws -> [FieldError] {
        let name = name.trimmingCharacters(in: .whitespaces)
        var errors: [FieldError] = []
        if name.isEmpty || name.count > 120 { errors.append(FieldError(field: "closureName", message: "Enter what the day is, like INSET day (120 characters or fewer)")) }
        if date.isWeekend {
            errors.append(FieldError(field: "closureDate", anchor: "closureDate-day", message: "The day is a Saturday or Sunday, when the school is closed anyway"))
        } else if try await !store.terms(schoolID: admin.schoolID).contains(where: { $0.term.start <= date && date <= $0.term.end }) {
            errors.append(FieldError(field: "closureDate", anchor: "closureDate-day", message: "The day is not in any term; enter the terms first"))
        }
        guard errors.isEmpty else { return errors }
        try await change(by: admin) {
            _ = try await store.importCalendar(terms: [], closures: [Closure(date: date, kind: kind, name: name)], schoolID: admin.schoolID,
                                               by: Actor(admin), at: clock.now)
        }
        return []
    }

    public func removeTerm(id: Int64, by admin: Account) async throws {
        try await change(by: admin) { try await store.removeTerm(id: id, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    public func removeClosure(id: Int64, by admin: Account) async throws {
        try await change(by: admin) { try await store.removeClosure(id: id, schoolID: admin.schoolID, by: Actor(admin), at: clock.now) }
    }

    /// Only the school's administrator changes these; afterwards the rules look again at every open request.
    func change(by admin: Account, _ write: () async throws -> Void) async throws {
        guard admin.role == .admin else { throw ServiceError.notFound }
        try await write()
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(schoolID: admin.schoolID)
    }
}
