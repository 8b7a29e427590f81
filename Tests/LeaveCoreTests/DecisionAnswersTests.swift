import Testing
@testable import LeaveCore

@Suite("The decision form")
struct DecisionAnswersTests {
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

@Suite("Dates typed in three boxes")
struct DateAnswerTests {
    /// GOV.UK date input: missing, then incomplete, then impossible.
    @Test func problemsComeInTheGovUKOrder() {
        #expect(DateAnswer().parse() == .failure(.missing))
        #expect(DateAnswer(day: "", month: "12", year: "").parse() == .failure(.incomplete([.day, .year])))
        #expect(DateAnswer(day: "31", month: "2", year: "2027").parse() == .failure(.notReal(.day)))
        #expect(DateAnswer(day: "7", month: "13", year: "2027").parse() == .failure(.notReal(.month)))
        #expect(DateAnswer(day: "7", month: "12", year: "26").parse() == .failure(.notReal(.year)))
        #expect(DateAnswer(day: " 7 ", month: "Dec", year: "2026").parse() == .success(SchoolDate(iso: "2026-12-07")!))
    }
}

/// rules.md "Severities": what a decision must respect.
@Suite("Deciding against the rules' findings")
struct DecisionAgainstFindingsTests {
    func evaluation(_ severities: [(RuleID, Severity)]) -> Evaluation {
        let findings = severities.map { Finding(rule: $0.0, severity: $0.1, message: "\($0.0) fired", source: "test") }
        return Evaluation(recommendation: Evaluator.recommendation(for: findings), sessions: 2, schoolDays: 1,
                          attendanceToDate: 1, projectedAttendance: 1, registerCode: .exceptional, findings: findings)
    }

    @Test func aBlockedRequestCanOnlyBeRefused() {
        let blocked = evaluation([(.loaProtest, .blocked)])
        let grant = DecisionAnswers(outcome: "granted", reason: "Fine", overrideReason: "Even so")
        #expect(grant.validate(against: blocked, type: .leave).errors.map(\.message) == ["This request cannot be granted: LOA-PROTEST fired"])
        #expect(DecisionAnswers(outcome: "refused", reason: "Not allowed").validate(against: blocked, type: .leave).errors.isEmpty)
    }

    @Test func grantingAgainstARefuseFindingNeedsAnOverride() {
        let refuse = evaluation([(.loaNotExceptional, .refuse), (.generalSessions, .info)])
        #expect(DecisionAnswers(outcome: "granted", reason: "Fine").validate(against: refuse, type: .leave).errors.map(\.field) == ["overrideReason"])
        #expect(DecisionAnswers(outcome: "granted", reason: "Fine", overrideReason: "Reunion").validate(against: refuse, type: .leave).errors.isEmpty)
        #expect(DecisionAnswers(outcome: "refused", reason: "Policy").validate(against: refuse, type: .leave).errors.isEmpty)
    }

    /// 000 "Leave during lunch times": permission is granted or refused as asked; a blocked
    /// request (rules.md "Severities") offers refusal alone.
    @Test func onlyTheOutcomesARequestAllowsAreOffered() {
        let fine = evaluation([(.lunchtimeTerm, .info)])
        #expect(DecisionOutcome.allowed(for: .lunchtime, recommendation: fine.recommendation) == [.granted, .refused])
        #expect(DecisionOutcome.allowed(for: .leave, recommendation: .blocked) == [.refused])
        #expect(DecisionOutcome.allowed(for: .leave, recommendation: .consider) == [.granted, .grantedInPart, .refused])
        let part = DecisionAnswers(outcome: "granted-in-part", reason: "Some days")
        #expect(part.validate(against: fine, type: .lunchtime).errors.map(\.field) == ["outcome"])
        #expect(DecisionAnswers(outcome: "granted", reason: "Fine").validate(against: fine, type: .lunchtime).errors.isEmpty)
    }

    /// 001 §5.1: the consultation is recorded whatever the outcome.
    @Test func anUnforeseenCircumstanceNeedsTheConsultationRecorded() {
        let unforeseen = evaluation([(.loaUnforeseen, .attention)])
        #expect(DecisionAnswers(outcome: "refused", reason: "No").validate(against: unforeseen, type: .leave).errors.map(\.field) == ["consultation"])
        #expect(DecisionAnswers(outcome: "granted", reason: "Yes", consultation: "CEO agreed by phone, 3 March").validate(against: unforeseen, type: .leave).errors.isEmpty)
    }
}

/// rules.md "What a decision records": granted in part, with the granted sessions.
@Suite("Granting some of a request")
struct GrantedInPartTests {
    let requested = (start: SessionPoint(SchoolDate(iso: "2026-12-07")!, .am), end: SessionPoint(SchoolDate(iso: "2026-12-09")!, .pm))

    func answers(_ from: String, _ fromSession: String, _ to: String, _ toSession: String) -> DecisionAnswers {
        func date(_ text: String) -> DateAnswer {
            let parts = text.split(separator: "-").map(String.init)
            return parts.count == 3 ? DateAnswer(day: parts[2], month: parts[1], year: parts[0]) : DateAnswer()
        }
        return DecisionAnswers(outcome: "granted-in-part", reason: "Two days only", grantedFrom: date(from), grantedFromSession: fromSession,
                               grantedTo: date(to), grantedToSession: toSession)
    }

    @Test func aPartInsideTheRequestIsAccepted() {
        guard case .valid(let part) = answers("2026-12-07", "AM", "2026-12-08", "PM").grantedPart(of: requested) else {
            Issue.record("expected a valid part")
            return
        }
        #expect(part.from == requested.start)
        #expect(part.to == SessionPoint(SchoolDate(iso: "2026-12-08")!, .pm))
    }

    @Test func aPartOutsideOutOfOrderOrWholeIsRefused() {
        #expect(answers("2026-12-06", "AM", "2026-12-08", "PM").grantedPart(of: requested).errors.first?.message.hasPrefix("The part granted must fall within") == true)
        #expect(answers("2026-12-08", "AM", "2026-12-07", "PM").grantedPart(of: requested).errors.map(\.message) == ["The last session granted must be on or after the first"])
        #expect(answers("2026-12-07", "AM", "2026-12-09", "PM").grantedPart(of: requested).errors.map(\.message) == ["That is all of it: choose Grant instead"])
        #expect(answers("", "", "2026-12-08", "PM").grantedPart(of: requested).errors.map(\.message) == ["Enter the first session granted"])
        #expect(answers("2026-12-07", "", "2026-12-08", "PM").grantedPart(of: requested).errors.map(\.field) == ["grantedFromSession"])
    }

    /// A blocked request cannot be granted even in part.
    @Test func aBlockedRequestCannotBeGrantedInPart() {
        let findings = [Finding(rule: .loaProtest, severity: .blocked, message: "protest", source: "001 §5.1")]
        let evaluation = Evaluation(recommendation: .blocked, sessions: 6, schoolDays: 3, attendanceToDate: 1, projectedAttendance: 1,
                                    registerCode: .exceptional, findings: findings)
        #expect(answers("2026-12-07", "AM", "2026-12-08", "PM").validate(against: evaluation, type: .leave).errors.first?.message == "This request cannot be granted: protest")
    }
}
