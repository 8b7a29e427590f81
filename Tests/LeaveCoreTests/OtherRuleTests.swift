import Testing
@testable import LeaveCore

@Suite("Rules for appointments, religious observance and travellers")
struct AbsenceTypeRuleTests {
    /// 001 §4.3: appointments are notified in advance.
    @Test func medicalNotInAdvance() {
        var f = RuleFixture()
        f.leave("2025-02-03", "2025-02-03", type: .medical)
        f.request.end = SessionPoint(RuleFixture.d("2025-02-03"), .am)
        #expect(f.fires("MED-NOT-ADVANCE"))
        f.leave("2025-02-04", "2025-02-04", type: .medical)
        #expect(!f.fires("MED-NOT-ADVANCE"))
        #expect(f.evaluation.registerCode == .medical)
    }

    /// 004: more than half a day needs very good reasons.
    @Test func medicalLong() {
        var f = RuleFixture()
        f.leave("2025-02-05", "2025-02-05", type: .medical)
        #expect(f.fires("MED-LONG"))
        f.request.end = SessionPoint(RuleFixture.d("2025-02-05"), .am)
        #expect(!f.fires("MED-LONG"))
    }

    /// 004: appointment cards.
    @Test func medicalEvidence() {
        var f = RuleFixture()
        f.leave("2025-02-05", "2025-02-05", type: .medical)
        f.request.evidence = []
        #expect(f.fires("MED-EVIDENCE"))
        f.request.evidence = ["card.jpg"]
        #expect(!f.fires("MED-EVIDENCE"))
    }

    /// 000 "Religious observance": two weeks' notice.
    @Test func religiousNotice() {
        var f = RuleFixture()
        f.leave("2025-03-31", "2025-03-31", type: .religious)
        f.request.religion = "Islam"
        f.asOf = RuleFixture.d("2025-03-18")  // 13 days
        #expect(f.fires("REL-NOTICE"))
        f.asOf = RuleFixture.d("2025-03-17")  // 14 days
        #expect(!f.fires("REL-NOTICE"))
        #expect(f.evaluation.registerCode == .religious)
    }

    /// 000; 001 §5.1: days exclusively set apart by the religious body.
    @Test func religiousDayNotSetApart() {
        var f = RuleFixture()
        f.leave("2025-03-31", "2025-03-31", type: .religious)
        f.request.religion = "Islam"
        #expect(!f.fires("REL-NOT-SET-APART"))
        f.request.religion = "Sikhism"
        #expect(f.fires("REL-NOT-SET-APART"))
        f.request.religion = "Islam"
        f.leave("2025-04-01", "2025-04-01", type: .religious)
        #expect(f.fires("REL-NOT-SET-APART"))
    }

    /// 000; 001: traveller absence only for occupational travel.
    @Test func travellerNotOccupationalIsBlocked() {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-14", type: .traveller)
        f.request.occupational = false
        #expect(f.finding("TRV-NOT-OCCUPATIONAL")?.severity == .blocked)
        f.request.occupational = true
        #expect(!f.fires("TRV-NOT-OCCUPATIONAL"))
        #expect(f.evaluation.registerCode == .traveller)
    }

    /// 000: two weeks' notice of travel.
    @Test func travellerNotice() {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-14", type: .traveller)
        f.request.occupational = true
        f.asOf = RuleFixture.d("2025-02-25")
        #expect(f.fires("TRV-NOTICE"))
        f.asOf = RuleFixture.d("2025-02-24")
        #expect(!f.fires("TRV-NOTICE"))
    }

    /// 002: a traveller pupil must attend 200 sessions in 12 months.
    @Test func travellerTwoHundredSessions() {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-14", type: .traveller)
        f.request.occupational = true
        let attended = f.possibleToDate  // present at every session since September
        #expect(attended < 200)
        #expect(f.finding("TRV-200-SESSIONS")?.message.contains("attended \(attended) sessions") == true)
        f.policy.travellerMinimumSessions = attended
        #expect(!f.fires("TRV-200-SESSIONS"))
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
        #expect(!f.fires("PERF-NO-LICENCE"))
        f.request.licence = nil
        #expect(f.finding("PERF-NO-LICENCE")?.severity == .blocked)
        #expect(f.evaluation.recommendation == .blocked)
    }

    /// 000: a licence that names the dates needs no further authorisation.
    @Test func aDatedLicenceAuthorises() {
        let f = performance(dates: ["2025-03-10", "2025-03-11", "2025-03-12"])
        #expect(f.fires("PERF-DATED"))
        #expect(f.evaluation.recommendation == .authorisedByLicence)
        #expect(f.evaluation.registerCode == .performanceLicence)
        let partly = performance(dates: ["2025-03-10", "2025-03-11"])
        #expect(!partly.fires("PERF-DATED"))
        #expect(partly.finding("PERF-UNDATED")?.message.contains("does not name 1 of the days") == true)
    }

