import LeaveCore

extension PreviousRequest {
    /// A stored request's columns as the rules read them; nil for a row no version wrote.
    init?(kind: String, startDate: String, endDate: String, status: String) {
        guard let kind = LeaveKind(rawValue: kind), let start = SchoolDate(iso: startDate), let end = SchoolDate(iso: endDate),
              let status = RequestStatus(rawValue: status) else { return nil }
        let outcome: PreviousOutcome = switch status {
        case .awaitingDecision, .evidenceRequested: .pending
        case .granted: .granted
        case .grantedInPart: .grantedInPart
        case .refused: .refused
        case .withdrawn: .withdrawn
        }
        self.init(type: kind == .medical ? .medical : .leave, category: kind.category, start: start, end: end, outcome: outcome)
    }
}

extension RequestSQL {
    /// Every request of some pupils, oldest first; `?` marks for the pupils follow the school's.
    static func onRecordSQL(pupils: Int) -> String {
        """
        SELECT id, pupilId, kind, startDate, endDate, status FROM leaveRequest
        WHERE schoolId = ? AND pupilId IN (\(placeholders(pupils))) ORDER BY id
        """
    }
}
