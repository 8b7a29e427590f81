import Testing
@testable import LeaveCore

@Suite("Rules for appointments, religious observance and travellers")
struct AbsenceTypeRuleTests {
    /// 001 §4.3: appointments are notified in advance.
    @Test func medicalNotInAdvance() {
        var f = RuleFixture()
        f.leave("2025-02-03", "2025-02-03", type: .medical)
        f.request.end = SessionPoint(RuleFixture.d("2025-02-03"), .am)
        #expect(f.fires(.medicalNotInAdvance))
        f.leave("2025-02-04", "2025-02-04", type: .medical)
        #expect(!f.fires(.medicalNotInAdvance))
        #expect(f.evaluation.registerCode == .medical)
    }

    /// 004: more than half a day needs very good reasons.
    @Test func medicalLong() {
        var f = RuleFixture()
        f.leave("2025-02-05", "2025-02-05", type: .medical)
        #expect(f.fires(.medicalLong))
        f.request.end = SessionPoint(RuleFixture.d("2025-02-05"), .am)
        #expect(!f.fires(.medicalLong))
    }

    /// 004: appointment cards.
    @Test func medicalEvidence() {
        var f = RuleFixture()
        f.leave("2025-02-05", "2025-02-05", type: .medical)
        f.request.evidence = []
        #expect(f.fires(.medicalEvidence))
        f.request.evidence = ["card.jpg"]
        #expect(!f.fires(.medicalEvidence))
    }

    /// 000 "Religious observance": two weeks' notice.
    @Test func religiousNotice() {
        var f = RuleFixture()
        f.leave("2025-03-31", "2025-03-31", type: .religious)
        f.request.religion = "Islam"
        f.asOf = RuleFixture.d("2025-03-18")  // 13 days
        #expect(f.fires(.religiousNotice))
        f.asOf = RuleFixture.d("2025-03-17")  // 14 days
        #expect(!f.fires(.religiousNotice))
        #expect(f.evaluation.registerCode == .religious)
    }

    /// 000; 001 §5.1: days exclusively set apart by the religious body.
    @Test func religiousDayNotSetApart() {
        var f = RuleFixture()
        f.leave("2025-03-31", "2025-03-31", type: .religious)
        f.request.religion = "Islam"
        #expect(!f.fires(.religiousNotSetApart))
        f.request.religion = "Sikhism"
        #expect(f.fires(.religiousNotSetApart))
        f.request.religion = "Islam"
        f.leave("2025-04-01", "2025-04-01", type: .religious)
        #expect(f.fires(.religiousNotSetApart))
    }

    /// 000; 001: traveller absence only for occupational travel.
    @Test func travellerNotOccupationalIsBlocked() {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-14", type: .traveller)
        f.request.occupational = false
        #expect(f.finding(.travellerNotOccupational)?.severity == .blocked)
        f.request.occupational = true
        #expect(!f.fires(.travellerNotOccupational))
        #expect(f.evaluation.registerCode == .traveller)
    }

    /// 000: two weeks' notice of travel.
    @Test func travellerNotice() {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-14", type: .traveller)
        f.request.occupational = true
        f.asOf = RuleFixture.d("2025-02-25")
        #expect(f.fires(.travellerNotice))
        f.asOf = RuleFixture.d("2025-02-24")
        #expect(!f.fires(.travellerNotice))
    }

    /// 002: a traveller pupil must attend 200 sessions in 12 months.
    @Test func travellerTwoHundredSessions() {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-14", type: .traveller)
        f.request.occupational = true
        let attended = f.possibleToDate  // present at every session since September
        #expect(attended < 200)
        #expect(f.finding(.travellerMinimumSessions)?.message.contains("attended \(attended) sessions") == true)
        f.policy.travellerMinimumSessions = attended
        #expect(!f.fires(.travellerMinimumSessions))
    }
}

@Suite("Rules for performance licences")
struct PerformanceRuleTests {
    static let education = EducationArrangements(hoursPerWeek: 6, hoursPerDay: [3, 3], maxHoursOnADay: 5)

    func performance(dates: [String]?) -> RuleFixture {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-12", type: .performance)
        f.request.licence = PerformanceLicence(number: "PL-1", authority: "Sampleton Council",
                                               dates: dates.map { $0.map(RuleFixture.d) }, education: Self.education)
        return f
    }

    /// 000: without a licence the headteacher will not authorise.
    @Test func noLicenceIsBlocked() {
        var f = performance(dates: nil)
        #expect(!f.fires(.performanceNoLicence))
        f.request.licence = nil
        #expect(f.finding(.performanceNoLicence)?.severity == .blocked)
        #expect(f.evaluation.recommendation == .blocked)
    }

    /// 000: a licence that names the dates needs no further authorisation.
    @Test func aDatedLicenceAuthorises() {
        let f = performance(dates: ["2025-03-10", "2025-03-11", "2025-03-12"])
        #expect(f.fires(.performanceLicenceDated))
        #expect(f.evaluation.recommendation == .authorisedByLicence)
        #expect(f.evaluation.registerCode == .performanceLicence)
        let partly = performance(dates: ["2025-03-10", "2025-03-11"])
        #expect(!partly.fires(.performanceLicenceDated))
        #expect(partly.finding(.performanceLicenceUndated)?.message.contains("does not name 1 of the days") == true)
    }

