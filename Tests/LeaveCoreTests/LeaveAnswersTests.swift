import Testing
@testable import LeaveCore

@Suite("Checking a parent's leave request")
struct LeaveAnswersTests {
    let today = SchoolDate(iso: "2026-11-23")!
    let children: Set<Int64> = [7, 8]

    func valid() -> LeaveAnswers {
        LeaveAnswers(pupilID: "7", kind: "exceptional", purpose: "Funeral of a grandparent",
                     firstDay: DateAnswer(day: "7", month: "12", year: "2026"), firstSession: "AM",
                     lastDay: DateAnswer(day: "9", month: "12", year: "2026"), lastSession: "PM",
                     returnDay: DateAnswer(day: "10", month: "12", year: "2026"))
    }

    func messages(_ answers: LeaveAnswers) -> [String] {
        answers.validate(today: today, children: children).errors.map(\.message)
    }

    @Test func aCompleteRequestIsAccepted() throws {
        guard case .valid(let application) = valid().validate(today: today, children: children) else {
            Issue.record("expected a valid request")
            return
        }
        #expect(application.pupilID == 7)
        #expect(application.start == SessionPoint(SchoolDate(iso: "2026-12-07")!, .am))
        #expect(application.end == SessionPoint(SchoolDate(iso: "2026-12-09")!, .pm))
        #expect(application.answers.validate(today: today, children: children).errors.isEmpty)
    }

    @Test func everyQuestionLeftEmptyIsReportedInFormOrder() {
        #expect(messages(LeaveAnswers()) == [
            "Select which child the leave is for",
            "Select the kind of leave",
            "Enter what the leave is for",
            "Enter the first day of leave",
            "Select whether the leave starts in the morning or the afternoon",
            "Enter the last day of leave",
            "Select whether the leave ends after the morning or the afternoon",
            "Enter the date your child will be back at school",
        ])
    }

    @Test func aChildWhoIsNotTheParentsIsRefused() {
        var answers = valid()
        answers.pupilID = "99"
        #expect(messages(answers) == ["Select which child the leave is for"])
    }

    /// GOV.UK date input: missing, then incomplete, then impossible.
    @Test func dateProblemsComeInTheGovUKOrder() {
        var answers = valid()
        answers.firstDay = DateAnswer(day: "", month: "12", year: "")
        #expect(messages(answers).first == "The first day of leave must include a day and year")
        answers.firstDay = DateAnswer(day: "31", month: "2", year: "2027")
        #expect(messages(answers).first == "The first day of leave must be a real date")
        answers.firstDay = DateAnswer(day: "7", month: "12", year: "26")
        #expect(messages(answers).first == "The first day of leave must be a real date")
        answers.firstDay = DateAnswer(day: " 7 ", month: "Dec", year: "2026")
        #expect(messages(answers).isEmpty)
    }

    @Test func leaveCannotStartInThePastOrMoreThanAYearAhead() {
        var answers = valid()
        answers.firstDay = DateAnswer(day: "20", month: "11", year: "2026")
        #expect(messages(answers).contains("The first day of leave must be today or in the future"))
        answers.firstDay = DateAnswer(day: "1", month: "1", year: "2028")
        #expect(messages(answers).contains("The first day of leave must be within the next 12 months"))
        answers.firstDay = DateAnswer(today)
        answers.lastDay = DateAnswer(today)
        answers.returnDay = DateAnswer(day: "24", month: "11", year: "2026")
        #expect(messages(answers).isEmpty)
    }

    @Test func theLastDayMustNotComeBeforeTheFirst() {
        var answers = valid()
        answers.lastDay = DateAnswer(day: "4", month: "12", year: "2026")
        #expect(messages(answers) == ["The last day must be the same as or after the first day"])
    }

    @Test func anAfternoonStartCannotEndThatMorning() {
        var answers = valid()
        answers.lastDay = answers.firstDay
        answers.firstSession = "PM"
        answers.lastSession = "AM"
        #expect(messages(answers) == ["Leave that starts in the afternoon cannot end in the morning of the same day"])
    }

    /// 004 "must include a return date": the return must follow the leave.
    @Test func theReturnDateMustFollowTheLeave() {
        var answers = valid()
        answers.returnDay = answers.lastDay
        #expect(messages(answers) == ["The date your child will be back must be after the last day of leave"])
        answers.lastSession = "AM"
        #expect(messages(answers).isEmpty, "leave ending after the morning allows a return that afternoon")
        answers.returnDay = DateAnswer(day: "8", month: "12", year: "2026")
        #expect(messages(answers) == ["The date your child will be back must be the same as or after the last day of leave"])
    }

    @Test func thePurposeHasALengthLimit() {
        var answers = valid()
        answers.purpose = String(repeating: "a", count: LeaveAnswers.purposeLimit + 1)
        #expect(messages(answers) == ["What the leave is for must be 500 characters or fewer"])
        answers.purpose = "   "
        #expect(messages(answers) == ["Enter what the leave is for"])
    }

    @Test func theDecisionFormNeedsAnOutcomeAndAReason() {
        #expect(DecisionAnswers().validate().errors.map(\.field) == ["outcome", "reason"])
        #expect(DecisionAnswers(outcome: "granted", reason: " ").validate().errors.map(\.field) == ["reason"])
        guard case .valid(let decision) = DecisionAnswers(outcome: "refused", reason: " Not exceptional ").validate() else {
            Issue.record("expected a valid decision")
            return
        }
        #expect(decision.outcome == .refused)
        #expect(decision.reason == "Not exceptional")
    }
}

