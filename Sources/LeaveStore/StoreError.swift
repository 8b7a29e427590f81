import LeaveCore

/// Why the store refused a change. Each carries what the person needs to be told.
public enum StoreError: Error, Equatable, Sendable {
    case notFound
    /// The request has left the queue (decided or withdrawn) since the page was opened.
    case notOpen(RequestStatus)
    case alreadyPrinted
    case duplicateEmail
    /// Another school already has this name in the trust, or these LA and establishment numbers.
    case duplicateSchool
    /// An invitation already used, or past its date.
    case invitationUsed
    /// A reference number chosen for a new request is taken; choose another.
    case duplicateReference
    /// The decision being changed was changed by someone else first.
    case superseded
    /// What was asked is already done (a child signed out twice the same day).
    case alreadyDone
    case corrupt(String)
}
