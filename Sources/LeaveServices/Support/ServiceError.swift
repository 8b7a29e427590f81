/// Why a use case did not do what was asked, in words for the person who asked. The web maps
/// each to its status (404, 409); the command line prints the message.
public enum ServiceError: Error, Equatable, Sendable {
    /// Nothing of that name is theirs to see: another family's request is "not found", never "forbidden".
    case notFound
    /// It was already done, or something else happened first.
    case conflict(String)
}
