import LeaveCore

/// Why the store refused a change. Each carries what the person needs to be told.
public enum StoreError: Error, Equatable, Sendable {
    case notFound
    /// The request has left the queue (decided or withdrawn) since the page was opened.
    case notOpen(RequestStatus)
    case alreadyPrinted
    case duplicateEmail
    case corrupt(String)
}