/// rules.md "Severities": what a decision must respect.
@Suite("Deciding against the rules' findings")
struct DecisionAgainstFindingsTests {
    func evaluation(_ severities: [(String, Severity)]) -> Evaluation {
        let findings = severities.map { Finding(rule: $0.0, severity: $0.1, message: "\($0.0) fired", source: "test") }
        return Evaluation(recommendation: Evaluator.recommendation(for: findings), sessions: 2, schoolDays: 1,
                          attendanceToDate: 1, projectedAttendance: 1, registerCode: .exceptional, findings: findings)
    }

    @Test func aBlockedRequestCanOnlyBeRefused() {
        let blocked = evaluation([("LOA-PROTEST", .blocked)])
        let grant = DecisionAnswers(outcome: "granted", reason: "Fine", overrideReason: "Even so")
        #expect(grant.validate(against: blocked).errors.map(\.message) == ["This request cannot be granted: LOA-PROTEST fired"])
        #expect(DecisionAnswers(outcome: "refused", reason: "Not allowed").validate(against: blocked).errors.isEmpty)
    }

    @Test func grantingAgainstARefuseFindingNeedsAnOverride() {
        let refuse = evaluation([("LOA-NOT-EXCEPTIONAL", .refuse), ("GEN-SESSIONS", .info)])
        #expect(DecisionAnswers(outcome: "granted", reason: "Fine").validate(against: refuse).errors.map(\.field) == ["overrideReason"])
        #expect(DecisionAnswers(outcome: "granted", reason: "Fine", overrideReason: "Reunion").validate(against: refuse).errors.isEmpty)
        #expect(DecisionAnswers(outcome: "refused", reason: "Policy").validate(against: refuse).errors.isEmpty)
    }

    /// 001 §5.1: the consultation is recorded whatever the outcome.
    @Test func anUnforeseenCircumstanceNeedsTheConsultationRecorded() {
        let unforeseen = evaluation([("LOA-UNFORESEEN", .attention)])
        #expect(DecisionAnswers(outcome: "refused", reason: "No").validate(against: unforeseen).errors.map(\.field) == ["consultation"])
        #expect(DecisionAnswers(outcome: "granted", reason: "Yes", consultation: "CEO agreed by phone, 3 March").validate(against: unforeseen).errors.isEmpty)
    }
}
