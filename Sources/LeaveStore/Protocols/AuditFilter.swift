import Foundation
import LeaveCore

/// What the admin narrows the school's record to: one kind of action, one request, whoever did it
/// (part of their name), and a span of time. Every part is optional.
public struct AuditFilter: Hashable, Sendable {
    public var action: AuditEvent.Action?
    public var reference: ReferenceNumber?
    public var actorName: String
    /// From this instant on, and before `before`.
    public var from: Date?
    public var before: Date?

    public init(action: AuditEvent.Action? = nil, reference: ReferenceNumber? = nil, actorName: String = "",
                from: Date? = nil, before: Date? = nil) {
        self.action = action
        self.reference = reference
        self.actorName = actorName
        self.from = from
        self.before = before
    }
}
