#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One line of the record an inspection reads: who did what to which request, when and why.
public struct AuditEvent: Hashable, Sendable {
    public enum Action: String, Sendable, CaseIterable {
        case submitted
        case withdrawn
        case decided
        case letterPrinted = "letter-printed"
        case evidenceRequested = "evidence-requested"
        case evidenceSent = "evidence-sent"
        /// The meeting with the parent a lunchtime request needs (000 "Leave during lunch times").
        case meetingRecorded = "meeting-recorded"
        /// The consultation the policy asks for before deciding (001 §5.1: the trust's CEO).
        case consultationRecorded = "consultation-recorded"
        /// A decision changed after it was made, the earlier one kept (000 "Register amendments").
        case amended
        case rescinded
        /// A letter printed again from the PDF kept with its decision (issue 14).
        case letterReprinted = "letter-reprinted"
        /// The performance licence a parent added to a request sent before it was issued (issue 15).
        case licenceAdded = "licence-added"
    }

    public let schoolID: Int64
    public let actor: Actor
    public let action: Action
    public let requestID: Int64
    public let at: Date
    public let detail: String

    public init(schoolID: Int64, actor: Actor, action: Action, requestID: Int64, at: Date, detail: String) {
        self.schoolID = schoolID
        self.actor = actor
        self.action = action
        self.requestID = requestID
        self.at = at
        self.detail = detail
    }
}
