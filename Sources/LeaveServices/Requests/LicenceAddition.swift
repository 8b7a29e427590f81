import Foundation
import LeaveCore
import LeaveStore

/// A parent adds the child performance licence to a request sent before it was issued
/// (issue 15; 000 "Performances and activities": no licence, no authorised absence). The rules
/// look at the request again at once, so the headteacher sees it as one that can be decided.
public struct LicenceAddition: Sendable {
    let store: any PortalStore
    let clock: SchoolClock

    public init(store: any PortalStore, clock: SchoolClock) {
        self.store = store
        self.clock = clock
    }

    /// Whether the parent can add a licence to this request now.
    public func canAdd(_ item: RequestWithPupil) async throws -> Bool {
        guard item.request.application.type == .performance, item.request.status.isOpen, !item.request.application.details.hasLicence
        else { return false }
        return try await store.addedLicence(requestID: item.request.id) == nil
    }

    /// The problems with what was typed, or none once the licence is added.
    public func add(_ item: RequestWithPupil, number typedNumber: String, authority typedAuthority: String, dates typedDates: String,
                    parent: Account) async throws -> [FieldError] {
        let number = typedNumber.trimmingCharacters(in: .whitespacesAndNewlines)
        let authority = typedAuthority.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if number.isEmpty { errors.append(FieldError(field: "licenceNumber", message: "Enter the licence number")) }
        else if number.count > 60 { errors.append(FieldError(field: "licenceNumber", message: "The licence number must be 60 characters or fewer")) }
        if authority.isEmpty { errors.append(FieldError(field: "authority", message: "Enter the local authority that issued the licence")) }
        else if authority.count > 100 { errors.append(FieldError(field: "authority", message: "The local authority must be 100 characters or fewer")) }
        var dates: [SchoolDate] = []
        if typedDates.count > 2_000 {
            errors.append(FieldError(field: "licenceDates", message: "The dates the licence names must be 2000 characters or fewer"))
        } else {
            for (index, line) in FormValidator.lines(typedDates).enumerated() {
                guard let date = FormValidator.parseDate(line) else {
                    errors.append(FieldError(field: "licenceDates", message: "Line \(index + 1) of the dates, '\(line)', is not a real date; write dates like 9/3/2027"))
                    break
                }
                dates.append(date)
            }
        }
        guard errors.isEmpty else { return errors }
        do {
            try await store.addLicence(AddedLicence(number: number, authority: authority, dates: dates, addedAt: clock.now),
                                       requestID: item.request.id, by: Actor(parent))
        } catch StoreError.alreadyDone {
            throw ServiceError.conflict("Request \(item.request.reference.text) has its licence already.")
        } catch StoreError.notOpen(let status) {
            throw ServiceError.conflict("Request \(item.request.reference.text) has been \(status.title.lowercased()), so no licence can be added to it.")
        }
        try await RequestReview(store: store, clock: clock).reviewOpenRequests(ofPupils: [item.pupil.id], schoolID: item.request.schoolID)
        return []
    }
}
