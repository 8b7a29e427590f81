import Testing
@testable import LeaveCore

/// rules.md "Leave of absence".
@Suite("Rules for leave of absence")
struct LeaveRuleTests {
    /// 000 "cannot grant leaves of absence retrospectively"; 004.
    @Test func retrospectiveLeaveIsBlocked() {
        var f = RuleFixture()
        f.asOf = RuleFixture.d("2025-03-11")
        #expect(f.fires(.loaRetrospective))
        #expect(f.evaluation.recommendation == .blocked)
        f.leave("2025-03-11", "2025-03-12")
        #expect(!f.fires(.loaRetrospective))
    }

    /// 000: two weeks' notice; 001 §5.1: 15 days. The same case under each preset.
    @Test func noticeDiffersBetweenWestfieldAndManor() {
        var f = RuleFixture()
        f.asOf = RuleFixture.d("2025-02-24")  // 14 days before Monday 10 March
        f.policy = PolicySettings.preset("westfield")!
        #expect(!f.fires(.loaNotice))
        f.policy = PolicySettings.preset("manor")!
        #expect(f.fires(.loaNotice))
        #expect(f.finding(.loaNotice)?.message.contains("15 days' notice (and 4 weeks where possible)") == true)
        f.policy = PolicySettings.preset("westfield")!
        f.asOf = RuleFixture.d("2025-02-25")  // 13 days
        #expect(f.fires(.loaNotice))
        #expect(f.finding(.loaNotice)?.message.hasPrefix("Asked 13 days before") == true)
    }

    /// 000 "immediately before and during statutory assessment periods"; 001 §5.1 (KS2 SATs in Year 6).
    @Test func statutoryAssessments() {
        var f = RuleFixture()
        f.yearGroup = YearGroup(6)!
        f.leave("2025-05-13", "2025-05-13")
        #expect(f.finding(.loaAssessment)?.severity == .refuse)
        f.leave("2025-05-05", "2025-05-05")  // the fifth school day before 12 May
        #expect(f.fires(.loaAssessment))
        f.leave("2025-05-02", "2025-05-02")  // the sixth
        #expect(!f.fires(.loaAssessment))
        f.leave("2025-05-13", "2025-05-13")
        f.yearGroup = YearGroup(5)!
        #expect(!f.fires(.loaAssessment), "SATs are for Year 6 only")
    }

    /// 000: not granted with any unauthorised absence this year.
    @Test func anyUnauthorisedAbsenceThisYear() {
        var f = RuleFixture()
        #expect(!f.fires(.loaUnauthorised))
        f.overrides = [("2024-11-05", .pm, .lateAfterRegisterClosed)]
        #expect(f.finding(.loaUnauthorised)?.severity == .refuse)
        #expect(f.finding(.loaUnauthorised)?.message.contains("1 unauthorised session") == true)
    }

    /// 000: not granted when authorised absence is above 10%.
    @Test func authorisedAbsenceAboveTheLimit() {
        var f = RuleFixture()
        let p = f.possibleToDate
        let atLimit = p / 10  // at or just under 10%
        var day = RuleFixture.d("2024-09-02")
        var absent = atLimit
        while absent > 0 {
            if f.calendar.isSchoolDay(day) {
                f.overrides.append((day.iso, .am, .illness))
                absent -= 1
            }
            day = day.adding(days: 1)
        }
        #expect(!f.fires(.loaAuthorisedAboveLimit))
        f.overrides.append((day.adding(days: 1).iso, .pm, .medical))
        #expect(f.finding(.loaAuthorisedAboveLimit)?.message.contains("above the 10% limit") == true)
    }

    /// 001 §5.1 "circumstances that are not exceptional"; 004.
    @Test(arguments: [LeaveCategory.holiday, .cheaperTravel, .birthday, .weddingAbroad, .siblingIllness])
    func notExceptionalReasons(_ category: LeaveCategory) {
        var f = RuleFixture()
        f.request.category = category
        #expect(f.finding(.loaNotExceptional)?.severity == .refuse)
        #expect(f.evaluation.recommendation == .refuse)
        f.request.category = .exceptional
        #expect(!f.fires(.loaNotExceptional))
    }

