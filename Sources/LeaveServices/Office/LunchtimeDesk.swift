import Foundation
import LeaveCore
import LeaveStore

/// The office's lunchtime (000 "Leave during lunch times"): the children with permission to
/// leave today, each signed out to the adult who collects them and back in on their return;
/// a child back after the time the school's policy settings give is flagged late.
public struct LunchtimeDesk: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    /// The longest name of who collected a child.
    public static let collectorLimit = 100

    public struct Child: Sendable {
        public enum State: Sendable {
            case notOut
            case out(since: TimeOfDay, collectedBy: String, late: Bool)
            case back(at: TimeOfDay, out: TimeOfDay, collectedBy: String, late: Bool)
        }

        public let item: RequestWithPupil
        public let state: State
        /// Who the permission names to collect the child, and whether someone else did.
        public var collectedBySomeoneElse: Bool {
            let named = item.request.application.details.collector?.lowercased() ?? ""
            switch state {
            case .notOut: return false
            case .out(_, let who, _), .back(_, _, let who, _): return !named.isEmpty && !named.contains(who.lowercased())
            }
        }
        /// A permission stopped since the child was signed out today, kept so the day's record is whole.
        public let runsToday: Bool

        public var isLate: Bool {
            switch state {
            case .notOut: false
            case .out(_, _, let late), .back(_, _, _, let late): late
            }
        }
    }

    public struct Day: Sendable {
        public let date: SchoolDate
        public let isSchoolDay: Bool
        public let dueBack: TimeOfDay
        public let children: [Child]
        public let isToday: Bool
    }

    /// A day's lunchtime: today's, to sign children out and in, or an earlier one's record.
    public func day(schoolID: Int64, on date: SchoolDate) async throws -> Day {
        let calendar = try await store.calendar(schoolID: schoolID)
        let dueBack = TimeOfDay(clamping: try await store.policy(schoolID: schoolID).lunchtimeReturnMinutes)
        let isToday = date == clock.today
        let now = clock.timeOfDay(clock.now)
        var children: [Child] = []
        var pupils: [Int64: Int] = [:]
        for found in try await store.lunchtime(schoolID: schoolID, on: date) {
            let runs = found.item.request.status == .granted && found.item.request.application.details.days.contains(date.weekday)
            guard runs || found.signOut != nil else { continue }
            let state: Child.State
            if let signOut = found.signOut {
                // Late against the time the child was due back then, not the setting now.
                let due = TimeOfDay(clamping: signOut.dueBackMinutes)
                let out = clock.timeOfDay(signOut.outAt)
                if let back = signOut.inAt.map(clock.timeOfDay) {
                    state = .back(at: back, out: out, collectedBy: signOut.collectedBy, late: back > due)
                } else {
                    state = .out(since: out, collectedBy: signOut.collectedBy, late: !isToday || now > due)
                }
            } else {
                state = .notOut
            }
            let child = Child(item: found.item, state: state, runsToday: runs)
            // A child with two permissions running today is one child at the office: the one signed out, or the first.
            if let index = pupils[found.item.pupil.id] {
                if case .notOut = children[index].state, found.signOut != nil { children[index] = child }
                continue
            }
            pupils[found.item.pupil.id] = children.count
            children.append(child)
        }
        return Day(date: date, isSchoolDay: calendar.isSchoolDay(date), dueBack: dueBack, children: children, isToday: isToday)
    }

    /// Signs the child out today to the adult named; the problems with what was typed, if any.
    public func signOut(_ reference: ReferenceNumber, collectedBy typed: String, by account: Account) async throws -> [FieldError] {
        let child = try await today(reference, account: account)
        guard case .notOut = child.state else {
            throw ServiceError.conflict("\(child.item.pupil.fullName) has already been signed out today.")
        }
        let name = typed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if name.isEmpty { return [FieldError(field: "collectedBy", message: "Enter the name of the adult collecting \(child.item.pupil.forename)")] }
        if name.count > Self.collectorLimit {
            return [FieldError(field: "collectedBy", message: "The name must be \(Self.collectorLimit) characters or fewer")]
        }
        let dueBack = try await store.policy(schoolID: account.schoolID).lunchtimeReturnMinutes
        do {
            try await store.signOutAtLunchtime(requestID: child.item.request.id, schoolID: account.schoolID, on: clock.today,
                                               collectedBy: name, dueBackMinutes: dueBack, by: Actor(account), at: clock.now)
        } catch StoreError.alreadyDone {
            throw ServiceError.conflict("\(child.item.pupil.fullName) has already been signed out today.")
        }
        return []
    }

    /// Signs the child back in now.
    public func signIn(_ reference: ReferenceNumber, by account: Account) async throws {
        let child = try await today(reference, account: account, stoppedToo: true)
        do {
            try await store.signInAfterLunchtime(requestID: child.item.request.id, schoolID: account.schoolID, on: clock.today,
                                                 by: Actor(account), at: clock.now)
        } catch StoreError.alreadyDone {
            throw ServiceError.conflict("\(child.item.pupil.fullName) has already been signed back in today.")
        } catch StoreError.notFound {
            throw ServiceError.conflict("\(child.item.pupil.fullName) has not been signed out today.")
        }
    }

    /// The child of this permission on today's list; a permission not running today cannot be used.
    func today(_ reference: ReferenceNumber, account: Account, stoppedToo: Bool = false) async throws -> Child {
        guard account.role == .office || account.role == .headteacher || account.role == .deputy else { throw ServiceError.notFound }
        let day = try await day(schoolID: account.schoolID, on: clock.today)
        guard let child = day.children.first(where: { $0.item.request.reference == reference }) else { throw ServiceError.notFound }
        guard day.isSchoolDay, child.runsToday || stoppedToo else {
            throw ServiceError.conflict("\(child.item.pupil.fullName) has no lunchtime permission today.")
        }
        return child
    }
}
