/// The name of one policy setting a case file or the admin may change, spelt as evaluate.md
/// spells it. A closed set, so a misspelt name is caught where text becomes a name
/// (`init(rawValue:)`) rather than deep in `PolicySettings.set`.
public enum PolicySettingName: String, CaseIterable, Sendable, Codable {
    case noticeDays
    case preferredNoticeDays
    case assessmentBufferSchoolDays
    case authorisedAbsenceLimit
    case performanceFloor
    case persistentAbsenceThreshold
    case notExceptional
    case evidenceRequired
    case escalateUnforeseenTo
    case retentionYears
    case penaltyNoticeAmounts
    case penaltyThresholdSessions
    case penaltyWindowSchoolWeeks
    case religiousNoticeDays
    case travellerNoticeDays
    case travellerMinimumSessions
    case lunchtimeAttendanceFloor
    case lunchtimeDecisionSchoolDays
    case returnDateRequired
    case attendanceExpectation
    case policyAddress
    case reviewProcedure
    case lunchtimeReturnBy
}