    /// 000: an undated licence is decided day by day.
    @Test func anUndatedLicence() {
        let f = performance(dates: nil)
        #expect(f.finding("PERF-UNDATED")?.severity == .attention)
        #expect(f.evaluation.recommendation == .consider)
    }

    /// 000: not authorised below 95% attendance; the days that can be are listed.
    @Test func theNinetyFivePercentFloor() {
        var f = performance(dates: nil)
        let p = f.possibleToDate
        let projected = Double(p) / Double(p + 6)
        f.policy.performanceFloor = projected + 0.0001
        #expect(f.finding("PERF-95")?.severity == .refuse)
        #expect(f.finding("PERF-95")?.message.contains("the first 5 sessions can be authorised") == true)
        f.policy.performanceFloor = projected - 0.0001
        #expect(!f.fires("PERF-95"))
    }

    /// 000: at least 6 hours a week, 3 hours a day over each four weeks, at most 5 on a day.
    @Test func educationWhileLicensed() {
        var f = performance(dates: nil)
        #expect(!f.fires("PERF-EDUCATION"))
        f.request.licence?.education = EducationArrangements(hoursPerWeek: 5.5, hoursPerDay: [3], maxHoursOnADay: 5)
        #expect(f.finding("PERF-EDUCATION")?.message.contains("5.5 hours a week") == true)
        f.request.licence?.education = EducationArrangements(hoursPerWeek: 6, hoursPerDay: [3, 2.5], maxHoursOnADay: 5)
        #expect(f.fires("PERF-EDUCATION"))
        f.request.licence?.education = EducationArrangements(hoursPerWeek: 6, hoursPerDay: [3], maxHoursOnADay: 5.5)
        #expect(f.fires("PERF-EDUCATION"))
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
        #expect(f.finding("LUN-DECIDE-BY")?.message.contains("by Monday 10 February 2025") == true)
        #expect(f.evaluation.registerCode == nil)
    }

    /// 000: a discussion meeting with the parent.
    @Test func meeting() {
        var f = lunchtime()
        #expect(f.fires("LUN-MEETING"))
        f.request.meetingHeld = true
        #expect(!f.fires("LUN-MEETING"))
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
        #expect(!f.fires("LUN-ATTENDANCE"))
        f.overrides.append((day.adding(days: 1).iso, .pm, .illness))
        #expect(f.fires("LUN-ATTENDANCE"))
    }

    /// 000: permission lasts to the end of term.
    @Test func lastsToTheEndOfTerm() {
        let f = lunchtime()
        #expect(f.finding("LUN-TERM")?.message.contains("Spring 1 ends Friday 14 February 2025") == true)
    }
}

@Suite("The recommendation")
struct RecommendationTests {
    func finding(_ severity: Severity, _ rule: String = "X") -> Finding {
        Finding(rule: rule, severity: severity, message: "", source: "")
    }

    /// rules.md: the strongest severity present decides; blocked can never become a grant.
    @Test func theStrongestSeverityDecides() {
        #expect(Evaluator.recommendation(for: []) == .grant)
        #expect(Evaluator.recommendation(for: [finding(.info)]) == .grant)
        #expect(Evaluator.recommendation(for: [finding(.info), finding(.attention)]) == .consider)
        #expect(Evaluator.recommendation(for: [finding(.attention), finding(.refuse)]) == .refuse)
        #expect(Evaluator.recommendation(for: [finding(.refuse), finding(.blocked), finding(.info)]) == .blocked)
        #expect(Evaluator.recommendation(for: [finding(.info, "PERF-DATED"), finding(.attention)]) == .authorisedByLicence)
        #expect(Evaluator.recommendation(for: [finding(.info, "PERF-DATED"), finding(.blocked)]) == .blocked)
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

    @Test func everyRuleHasAUniqueID() {
        let ids = RuleCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ["GEN-NOT-SCHOOL-DAYS", "GEN-OVERLAP", "GEN-SESSIONS", "GEN-PROJECTED", "GEN-PA-RISK", "LOA-RETRO", "LOA-NOTICE",
                   "LOA-ASSESSMENT", "LOA-UNAUTHORISED", "LOA-AUTHORISED-10", "LOA-NOT-EXCEPTIONAL", "LOA-PROTEST", "LOA-EVIDENCE",
                   "LOA-HOLIDAY-ADJACENT", "LOA-PRIOR-LEAVE", "LOA-UNFORESEEN", "LOA-PENALTY-WARNING", "MED-NOT-ADVANCE", "MED-LONG",
                   "MED-EVIDENCE", "REL-NOTICE", "REL-NOT-SET-APART", "TRV-NOT-OCCUPATIONAL", "TRV-NOTICE", "TRV-200-SESSIONS",
                   "PERF-NO-LICENCE", "PERF-DATED", "PERF-UNDATED", "PERF-95", "PERF-EDUCATION", "LUN-DECIDE-BY", "LUN-MEETING",
                   "LUN-ATTENDANCE", "LUN-TERM"] {
            #expect(ids.contains(id), "rules.md's \(id) is not in the catalogue")
        }
    }
}