    /// 000: an undated licence is decided day by day.
    @Test func anUndatedLicence() {
        let f = performance(dates: nil)
        #expect(f.finding(.performanceLicenceUndated)?.severity == .attention)
        #expect(f.evaluation.recommendation == .consider)
    }

    /// 000: not authorised below 95% attendance; the days that can be are listed.
    @Test func theNinetyFivePercentFloor() {
        var f = performance(dates: nil)
        let p = f.possibleToDate
        let projected = Double(p) / Double(p + 6)
        f.policy.performanceFloor = projected + 0.0001
        #expect(f.finding(.performanceAttendanceFloor)?.severity == .refuse)
        #expect(f.finding(.performanceAttendanceFloor)?.message.contains("the first 5 sessions can be authorised") == true)
        f.policy.performanceFloor = projected - 0.0001
        #expect(!f.fires(.performanceAttendanceFloor))
    }

    /// 000: at least 6 hours a week, 3 hours a day over each four weeks, at most 5 on a day.
    @Test func educationWhileLicensed() {
        var f = performance(dates: nil)
        #expect(!f.fires(.performanceEducation))
        f.request.licence?.education = EducationArrangements(hoursPerWeek: 5.5, hoursPerDay: [3], maxHoursOnADay: 5)
        #expect(f.finding(.performanceEducation)?.message.contains("5.5 hours a week") == true)
        f.request.licence?.education = EducationArrangements(hoursPerWeek: 6, hoursPerDay: [3, 2.5], maxHoursOnADay: 5)
        #expect(f.fires(.performanceEducation))
        f.request.licence?.education = EducationArrangements(hoursPerWeek: 6, hoursPerDay: [3], maxHoursOnADay: 5.5)
        #expect(f.fires(.performanceEducation))
    }
}

@Suite("Rules for lunchtime leave")
struct LunchtimeRuleTests {
    func lunchtime() -> RuleFixture {
        var f = RuleFixture()
        f.leave("2025-02-04", "2025-02-14", type: .lunchtime)
        f.request.lunchtimeDays = [.tuesday, .thursday]
        return f
    }

    /// 000 "Leave during lunch times": a decision in writing within 5 school days.
    @Test func decideBy() {
        let f = lunchtime()
        #expect(f.finding(.lunchtimeDecideBy)?.message.contains("by Monday 10 February 2025") == true)
        #expect(f.evaluation.registerCode == nil)
    }

    /// 000: a discussion meeting with the parent.
    @Test func meeting() {
        var f = lunchtime()
        #expect(f.fires(.lunchtimeMeeting))
        f.request.meetingHeld = true
        #expect(!f.fires(.lunchtimeMeeting))
        #expect(f.evaluation.recommendation == .grant)
    }

    /// 000: attendance concerns may justify refusal or withdrawal (below 95%).
    @Test func attendanceBelowNinetyFive() {
        var f = lunchtime()
        let p = f.possibleToDate
        let absent = p / 20  // 5% or just under
        var day = RuleFixture.d("2024-09-02")
        var left = absent
        while left > 0 {
            if f.calendar.isSchoolDay(day) { f.overrides.append((day.iso, .am, .illness)); left -= 1 }
            day = day.adding(days: 1)
        }
        #expect(!f.fires(.lunchtimeAttendance))
        f.overrides.append((day.adding(days: 1).iso, .pm, .illness))
        #expect(f.fires(.lunchtimeAttendance))
    }

    /// 000: permission lasts to the end of term.
    @Test func lastsToTheEndOfTerm() {
        let f = lunchtime()
        #expect(f.finding(.lunchtimeTerm)?.message.contains("Spring 1 ends Friday 14 February 2025") == true)
    }
}

@Suite("The recommendation")
struct RecommendationTests {
    func finding(_ severity: Severity, _ rule: RuleID = RuleID(rawValue: "TEST")) -> Finding {
        Finding(rule: rule, severity: severity, message: "", source: "")
    }

    /// rules.md: the strongest severity present decides; blocked can never become a grant.
    @Test func theStrongestSeverityDecides() {
        #expect(Evaluator.recommendation(for: []) == .grant)
        #expect(Evaluator.recommendation(for: [finding(.info)]) == .grant)
        #expect(Evaluator.recommendation(for: [finding(.info), finding(.attention)]) == .consider)
        #expect(Evaluator.recommendation(for: [finding(.attention), finding(.refuse)]) == .refuse)
        #expect(Evaluator.recommendation(for: [finding(.refuse), finding(.blocked), finding(.info)]) == .blocked)
        #expect(Evaluator.recommendation(for: [finding(.info, .performanceLicenceDated), finding(.attention)]) == .authorisedByLicence)
        #expect(Evaluator.recommendation(for: [finding(.info, .performanceLicenceDated), finding(.blocked)]) == .blocked)
    }

    @Test func findingsComeStrongestFirst() {
        var f = RuleFixture()
        f.request.category = .holiday
        f.request.evidence = []
        f.overrides = [("2024-11-05", .am, .unauthorisedOther)]
        let severities = f.evaluation.findings.map(\.severity)
        #expect(severities == severities.sorted(by: >))
        #expect(f.evaluation.findings.first?.severity == .refuse)
    }
}
