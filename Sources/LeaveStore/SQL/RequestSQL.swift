/// SQL text both stores run as written: the columns a request is read with, and the decided list.
protocol RequestSQL {}

extension RequestSQL {
    static var pupilColumns: String {
        "pupil.id, pupil.schoolId, pupil.upn, pupil.forename, pupil.surname, pupil.yearGroup"
    }

    static func withPupilsSQL(_ clause: String) -> String {
        """
        SELECT \(LeaveRequestRecord.columns), \(pupilColumns)
        FROM leaveRequest JOIN pupil ON pupil.id = leaveRequest.pupilId
        \(clause)
        """
    }

    /// The decisions of a school, newest first: a range of `decision_school` read backwards.
    static func decidedSQL(_ narrowing: String = "") -> String {
        """
        SELECT \(LeaveRequestRecord.columns), \(pupilColumns), decision.outcome, decision.decidedAt, decision.deciderName
        FROM decision
        JOIN leaveRequest ON leaveRequest.id = decision.requestId
        JOIN pupil ON pupil.id = leaveRequest.pupilId
        WHERE decision.schoolId = ? AND \(standing)\(narrowing) ORDER BY decision.id DESC
        """
    }

    /// The standing decisions whose leave meets a range of days (the last day, then the first),
    /// for the register write-back: pupils without a UPN cannot go back to the MIS.
    static var decidedLeaveSQL: String {
        """
        SELECT \(LeaveRequestRecord.columns), \(pupilColumns), decision.outcome, decision.grantedFrom, decision.grantedTo
        FROM decision
        JOIN leaveRequest ON leaveRequest.id = decision.requestId
        JOIN pupil ON pupil.id = leaveRequest.pupilId
        WHERE decision.schoolId = ? AND \(standing)
          AND leaveRequest.startDate <= ? AND leaveRequest.endDate >= ? AND pupil.upn IS NOT NULL
        ORDER BY leaveRequest.startDate, leaveRequest.id
        """
    }

    /// A decision no later one supersedes: the one that stands.
    static var standing: String { "NOT EXISTS (SELECT 1 FROM decision AS later WHERE later.supersedesId = decision.id)" }
}

extension SQLiteStore: RequestSQL {}
extension PostgresStore: RequestSQL {}
