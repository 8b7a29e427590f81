/// One check of the rule catalogue (../shared/design/rules.md): its ID, which requests it
/// looks at, and what it finds. Adding a rule is writing one of these, listing it in
/// `RuleCatalogue.all` and naming its ID in `RuleID`.
public protocol Rule: Sendable {
    var id: RuleID { get }
    var appliesTo: Set<RequestType> { get }
    func check(_ context: RuleContext) -> Finding?
}

extension Rule {
    func finding(_ severity: Severity, _ message: String, parent: String? = nil, source: String) -> Finding {
        Finding(rule: id, severity: severity, message: message, parentMessage: parent, source: source)
    }
}

public enum RuleCatalogue {
    public static let all: [any Rule] = [
        NotSchoolDays(), Overlap(), SessionsRequested(), ProjectedAttendance(), PersistentAbsenceRisk(), MissingMarks(),
        Retrospective(), Notice.leave, Assessment(), UnauthorisedThisYear(), AuthorisedAboveLimit(), NotExceptional(),
        Protest(), LeaveEvidence(), HolidayAdjacent(), PriorLeave(), Unforeseen(), PenaltyWarning(), ReturnDateMissing(),
        MedicalNotInAdvance(), MedicalLong(), MedicalEvidence(),
        Notice.religious, ReligiousNotSetApart(),
        TravellerNotOccupational(), Notice.traveller, TravellerSessions(),
        NoLicence(), LicenceDated(), LicenceUndated(), PerformanceFloor(), PerformanceEducation(),
        LunchtimeDecideBy(), LunchtimeMeeting(), LunchtimeAttendance(), LunchtimeTerm(),
    ]
}
