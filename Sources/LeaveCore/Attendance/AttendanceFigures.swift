/// Counts of a pupil's sessions over a period, and the rates the policies use.
public struct AttendanceFigures: Hashable, Sendable {
    public let possible: Int
    public let attended: Int
    public let authorised: Int
    public let unauthorised: Int

    public init(possible: Int, attended: Int, authorised: Int, unauthorised: Int) {
        self.possible = possible
        self.attended = attended
        self.authorised = authorised
        self.unauthorised = unauthorised
    }

    public static let zero = AttendanceFigures(possible: 0, attended: 0, authorised: 0, unauthorised: 0)

    /// Attended (or at an approved activity) ÷ possible, 0–1; nil with no possible session.
    public var attendanceRate: Double? { rate(attended) }
    public var authorisedRate: Double? { rate(authorised) }
    public var unauthorisedRate: Double? { rate(unauthorised) }
    /// Sessions missed ÷ possible.
    public var absenceRate: Double? { rate(possible - attended) }

    /// Missing 10% or more of possible sessions (000 "Definitions"; 001 §8.4).
    public var isPersistentlyAbsent: Bool { (absenceRate ?? 0) >= 0.10 }
    /// Missing 50% or more.
    public var isSeverelyAbsent: Bool { (absenceRate ?? 0) >= 0.50 }

    func rate(_ n: Int) -> Double? { possible == 0 ? nil : Double(n) / Double(possible) }

    public static func + (a: AttendanceFigures, b: AttendanceFigures) -> AttendanceFigures {
        AttendanceFigures(possible: a.possible + b.possible, attended: a.attended + b.attended,
                          authorised: a.authorised + b.authorised, unauthorised: a.unauthorised + b.unauthorised)
    }

    /// The figures of a run of marks.
    public init(_ marks: some Sequence<SessionMark>) {
        var possible = 0, attended = 0, authorised = 0, unauthorised = 0
        for mark in marks where mark.code.isPossibleSession {
            possible += 1
            if mark.code.countsAsAttendance { attended += 1 }
            else if mark.code.isAuthorisedAbsence { authorised += 1 }
            else if mark.code.isUnauthorisedAbsence { unauthorised += 1 }
        }
        self.init(possible: possible, attended: attended, authorised: authorised, unauthorised: unauthorised)
    }
}
