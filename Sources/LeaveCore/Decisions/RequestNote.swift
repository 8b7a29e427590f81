#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A step taken on the way to a decision and kept with the request: the meeting with the parent
/// a lunchtime request needs (000), or the consultation the policy asks for (001 §5.1).
public struct RequestNote: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case meeting
        case consultation

        public var title: String {
            switch self {
            case .meeting: "Meeting with the parent"
            case .consultation: "Consultation"
            }
        }
    }

    public let kind: Kind
    /// The day it took place, which may be before the day it was written down.
    public let heldOn: SchoolDate
    public let note: String
    public let recordedBy: String
    public let recordedAt: Date

    public init(kind: Kind, heldOn: SchoolDate, note: String, recordedBy: String, recordedAt: Date) {
        self.kind = kind
        self.heldOn = heldOn
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    public static let noteLimit = 1_000
}
