import Foundation

/// A line of the school's record for what is not about one request: sign-ins, changes to the
/// policy and the calendar (the rules depend on them), evidence files, accounts, links between
/// parents and children. Kept, like the request audit, never changed or removed.
public struct SchoolActivity: Hashable, Sendable {
    public enum Action: String, Sendable, CaseIterable {
        case signedIn = "signed-in"
        case signInRefused = "sign-in-refused"
        case policyChanged = "policy-changed"
        case calendarChanged = "calendar-changed"
        case evidenceUploaded = "evidence-uploaded"
        case evidenceRemoved = "evidence-removed"
        case accountAdded = "account-added"
        case accountChanged = "account-changed"
        case passwordChanged = "password-changed"
        case parentLinkRemoved = "parent-link-removed"
        case restored
        case mailReturned = "mail-returned"
        case registerExported = "register-exported"
        case crestChanged = "crest-changed"
        case lunchtimeSignedOut = "lunchtime-signed-out"
        case lunchtimeSignedIn = "lunchtime-signed-in"

        public var title: String {
            switch self {
            case .signedIn: "Signed in"
            case .signInRefused: "Sign-in refused"
            case .policyChanged: "Policy changed"
            case .calendarChanged: "Calendar changed"
            case .evidenceUploaded: "Evidence sent"
            case .evidenceRemoved: "Evidence removed"
            case .accountAdded: "Account added"
            case .accountChanged: "Account changed"
            case .passwordChanged: "Password changed"
            case .parentLinkRemoved: "Parent no longer linked to a child"
            case .restored: "Restored from a backup"
            case .mailReturned: "An e-mail came back undelivered"
            case .registerExported: "Register codes exported for the MIS"
            case .crestChanged: "School crest changed"
            case .lunchtimeSignedOut: "Signed out at lunchtime"
            case .lunchtimeSignedIn: "Signed back in after lunch"
            }
        }
    }

    /// Nil for a sign-in refused for an address no school has.
    public let schoolID: Int64?
    /// Nil when nobody was signed in (a refused sign-in, an import's own change).
    public let actor: Actor?
    public let action: Action
    public let at: Date
    public let detail: String

    public init(schoolID: Int64?, actor: Actor?, action: Action, at: Date, detail: String) {
        self.schoolID = schoolID
        self.actor = actor
        self.action = action
        self.at = at
        self.detail = detail
    }
}