    /// 001 §5.1: no leave for protest.
    @Test func protestIsBlocked() {
        var f = RuleFixture()
        f.request.category = .protest
        #expect(f.finding(.loaProtest)?.severity == .blocked)
        #expect(f.evaluation.recommendation == .blocked)
        f.request.category = .interview
        #expect(!f.fires(.loaProtest))
    }

    /// 001 §5.1 evidence; Manor asks for it for every request.
    @Test func evidence() {
        var f = RuleFixture()
        f.request.evidence = []
        #expect(f.fires(.loaEvidence))
        f.request.evidence = ["letter.pdf"]
        #expect(!f.fires(.loaEvidence))
        f.request.evidence = []
        f.request.category = .studyLeave
        #expect(!f.fires(.loaEvidence), "the default policy does not ask for it for study leave")
        f.policy = PolicySettings.preset("manor")!
        #expect(f.fires(.loaEvidence))
    }

    /// 001 §5.1 factors: leave next to a school holiday.
    @Test func nextToAHoliday() {
        var f = RuleFixture()
        f.leave("2025-02-10", "2025-02-14")  // the week before February half term
        #expect(f.fires(.loaHolidayAdjacent))
        f.leave("2025-02-24", "2025-02-25")  // straight after it
        #expect(f.fires(.loaHolidayAdjacent))
        f.leave("2025-02-04", "2025-02-06")
        #expect(!f.fires(.loaHolidayAdjacent))
    }

    /// 001 §5.1 factors: leave for a similar purpose in an earlier year.
    @Test func priorLeave() {
        var f = RuleFixture()
        f.previous = [PreviousRequest(type: .leave, category: .exceptional, start: RuleFixture.d("2023-06-05"), end: RuleFixture.d("2023-06-09"), outcome: .granted)]
        #expect(f.fires(.loaPriorLeave))
        f.previous[0].category = .interview
        #expect(!f.fires(.loaPriorLeave))
        f.previous[0] = PreviousRequest(type: .leave, category: .exceptional, start: RuleFixture.d("2024-10-07"), end: RuleFixture.d("2024-10-08"), outcome: .granted)
        #expect(!f.fires(.loaPriorLeave), "this academic year is not a previous one")
    }

    /// 001 §5.1: Manor consults the trust CEO on unforeseen circumstances; Westfield does not.
    @Test func unforeseenCircumstancesEscalateUnderManor() {
        var f = RuleFixture()
        f.request.category = .otherExceptional
        f.policy = PolicySettings.preset("manor")!
        #expect(f.finding(.loaUnforeseen)?.message.contains("consult the trust CEO") == true)
        f.policy = PolicySettings.preset("westfield")!
        #expect(!f.fires(.loaUnforeseen))
    }

    /// 001 §5.2: 10 unauthorised sessions within 10 school weeks.
    @Test func penaltyWarning() {
        var f = RuleFixture()
        f.leave("2025-03-10", "2025-03-14")  // 10 sessions
        #expect(f.finding(.loaPenaltyWarning)?.message.contains("reaching the penalty-notice threshold of 10") == true)
        #expect(f.finding(.loaPenaltyWarning)?.parentMessage?.contains("£80 or £160") == true)
        f.request.end = SessionPoint(RuleFixture.d("2025-03-14"), .am)  // 9 sessions
        #expect(f.finding(.loaPenaltyWarning)?.message.contains("below the penalty-notice threshold of 10") == true)
        f.overrides = [("2025-01-20", .am, .unauthorisedOther)]  // one earlier unauthorised session, within 10 school weeks
        #expect(f.finding(.loaPenaltyWarning)?.message.contains("makes 10 unauthorised sessions") == true)
    }

    /// 004: an application must include a return date.
    @Test func returnDateUnderKilmorie() {
        var f = RuleFixture()
        f.request.returnDate = nil
        #expect(!f.fires(.loaReturnDate))
        f.policy = PolicySettings.preset("kilmorie")!
        #expect(f.fires(.loaReturnDate))
    }
}
