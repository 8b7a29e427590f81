/// One of the two registration sessions of a school day.
public enum Session: String, CaseIterable, Sendable, Codable, Comparable {
    case am = "AM"
    case pm = "PM"

    public var name: String { self == .am ? "morning" : "afternoon" }

    public static func < (lhs: Session, rhs: Session) -> Bool { lhs == .am && rhs == .pm }
}

/// A particular session of a particular day: where a leave begins or ends.
public struct SessionPoint: Hashable, Comparable, Sendable, Codable {
    public let date: SchoolDate
    public let session: Session

    public init(_ date: SchoolDate, _ session: Session) {
        self.date = date
        self.session = session
    }

    public static func < (lhs: SessionPoint, rhs: SessionPoint) -> Bool {
        (lhs.date, lhs.session) < (rhs.date, rhs.session)
    }

    /// "Monday 9 March 2026 (morning)".
    public var longForm: String { "\(date.longForm) (\(session.name))" }
}
