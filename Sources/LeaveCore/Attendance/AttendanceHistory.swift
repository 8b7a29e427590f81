/// One session's mark in the register.
public struct SessionMark: Hashable, Sendable {
    public let point: SessionPoint
    public let code: AttendanceCode

    public init(_ point: SessionPoint, _ code: AttendanceCode) {
        self.point = point
        self.code = code
    }

    public init(_ date: SchoolDate, _ session: Session, _ code: AttendanceCode) {
        self.init(SessionPoint(date, session), code)
    }
}

/// A pupil's register marks, indexed by session for quick range questions. Six years of
/// marks is a few thousand entries, so a sorted array with binary search is enough.
public struct AttendanceHistory: Sendable {
    /// Sorted by session; at most one mark per session (a later mark replaces an earlier one).
    public let marks: [SessionMark]

    public init(_ marks: [SessionMark]) {
        // The stores give marks in order, one a session: kept as they are, without a dictionary and a sort.
        if zip(marks, marks.dropFirst()).allSatisfy({ $0.point < $1.point }) {
            self.marks = marks
            return
        }
        var bySession: [SessionPoint: AttendanceCode] = [:]
        for mark in marks { bySession[mark.point] = mark.code }
        self.marks = bySession.map { SessionMark($0.key, $0.value) }.sorted { $0.point < $1.point }
    }

    public func code(at point: SessionPoint) -> AttendanceCode? {
        let i = firstIndex(atOrAfter: point)
        return i < marks.count && marks[i].point == point ? marks[i].code : nil
    }

    /// The marks from `start` to `end`, both included.
    public func marks(from start: SessionPoint, to end: SessionPoint) -> ArraySlice<SessionMark> {
        guard start <= end else { return [] }
        let lower = firstIndex(atOrAfter: start)
        var upper = lower
        while upper < marks.count && marks[upper].point <= end { upper += 1 }
        return marks[lower..<upper]
    }

    func firstIndex(atOrAfter point: SessionPoint) -> Int {
        marks.partitionPoint { $0.point < point }
    }
}
