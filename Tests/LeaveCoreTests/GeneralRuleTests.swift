import Testing
@testable import LeaveCore

/// rules.md "Any request".
@Suite("Rules for any request")
struct GeneralRuleTests {
    /// calendar: dates with no school session have nothing to authorise.
    @Test func notSchoolDays() {
        var f = RuleFixture()
        f.leave("2025-02-17", "2025-02-21")  // February half term
        #expect(f.fires(.generalNotSchoolDays))
        #expect(f.finding(.generalNotSchoolDays)?.severity == .info)
        f.leave("2025-02-17", "2025-02-24")  // runs into the first day back
        #expect(!f.fires(.generalNotSchoolDays))
    }

    @Test func overlapWithAnOpenOrGrantedRequest() {
        var f = RuleFixture()
        f.previous = [PreviousRequest(type: .leave, category: .exceptional, start: RuleFixture.d("2025-03-12"), end: RuleFixture.d("2025-03-14"), outcome: .pending)]
        #expect(f.fires(.generalOverlap))
        f.previous[0].outcome = .refused
        #expect(!f.fires(.generalOverlap), "a refused request holds no sessions")
        f.previous[0] = PreviousRequest(type: .leave, category: .exceptional, start: RuleFixture.d("2025-03-13"), end: RuleFixture.d("2025-03-14"), outcome: .granted)
        #expect(!f.fires(.generalOverlap), "the day after the leave does not overlap")
    }

    /// 004 "must include a return date": the sessions and the return are always shown.
    @Test func sessionsAreAlwaysShown() {
        let f = RuleFixture()
        let message = f.finding(.generalSessions)?.message ?? ""
        #expect(message.contains("3 school days (6 sessions) from Monday 10 March 2025 (morning) to Wednesday 12 March 2025 (afternoon)"))
        #expect(message.contains("back on Thursday 13 March 2025"))
        #expect(f.evaluation.sessions == 6 && f.evaluation.schoolDays == 3)
    }

    /// 004 table, 000 appendix: attendance to date and projected.
    @Test func projectedAttendanceIsAlwaysShown() {
        let f = RuleFixture()
        let p = f.possibleToDate
        #expect(f.evaluation.attendanceToDate == 1)
        #expect(f.evaluation.projectedAttendance == Double(p) / Double(p + 6))
        #expect(f.finding(.generalProjected)?.message.contains("to date is 100%") == true)
    }

    /// 000 "Definitions", 001 §8.4: granting must not take attendance below 90%.
    @Test func persistentAbsenceRisk() {
        var f = RuleFixture()
        let p = f.possibleToDate
        // Leave of 6 sessions: fires when attended / (p + 6) < 0.9.
        let attendedAtEdge = Int((0.9 * Double(p + 6)).rounded(.up))  // the fewest attended that stays at 90%
        var absent = p - attendedAtEdge
        f.overrides = []
        var day = RuleFixture.d("2024-09-02")
        while absent > 0 {
            if f.calendar.isSchoolDay(day) { f.overrides.append((day.iso, .am, .illness)); absent -= 1 }
            day = day.adding(days: 1)
        }
        #expect(!f.fires(.generalPersistentAbsenceRisk), "at exactly 90% or above it does not fire")
        f.overrides.append((day.adding(days: 1).iso, .pm, .illness))
        #expect(f.fires(.generalPersistentAbsenceRisk))
        #expect(f.finding(.generalPersistentAbsenceRisk)?.severity == .attention)
    }

    /// evaluate.md: unmarked school days before the as-of date are reported.
    @Test func missingMarks() {
        var f = RuleFixture()
        #expect(!f.fires(.generalMissingMarks))
        f.marksUntil = RuleFixture.d("2025-01-31")  // Friday 31 January unmarked
        #expect(f.finding(.generalMissingMarks)?.message.hasPrefix("2 school sessions") == true)
    }
}
